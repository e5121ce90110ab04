// The versions of what processes cache (the contacts by address, the deployment's settings, the timelines and
// their backlog): one small document per kind, each a new random value written after every change of that kind, by
// any instance. A cache is used only under the version it was filled under, so it is never older than the
// data was when its version was read.
//
// All versions are one read (the collection holds a document per kind), and readers share it: a reader asks
// for versions "as of" an instant, and gets a read that started at or after it. One request passes its start,
// so its caches agree and cost one read; under load, readers that arrive while a read is under way share the
// next one. A read under way is never joined: it may have been answered before a change the reader must see.
import crypto from 'node:crypto';
import { isDuplicateKeyError } from './db.js';
import type { Models } from './models/index.js';

export type VersionKind = 'contacts' | 'settings' | 'timelineBacklog' | 'timelines';
export type VersionSnapshot = ReadonlyMap<string, string>;

interface Read {
  startedAt: number;
  result: Promise<VersionSnapshot>;
}

export class Versions {
  private last: Read | null = null;
  private inFlight: Read | null = null;
  private queued: Promise<VersionSnapshot> | null = null;

  constructor(
    private readonly models: Models,
    readonly now: () => number = () => performance.now(),
  ) {}

  /** Every kind's version, read at or after `asOf` (this process's clock: `now()`); '' for a kind never changed. */
  current(asOf: number = this.now()): Promise<VersionSnapshot> {
    if (this.last && this.last.startedAt >= asOf) return this.last.result;
    if (!this.inFlight) return this.start().result;
    // Starts when the read under way has ended, so it starts after every reader that waits for it asked.
    this.queued ??= this.inFlight.result
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.start().result;
      });
    return this.queued;
  }

  /** After a change of `kind` (never before: a reader that sees the new version must find the change). */
  async changed(kind: VersionKind): Promise<void> {
    this.last = null;
    const write = () =>
      this.models.Version.updateOne({ _id: kind }, { $set: { v: crypto.randomUUID() } }, { upsert: true });
    // Two first writers of a kind both insert: the one that loses finds the document there and updates it.
    await write().catch((err: unknown) => {
      if (!isDuplicateKeyError(err)) throw err;
      return write();
    });
    this.last = null; // nor one that started while the change was under way
  }

  private start(): Read {
    const read: Read = {
      startedAt: this.now(),
      result: this.models.Version.find({}, { v: 1 })
        .lean()
        .then((docs) => new Map(docs.map((d) => [d._id, d.v]))),
    };
    this.last = this.inFlight = read;
    read.result.then(
      () => this.inFlight === read && (this.inFlight = null),
      () => {
        if (this.inFlight === read) this.inFlight = null;
        if (this.last === read) this.last = null; // a failed read is not shared with later readers
      },
    );
    return read;
  }
}

const all = new WeakMap<Models, Versions>();

/** The one Versions of a set of models (one connection), shared by every cache on it. */
export function versionsOf(models: Models): Versions {
  let v = all.get(models);
  if (!v) all.set(models, (v = new Versions(models)));
  return v;
}

/** One value a process keeps under a version: read again only when the version read as of `asOf` is another. */
export class VersionedValue<T> {
  private held: { version: string; value: T } | null = null;

  constructor(
    private readonly versions: Versions,
    private readonly kind: VersionKind,
    private readonly read: () => Promise<T>,
  ) {}

  async get(asOf?: number): Promise<T> {
    const version = (await this.versions.current(asOf)).get(this.kind) ?? '';
    if (this.held?.version === version) return this.held.value;
    // Read after the version: at least as new as it (a newer version makes the next reader read again).
    const value = await this.read();
    this.held = { version, value };
    return value;
  }

  /** After this process's own change, before its version is written. */
  forget(): void {
    this.held = null;
  }
}

// The versions of what processes cache (the contacts by address, the deployment's settings, the timelines and
// their backlog): one small document per kind, each a new random value written after every change of that kind, by
// any instance. A cache is used only under the version it was filled under.
//
// All versions are one read (the collection holds a document per kind), and readers share it: a reader asks
// for versions "as of" an instant, and gets a read that started at most VERSIONS_SHARED_MS before it (under way
// or done), else the next one. So a change by another instance is seen by every request that starts more than
// that bound after the change ended; a change by this process, by every request after it (no read that started
// before it is shared after it). Under load that is a read per bound instead of one per few requests: at 500
// lookups/s, 0.57 -> 0.04 commands per lookup (of 1.07), FerretDB's CPU per lookup 0.63-0.72 -> 0.43-0.52 ms.
import crypto from 'node:crypto';
import { isDuplicateKeyError } from './db.js';
import type { Models } from './models/index.js';

export type VersionKind = 'contacts' | 'settings' | 'timelineBacklog' | 'timelines';
/** Each kind's version, and when (the wall clock, `Date.now()`) the read that found them started. */
export type VersionSnapshot = ReadonlyMap<string, string> & { readonly readAt: number };

/** How long before a reader asked a read it shares may have started: the bound on seeing another instance's
 *  change (documented in docs/ARCHITECTURE.md, "Versions"). */
export const VERSIONS_SHARED_MS = 50;

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
    private readonly sharedMs: number = VERSIONS_SHARED_MS,
  ) {}

  /** Every kind's version, read at most `sharedMs` before `asOf` (this process's clock: `now()`) and after this
   *  process's last change; absent for a kind never changed. */
  current(asOf: number = this.now()): Promise<VersionSnapshot> {
    // `last` is never a read that started before this process's last change ended (`changed` drops it).
    if (this.last && this.last.startedAt >= asOf - this.sharedMs) return this.last.result;
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
    const readAt = Date.now();
    const read: Read = {
      startedAt: this.now(),
      result: this.models.Version.find({}, { v: 1 })
        .lean()
        .then((docs) => Object.assign(new Map(docs.map((d) => [d._id, d.v])), { readAt })),
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

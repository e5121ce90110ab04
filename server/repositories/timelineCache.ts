// The timelines the lookup read last, kept in the process under the `timelines` version (repositories/versions.ts):
// a lookup reads the versions anyway, so a contact whose timeline it holds costs no query while its timeline has
// not changed.
//
// Every write of timelines, by any instance, files the contacts it wrote in the timelines' change log
// (changeLog.ts) and then changes the version. A lookup that reads a new version first catches up: it reads the
// log from its last catch-up (less the clocks' skew) and drops the held timelines of the contacts listed there,
// so the loop's drain (a burst every few seconds while mail flows) costs the cache only the contacts it wrote.
// Why no change is missed: a change is written, filed, then its version written; a catch-up to version V runs
// after V was read, so every change whose version is V or older is in the log when the catch-up reads it (the
// same argument as the contact directory's, contactDirectory.ts). An erasure files "everything" (its contact's
// number stays nowhere), as does a catch-up further back than the log answers: then everything held is dropped.
//
// A timeline is only ever taken under the version the lookup read (a read that started at most VERSIONS_SHARED_MS
// before the lookup, and after this process's last change: versions.ts), and it was read after that version was,
// or its contact is not in any change caught up since: it is never older than the database was when that read
// started. A write whose instance died before it changed the version is not seen until the next write
// anywhere changes it, or until MAX_AGE_MS has passed. A lookup may start its contacts' reads ahead, beside its
// versions read (`prefetch`): they serve it, and stay, unless a catch-up drops their contact meanwhile.
//
// Filled when the server starts (`fill`, server/main.ts), in the background: the first lookups after a restart
// or a deployment find the timelines held, as later ones do.
import zlib from 'node:zlib';
import { CatchUps, sinceUnchanged, type ChangeLog } from './changeLog.js';
import { timelineOfBytes } from './timelineCodec.js';
import type { Timeline } from './timelineStore.js';
import type { Versions } from './versions.js';

/** The bytes of the timelines held per process (the most recently used), outside the heap, compressed: BSON
 *  repeats each entry's field names, so deflate keeps a fifth of the 3 KB of a timeline of the lookup benchmark's
 *  generated data (its repetitive subjects flatter that; mail subjects compress less). As objects, whole
 *  timelines took 10 KB each of the heap (measured there). A hit costs ~20 us to inflate and ~60 us to decode;
 *  a read costs ~0.4 ms of this process's CPU and ~1 ms of the database's. */
export const CACHED_BYTES = 96 * 1024 * 1024;
/** A held timeline is read again after this long even when the version never changed (a writer that died). */
export const MAX_AGE_MS = 10 * 60_000;

interface Held {
  /** The BSON, deflated (null: none stored). */
  packed: Uint8Array | null;
  /** When the read that filled it started. */
  at: number;
}

export class TimelineCache {
  private version: string | null = null;
  /** The wall clock of the last catch-up's start: every change filed before it, less the clocks' skew, is
   *  reflected in what is held. */
  private since = -Infinity;
  private readonly catchUps = new CatchUps((version) => this.catchUpTo(version));
  /** The log's entries the last catch-up read (each applied once). */
  private applied = new Set<string>();
  private readonly held = new Map<string, Held>();
  private bytes = 0;
  /** Reads under way: concurrent lookups of one contact share one; a read a catch-up dropped is not kept. */
  private readonly reading = new Map<string, Promise<Uint8Array | null>>();
  /** While `fill` runs: what catch-ups dropped meanwhile, which it must not keep. */
  private filling: { dropped: Set<string>; all: boolean } | null = null;

  constructor(
    private readonly versions: Versions,
    private readonly log: ChangeLog,
    /** The stored timeline's BSON (null: none). */
    private readonly read: (id: string) => Promise<Uint8Array | null>,
    private readonly clock: () => number = () => Date.now(),
    private readonly capacity = CACHED_BYTES,
  ) {}

  /** Each contact's timeline (null: none stored), as of the versions read for `asOf` (versions.ts). */
  async get(ids: string[], asOf?: number): Promise<Map<string, Timeline | null>> {
    await this.atVersionAsOf(asOf);
    const now = this.clock();
    const out = await Promise.all(ids.map((id) => this.one(id, now)));
    return new Map(ids.map((id, i) => [id, out[i]!]));
  }

  /**
   * Starts reading now, beside the lookup's versions read, the timelines of `ids` it does not hold: the contacts
   * the lookup will most likely ask for (the directory as held, before its version check). A round trip less when
   * they are not held. Used by `get` unless the catch-up to the version it reads drops them (then read again).
   */
  prefetch(ids: string[]): void {
    if (this.version === null) return; // nothing read yet: nothing to compare with
    const now = this.clock();
    for (const id of ids) {
      if (this.fresh(id, now) || this.reading.has(id)) continue;
      void this.start(id, now).catch(() => {}); // a failure is met again by the lookup's own read
    }
  }

  /**
   * Holds the stored timelines `scan` yields (the start-up fill), until the cache is full; never one a lookup read
   * or a catch-up dropped meanwhile. The scan starts after the version is read, so it is at least as new.
   */
  async fill(scan: () => AsyncIterable<[string, Uint8Array]>): Promise<number> {
    if (this.filling) return 0;
    await this.atVersionAsOf();
    const filling = (this.filling = { dropped: new Set<string>(), all: false });
    const at = this.clock();
    let kept = 0;
    try {
      for await (const [id, bson] of scan()) {
        if (filling.all) break;
        if (filling.dropped.has(id) || this.held.has(id) || this.reading.has(id)) continue;
        const h = heldOf(bson, at);
        if (this.bytes + sizeOf(h) > this.capacity) break;
        this.keep(id, h);
        kept++;
      }
    } finally {
      this.filling = null;
    }
    return kept;
  }

  /** How many timelines are held. */
  get size(): number {
    return this.held.size;
  }

  /** Caught up to the version read as of `asOf`, or kept there while it is unchanged. */
  private async atVersionAsOf(asOf?: number): Promise<void> {
    const versions = await this.versions.current(asOf);
    const version = versions.get('timelines') ?? '';
    if (version === this.version) this.since = sinceUnchanged(this.since, versions.readAt);
    else await this.catchUps.to(version);
  }

  private async catchUpTo(version: string): Promise<void> {
    if (this.version === version) return;
    const startedAt = Date.now();
    const first = this.version === null;
    const entries = await this.log.entriesSince(first ? startedAt : this.since).catch(() => null);
    // The first catch-up only notes what the log holds: nothing is held yet, and whatever is read from now on is
    // newer than those changes. Later ones apply each entry once (a change's entry stays in the log's window
    // for minutes: its contacts are dropped when it is first seen, and what is read after that is newer).
    const fresh = first ? [] : entries?.filter((e) => !this.applied.has(e.id));
    if (!fresh || fresh.some((e) => e.reload)) this.dropAll();
    else
      for (const id of fresh.flatMap((e) => e.numbers)) {
        this.drop(id);
        this.reading.delete(id);
        this.filling?.dropped.add(id);
      }
    this.applied = new Set(entries?.map((e) => e.id));
    this.version = version;
    this.since = startedAt;
  }

  /** The held timeline of `id`, unless it is too old. */
  private fresh(id: string, now: number): Held | undefined {
    const h = this.held.get(id);
    return h && now - h.at <= MAX_AGE_MS ? h : undefined;
  }

  private one(id: string, now: number): Promise<Timeline | null> | Timeline | null {
    const h = this.fresh(id, now);
    if (h) {
      this.held.delete(id); // most recently used last
      this.held.set(id, h);
      return h.packed && timelineOfBytes(zlib.inflateRawSync(h.packed));
    }
    const under = this.reading.get(id);
    if (under) return under.then(decode);
    return this.start(id, now).then(decode);
  }

  /** Reads a timeline, shared by the lookups that ask meanwhile; kept unless a catch-up dropped it meanwhile
   *  (then it may be from before the change). */
  private start(id: string, now: number): Promise<Uint8Array | null> {
    const reading: Promise<Uint8Array | null> = this.read(id).then(
      (bson) => {
        if (this.reading.get(id) === reading) {
          this.reading.delete(id);
          this.keep(id, heldOf(bson, now));
        }
        return bson;
      },
      (err: unknown) => {
        if (this.reading.get(id) === reading) this.reading.delete(id);
        throw err;
      },
    );
    this.reading.set(id, reading);
    return reading;
  }

  private dropAll(): void {
    this.held.clear();
    this.bytes = 0;
    this.reading.clear();
    if (this.filling) this.filling.all = true;
  }

  private keep(id: string, h: Held): void {
    this.drop(id);
    this.held.set(id, h);
    this.bytes += sizeOf(h);
    while (this.bytes > this.capacity) this.drop(this.held.keys().next().value!);
  }

  private drop(id: string): void {
    const h = this.held.get(id);
    if (!h) return;
    this.held.delete(id);
    this.bytes -= sizeOf(h);
  }
}

/** What a held timeline costs beyond its bytes: its key and entry (so a held "none" counts too). */
const ENTRY_BYTES = 100;
/** What a held timeline costs. */
const sizeOf = (h: Held) => (h.packed?.byteLength ?? 0) + ENTRY_BYTES;

/** A copy of its own size: zlib answers a view of its 16-KB output chunk. */
const heldOf = (bson: Uint8Array | null, at: number): Held => ({
  packed: bson && Uint8Array.prototype.slice.call(zlib.deflateRawSync(bson)),
  at,
});

/** A new copy per lookup, so no lookup can change what the next one gets. */
function decode(bson: Uint8Array | null): Timeline | null {
  return bson && timelineOfBytes(bson);
}

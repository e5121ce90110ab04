// The timelines the lookup read last, kept in the process under the `timelines` version (repositories/versions.ts):
// a lookup reads the versions anyway, so a contact whose timeline it holds costs no query while no timeline has
// changed anywhere.
//
// Every write of timelines, by any instance, changes the version after it has landed (timelineStore.ts), so the
// next lookup that reads the new version drops everything held and reads again. A timeline is only ever taken
// under the version read at or after the lookup started, and it was read after that version was: it is never
// older than the database was when the lookup began. A write whose instance died before it changed the version
// is not seen until the next write anywhere changes it, or until MAX_AGE_MS has passed. A lookup may start its
// contacts' reads ahead, beside its versions read (`prefetch`): under the version held then, so they serve it, and
// stay, only if its versions read finds that version unchanged.
//
// Whole-cache invalidation is deliberate: timelines change by user actions and by the loop's drain (a burst every
// few seconds while mail flows, repositories/timelineBacklog.ts), both far rarer than lookups; per-contact change
// tracking would cost the writers a log like the contacts' (contactChanges.ts) for little more.
import { timelineOfBytes } from './timelineCodec.js';
import type { Timeline } from './timelineStore.js';
import type { Versions } from './versions.js';

/** The BSON bytes of the timelines held per process (the most recently used), outside the heap: ~2 KB each on the
 *  lookup benchmark's data (slim entries: timelineStore.ts), so ~48,000 of them. As objects, whole timelines took
 *  10 KB each of the heap (measured there); a hit costs ~60 us to decode where a read costs ~1 ms of this process's
 *  CPU and ~2 ms of FerretDB's. */
export const CACHED_BYTES = 96 * 1024 * 1024;
/** A held timeline is read again after this long even when the version never changed (a writer that died). */
export const MAX_AGE_MS = 10 * 60_000;

interface Held {
  bson: Uint8Array | null;
  /** When the read that filled it started. */
  at: number;
}

export class TimelineCache {
  private version: string | null = null;
  private readonly held = new Map<string, Held>();
  private bytes = 0;
  /** Reads under way for the held version: concurrent lookups of one contact share one. */
  private readonly reading = new Map<string, Promise<Uint8Array | null>>();

  constructor(
    private readonly versions: Versions,
    /** The stored timeline's BSON (null: none). */
    private readonly read: (id: string) => Promise<Uint8Array | null>,
    private readonly clock: () => number = () => Date.now(),
    private readonly capacity = CACHED_BYTES,
  ) {}

  /** Each contact's timeline (null: none stored), as of a versions read at or after `asOf`. */
  async get(ids: string[], asOf?: number): Promise<Map<string, Timeline | null>> {
    const version = (await this.versions.current(asOf)).get('timelines') ?? '';
    if (version !== this.version) {
      this.held.clear();
      this.bytes = 0;
      this.reading.clear();
      this.version = version;
    }
    const now = this.clock();
    const out = await Promise.all(ids.map((id) => this.one(id, version, now)));
    return new Map(ids.map((id, i) => [id, out[i]!]));
  }

  /**
   * Starts reading now, beside the lookup's versions read, the timelines of `ids` it does not hold: the contacts
   * the lookup will most likely ask for (the directory as held, before its version check). A round trip less when
   * they are not held. Used by `get` only if the version is still the one held now (else dropped with the rest,
   * and read again); kept only then too, as any read (`one`).
   */
  prefetch(ids: string[]): void {
    const version = this.version;
    if (version === null) return; // nothing read yet: nothing to compare with
    const now = this.clock();
    for (const id of ids) {
      if (this.fresh(id, now) || this.reading.has(id)) continue;
      void this.start(id, version, now).catch(() => {}); // a failure is met again by the lookup's own read
    }
  }

  /** How many timelines are held. */
  get size(): number {
    return this.held.size;
  }

  /** The held timeline of `id`, unless it is too old. */
  private fresh(id: string, now: number): Held | undefined {
    const h = this.held.get(id);
    return h && now - h.at <= MAX_AGE_MS ? h : undefined;
  }

  private one(id: string, version: string, now: number): Promise<Timeline | null> | Timeline | null {
    const h = this.fresh(id, now);
    if (h) {
      this.held.delete(id); // most recently used last
      this.held.set(id, h);
      return decode(h.bson);
    }
    const under = this.reading.get(id);
    if (under) return under.then(decode);
    return this.start(id, version, now).then(decode);
  }

  /** Reads a timeline under `version`, shared by the lookups that ask meanwhile. */
  private start(id: string, version: string, now: number): Promise<Uint8Array | null> {
    const reading = this.read(id);
    this.reading.set(id, reading);
    const done = () => this.reading.get(id) === reading && this.reading.delete(id);
    reading.then(done, done);
    return reading.then((bson) => {
      // Kept only if no newer version was read meanwhile (then this may be from before its change).
      if (this.version === version) this.keep(id, { bson, at: now });
      return bson;
    });
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

/** What a held timeline costs: its bytes, and ~100 for its key and entry (so a held "none" counts too). */
const sizeOf = (h: Held) => (h.bson?.byteLength ?? 0) + 100;

/** A new copy per lookup, so no lookup can change what the next one gets. */
function decode(bson: Uint8Array | null): Timeline | null {
  return bson && timelineOfBytes(bson);
}

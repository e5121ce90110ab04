// An ordered list of items kept in chunks (the "sorted list of lists" idea): insert, remove and rank queries
// cost O(chunks + log chunk) instead of the O(n) of a plain array splice, so a folder of 100,000 messages
// can be paged with $skip and emptied one move at a time without quadratic work.

const CHUNK = 512;

export class SortedChunkList<T> {
  private chunks: T[][] = [];
  private count = 0;

  /** `key` orders the items; `tie` must be unique per item so every item has one exact place. */
  constructor(
    private readonly key: (item: T) => number,
    private readonly tie: (item: T) => number,
  ) {}

  get size(): number {
    return this.count;
  }

  private cmp(a: T, b: T): number {
    return this.key(a) - this.key(b) || this.tie(a) - this.tie(b);
  }

  /** Index of the first chunk whose last item is >= item (or the last chunk). */
  private chunkFor(item: T): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const chunk = this.chunks[mid]!;
      if (this.cmp(chunk[chunk.length - 1]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private lowerBound(chunk: T[], item: T): number {
    let lo = 0;
    let hi = chunk.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(chunk[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    this.count += 1;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    const ci = this.chunkFor(item);
    const chunk = this.chunks[ci]!;
    chunk.splice(this.lowerBound(chunk, item), 0, item);
    if (chunk.length > 2 * CHUNK) this.chunks.splice(ci + 1, 0, chunk.splice(CHUNK));
  }

  remove(item: T): boolean {
    if (this.chunks.length === 0) return false;
    const ci = this.chunkFor(item);
    const chunk = this.chunks[ci]!;
    const i = this.lowerBound(chunk, item);
    if (chunk[i] !== item) return false;
    chunk.splice(i, 1);
    if (chunk.length === 0) this.chunks.splice(ci, 1);
    this.count -= 1;
    return true;
  }

  /** Number of items whose key is below `key` (or at most `key` when `inclusive`). */
  countBelow(key: number, inclusive: boolean): number {
    const below = (k: number) => (inclusive ? k <= key : k < key);
    let n = 0;
    for (const chunk of this.chunks) {
      if (below(this.key(chunk[chunk.length - 1]!))) {
        n += chunk.length;
        continue;
      }
      let lo = 0;
      let hi = chunk.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (below(this.key(chunk[mid]!))) lo = mid + 1;
        else hi = mid;
      }
      return n + lo;
    }
    return n;
  }

  /** Items at ascending ranks [from, to). */
  range(from: number, to: number): T[] {
    const out: T[] = [];
    let base = 0;
    for (const chunk of this.chunks) {
      if (base + chunk.length <= from) {
        base += chunk.length;
        continue;
      }
      if (base >= to) break;
      for (let i = Math.max(0, from - base); i < chunk.length && base + i < to; i += 1) out.push(chunk[i]!);
      base += chunk.length;
    }
    return out;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }
}

// Number series that never hand out a number twice, even across processes and on FerretDB, whose
// findOneAndUpdate/$inc is not atomic: a block of numbers belongs to whoever inserted its document first
// (unique _id). Contacts and opportunities take blocks of one (gap-free in normal use); interaction entries take
// larger blocks so the loop does not pay a write per entry (a restart can leave a gap, as Business Central can).
import type { Models } from './models/index.js';
import { isDuplicateKeyError } from './db.js';

export interface SeriesDefinition {
  name: string;
  blockSize: number;
}

export const SERIES = {
  contact: { name: 'contact', blockSize: 1 },
  opportunity: { name: 'opportunity', blockSize: 1 },
  interaction: { name: 'interaction', blockSize: 100 },
} as const satisfies Record<string, SeriesDefinition>;

export function formatNumber(prefix: string, n: number, width = 6): string {
  return `${prefix}${String(n).padStart(width, '0')}`;
}

export class NumberSeries {
  private readonly free = new Map<string, number[]>();
  private readonly queue = new Map<string, Promise<unknown>>();
  /** The last block this process reserved: the next one is usually free, which saves the highest-block query. */
  private readonly lastBlock = new Map<string, number>();

  constructor(
    private readonly models: Models,
    private readonly owner: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The next number of a series. Concurrent calls in one process are served in order. */
  next(series: SeriesDefinition): Promise<number> {
    const prev = this.queue.get(series.name) ?? Promise.resolve();
    const result = prev.then(() => this.take(series));
    this.queue.set(
      series.name,
      result.catch(() => {}),
    );
    return result;
  }

  private async take(series: SeriesDefinition): Promise<number> {
    let free = this.free.get(series.name);
    if (!free || free.length === 0) {
      const block = await this.reserveBlock(series);
      const first = (block - 1) * series.blockSize + 1;
      free = Array.from({ length: series.blockSize }, (_, i) => first + i);
      this.free.set(series.name, free);
    }
    return free.shift()!;
  }

  private async highestBlock(series: string): Promise<number> {
    const top = await this.models.NumberBlock.findOne({ series }, { block: 1 }).sort({ block: -1 }).lean();
    return top?.block ?? 0;
  }

  private async reserveBlock(series: SeriesDefinition): Promise<number> {
    const last = this.lastBlock.get(series.name);
    let candidate = last !== undefined ? last + 1 : (await this.highestBlock(series.name)) + 1;
    for (let attempt = 0; attempt < 1000; attempt++) {
      try {
        await this.models.NumberBlock.create({
          _id: `${series.name}#${candidate}`,
          series: series.name,
          block: candidate,
          owner: this.owner,
          at: this.now(),
        });
        this.lastBlock.set(series.name, candidate);
        return candidate;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        candidate = Math.max(candidate + 1, (await this.highestBlock(series.name)) + 1);
      }
    }
    throw new Error(`could not reserve a block of series ${series.name}`);
  }
}

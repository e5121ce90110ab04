import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { wrapConnection } from '../../../server/repositories/db.js';
import { NumberSeries, SERIES, formatNumber } from '../../../server/repositories/numberSeries.js';
import { useTestDatabase } from '../../support/db.js';

const run = promisify(execFile);
const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), 'numberSeries.worker.ts');

describe('NumberSeries (real database)', function () {
  this.timeout(120_000);
  const db = useTestDatabase('numbers');

  it('hands out consecutive numbers in one process', async () => {
    const { models } = await wrapConnection(db().conn);
    const series = new NumberSeries(models, 'p1');
    const got = await Promise.all(Array.from({ length: 5 }, () => series.next(SERIES.opportunity)));
    assert.deepEqual(got, [1, 2, 3, 4, 5]);
    assert.equal(formatNumber('OP', got[4]!), 'OP000005');
  });

  it('gives 200 distinct numbers to 200 concurrent allocations from 4 processes', async () => {
    await wrapConnection(db().conn);
    const uri = process.env.MONGODB_URI!;
    for (const s of ['contact', 'interaction'] as const) {
      const outputs = await Promise.all(
        Array.from({ length: 4 }, () =>
          run('npx', ['tsx', worker, uri, db().name, '50', s], { env: process.env }),
        ),
      );
      const all = outputs.flatMap((o) => JSON.parse(o.stdout) as number[]);
      assert.equal(all.length, 200);
      assert.equal(new Set(all).size, 200, `${s}: duplicates in ${all.join(',')}`);
      if (s === 'contact') {
        // Blocks of one: the 200 numbers are exactly 1..200, no gaps.
        assert.deepEqual(
          [...all].sort((a, b) => a - b),
          Array.from({ length: 200 }, (_, i) => i + 1),
        );
      }
    }
  });
});

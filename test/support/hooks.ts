// Mocha root hooks. The test process must be started by `npm test` (scripts/test.ts), which provisions the
// database server and trusts the development CA before Node starts.
// Every query any test makes through mongoose is recorded; after the run, each must be served by a declared
// index (see indexCoverage.ts), so a new repository query without its index fails the suite.
import mongoose from 'mongoose';
import { createModels } from '../../server/repositories/models/index.js';
import { declaredIndexes, startQueryCapture, unservedQueries, type QueryShape } from './indexCoverage.js';

let captured: QueryShape[] = [];

export const mochaHooks = {
  beforeAll(): void {
    if (!process.env.MONGODB_URI) {
      throw new Error(
        'MONGODB_URI is not set: run tests through `npm test` (or `npm test -- --quick <files>`).',
      );
    }
    captured = startQueryCapture();
  },
  afterAll(): void {
    const models = createModels(mongoose.createConnection()) as unknown as Record<
      string,
      mongoose.Model<unknown>
    >;
    const bad = unservedQueries(captured, declaredIndexes(models));
    if (bad.length > 0) {
      throw new Error(
        `Queries not served by a declared index (declare one in server/repositories/models):\n` +
          bad
            .map(
              (q) =>
                `  ${q.collection}.${q.method} eq=[${q.equality}] range=[${q.range}] sort=${JSON.stringify(q.sort)}`,
            )
            .join('\n'),
      );
    }
  },
};

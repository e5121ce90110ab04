// Mocha root hooks: the test process must be started by `npm test` (scripts/test.ts), which provisions the
// database server and trusts the development CA before Node starts.
export const mochaHooks = {
  beforeAll(): void {
    if (!process.env.MONGODB_URI) {
      throw new Error('MONGODB_URI is not set: run tests through `npm test` (or `npm test -- --quick <files>`).');
    }
  },
};

// The whole back end for an end-to-end test file: its own database with the demo data of `npm start` (its people,
// with the fixed history of fixedHistory.ts instead of the generated week), and the real server process
// (development sign-in) serving the built add-in pages from dist/addin.
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoData } from '../../../scripts/demo/seed.js';
import { seedFixedHistory } from './fixedHistory.js';
import { repoRoot } from '../../../scripts/lib/paths.js';
import { wrapConnection, type Database } from '../../../server/repositories/db.js';
import { dropTestDatabase, openTestDatabase, testDatabaseUri, type TestDatabase } from '../../support/db.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';

export const ADDIN_DIST = path.join(repoRoot, 'dist', 'addin');

export interface AddinServer {
  url: string;
  /** The test's database, as the server sees it. */
  db: Database;
  /** When the demo data was seeded (its entries are 3, 6, 9 and 12 days before). */
  seededAt: Date;
  process: ServerProcess;
}

export function assertAddinBuilt(): void {
  for (const page of ['taskpane.html', 'preview.html', 'office-js/office.js']) {
    if (!fs.existsSync(path.join(ADDIN_DIST, page))) {
      throw new Error(
        `dist/addin/${page} is missing: build the add-in first (npx webpack --mode production; npm test does it)`,
      );
    }
  }
}

/**
 * Registers hooks that seed a fresh database and run the server on it for the describe block. `env` may be a
 * function, read when the server starts: for values a `before` hook registered earlier makes (a mailbox's URL).
 */
export function useAddinServer(
  label: string,
  env: Record<string, string> | (() => Record<string, string>) = {},
): () => AddinServer {
  let testDb: TestDatabase | undefined;
  let server: AddinServer | undefined;
  before(async function () {
    this.timeout(120_000);
    assertAddinBuilt();
    testDb = await openTestDatabase(label);
    const db = await wrapConnection(testDb.conn);
    const seededAt = new Date();
    await seedDemoData(db, seededAt, { mailHistory: false });
    await seedFixedHistory(db, seededAt);
    const proc = await startServer({
      MONGODB_URI: testDatabaseUri(testDb.name),
      INTERNAL_DOMAINS: 'contoso.example',
      ADMIN_EMAILS: 'annette.hill@contoso.example',
      ...(typeof env === 'function' ? env() : env),
    });
    server = { url: proc.url, db, seededAt, process: proc };
  });
  after(async function () {
    this.timeout(60_000);
    // The server first: it must not see its database vanish.
    await server?.process.stop();
    if (testDb) await dropTestDatabase(testDb);
  });
  return () => {
    if (!server) throw new Error('add-in server not started yet');
    return server;
  };
}

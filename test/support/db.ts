// Each integration test file gets its own database on the shared test server, dropped afterwards.
import { wrapConnection, writeConcernFor, type Database } from '../../server/repositories/db.js';
import crypto from 'node:crypto';
import type { CommandStartedEvent } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { databaseUri } from '../../scripts/lib/mongo.js';

/** One database on the test run's database server (MONGODB_URI, set by scripts/test.ts), e.g. for a server process. */
export function testDatabaseUri(dbName: string): string {
  return databaseUri(process.env.MONGODB_URI!, dbName);
}

export interface TestDatabase {
  conn: Connection;
  name: string;
}

export async function openTestDatabase(label = 't'): Promise<TestDatabase> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: run tests through `npm test`');
  const name = `${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${crypto.randomBytes(5).toString('hex')}`;
  // The production write concern, so every test writes as the server does.
  const conn = mongoose.createConnection(uri, { dbName: name, autoIndex: false, ...writeConcernFor(uri) });
  await conn.asPromise();
  return { conn, name };
}

export async function dropTestDatabase(db: TestDatabase): Promise<void> {
  await db.conn.dropDatabase().catch(() => {});
  await db.conn.close();
}

/** Registers before/after hooks in the current describe block and returns a getter for the database. */
export function useTestDatabase(label?: string): () => TestDatabase {
  let db: TestDatabase | undefined;
  before(async () => {
    db = await openTestDatabase(label);
  });
  after(async () => {
    if (db) await dropTestDatabase(db);
  });
  return () => {
    if (!db) throw new Error('test database not open yet');
    return db;
  };
}

/** A connection of its own to a test database (as another server process has: its own caches), whose commands
 *  `onCommand` sees as they start. Close `conn` when done. */
export async function openWatchedConnection(
  dbName: string,
  onCommand: (e: CommandStartedEvent) => void,
): Promise<{ conn: Connection; db: Database }> {
  const conn = mongoose.createConnection(process.env.MONGODB_URI!, {
    dbName,
    autoIndex: false,
    monitorCommands: true,
  });
  await conn.asPromise();
  conn.getClient().on('commandStarted', onCommand);
  return { conn, db: await wrapConnection(conn) };
}

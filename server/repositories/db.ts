// Opening the database: one mongoose connection per process (tests open one per database).
import mongoose, { type Connection } from 'mongoose';
import { redactUri, StartupFailure } from '../config/startupFailure.js';
import { createModels, ensureIndexes, type Models } from './models/index.js';

export interface Database {
  conn: Connection;
  models: Models;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Writes are acknowledged by a majority of the replica set and journaled unless the connection string says
 * otherwise (`w=`, `journal=`): an intent or entry a failover could roll back would break crash safety (an
 * intent lost after its message moved). FerretDB accepts and ignores write concerns (one node, SQLite or
 * PostgreSQL underneath, durable on commit).
 */
export function writeConcernFor(uri: string): { w?: 'majority'; journal?: boolean } {
  const query = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).searchParams;
  const keys = [...query.keys()].map((k) => k.toLowerCase());
  return {
    ...(keys.includes('w') ? {} : { w: 'majority' as const }),
    ...(keys.includes('journal') || keys.includes('j') ? {} : { journal: true }),
  };
}

export async function openDatabase(uri: string, opts: { dbName?: string } = {}): Promise<Database> {
  const conn = mongoose.createConnection(uri, {
    dbName: opts.dbName,
    autoIndex: false,
    serverSelectionTimeoutMS: 5000,
    ...writeConcernFor(uri),
  });
  await conn.asPromise();
  return wrapConnection(conn);
}

/** Opening the database at start-up: a failure becomes one line naming MONGODB_URI (credentials hidden). */
export async function connectDatabase(uri: string, opts: { dbName?: string } = {}): Promise<Database> {
  try {
    return await openDatabase(uri, opts);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    throw new StartupFailure(
      'databaseUnavailable',
      `cannot reach the database at ${redactUri(uri)} (MONGODB_URI): ${why}`,
    );
  }
}

export async function wrapConnection(conn: Connection): Promise<Database> {
  const models = createModels(conn);
  await ensureIndexes(models);
  return {
    conn,
    models,
    async ping() {
      // Health checks must answer quickly even when the server is gone.
      const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref());
      const ping = conn
        .db!.admin()
        .ping()
        .then(
          () => true,
          () => false,
        );
      return Promise.race([ping, timeout]);
    },
    close: () => conn.close(),
  };
}

/** MongoDB's duplicate-key error (FerretDB gives the same code for inserts). */
export function isDuplicateKeyError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: number; writeErrors?: { code?: number }[] };
  return (
    e.code === 11000 ||
    (Array.isArray(e.writeErrors) && e.writeErrors.length > 0 && e.writeErrors.every((w) => w.code === 11000))
  );
}

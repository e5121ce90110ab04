// Makes FerretDB 1.24 on PostgreSQL use indexes.
//
// FerretDB keeps each document in one jsonb column and sends a filter's top-level equalities to PostgreSQL as
// `_jsonb -> 'field' @> '"value"'` (internal/backends/postgresql/query.go, filterEqual). The indexes it creates
// for createIndexes are btree indexes on `(_jsonb -> 'field')`, which cannot answer `@>`: every query, even by
// _id, is a sequential scan (1.6 s for one contact's history among 1,000,000 interactions, measured here). A GIN
// jsonb_path_ops index on the same expression answers `@>` (1.6 ms). This adds one for the leading field of
// every index the models declare (the equality part of their queries), and for _id.
//
// Run it after the collections exist (openDatabase creates them); it is idempotent. MongoDB and FerretDB's SQLite
// backend need nothing of this.
import crypto from 'node:crypto';
import mongoose, { type Model } from 'mongoose';
import { createModels } from '../../server/repositories/models/index.js';

export interface PushdownIndex {
  collection: string;
  /** A dotted path, as in the model's index. */
  field: string;
}

/** Pure: the GIN indexes a set of models needs (leading equality field of each declared index, plus _id). */
export function pushdownIndexPlan(models: Model<unknown>[]): PushdownIndex[] {
  const plan = new Map<string, PushdownIndex>();
  for (const model of models) {
    const collection = model.collection.collectionName;
    const leading = model.schema.indexes().map(([keys]) => Object.keys(keys)[0]!);
    for (const field of ['_id', ...leading]) {
      // A date leads an index for sorting and ranges, which FerretDB never pushes down.
      if (model.schema.path(field)?.instance === 'Date') continue;
      plan.set(`${collection}\0${field}`, { collection, field });
    }
  }
  return [...plan.values()];
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/** The expression FerretDB filters on: `->` for a top-level field, `#>` with a path for a dotted one. */
function jsonbExpression(field: string): string {
  const parts = field.split('.');
  if (parts.length === 1) return `_jsonb -> ${literal(field)}`;
  return `_jsonb #> ${literal(`{${parts.map((p) => p.replaceAll(',', '\\,')).join(',')}}`)}`;
}

/** Pure: the SQL creating the plan's indexes in FerretDB's schema for `database` (table names from its metadata). */
export function pushdownIndexSql(
  database: string,
  tables: ReadonlyMap<string, string>,
  plan: PushdownIndex[],
): string[] {
  const out: string[] = [];
  for (const { collection, field } of plan) {
    const table = tables.get(collection);
    if (!table) continue;
    const hash = crypto.createHash('sha256').update(field).digest('hex').slice(0, 8);
    // PostgreSQL names are at most 63 bytes; FerretDB's table names are short (collection prefix + hash).
    const name = `${table.slice(0, 40)}_pushdown_${hash}`;
    out.push(
      `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${ident(database)}.${ident(table)} ` +
        `USING gin ((${jsonbExpression(field)}) jsonb_path_ops)`,
    );
  }
  return out;
}

/** Runs SQL on the PostgreSQL database behind FerretDB (psql), returning unaligned tuples-only output. */
export type RunSql = (statement: string) => string;

/** Interlog's models, for planning only (an unconnected connection: nothing is sent anywhere). */
export function interlogModels(): Model<unknown>[] {
  return Object.values(createModels(mongoose.createConnection())) as Model<unknown>[];
}

/** Creates the missing GIN indexes; returns how many statements ran. */
export function ensurePushdownIndexes(
  sql: RunSql,
  database: string,
  models: Model<unknown>[] = interlogModels(),
): number {
  const rows = sql(
    `SELECT _jsonb ->> '_id', _jsonb ->> 'table' FROM ${ident(database)}._ferretdb_database_metadata`,
  );
  const tables = new Map(
    rows
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('|') as [string, string]),
  );
  const statements = pushdownIndexSql(database, tables, pushdownIndexPlan(models));
  for (const s of statements) sql(s);
  return statements.length;
}

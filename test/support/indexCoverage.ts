// FerretDB cannot show a MongoDB query plan, so we check query shapes ourselves: every filter/sort the code
// sends must be servable by a declared index (equality fields as an index prefix, then the sort keys in order).
// Production runs on MongoDB, where an unindexed query on 1,000,000 interactions is a collection scan.
import mongoose from 'mongoose';

export interface QueryShape {
  collection: string;
  method: string;
  equality: string[];
  range: string[];
  sort: [string, 1 | -1][];
}

type IndexKeys = [string, 1 | -1][];

const CHECKED = new Set([
  'find',
  'findOne',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'countDocuments',
  'findOneAndUpdate',
  'distinct',
]);
const EQUALITY_OPS = new Set(['$eq', '$in']);

function shapesOf(filter: Record<string, unknown>): { equality: string[]; range: string[] }[] {
  const equality: string[] = [];
  const range: string[] = [];
  let branches: { equality: string[]; range: string[] }[] | null = null;
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === '$or') {
      const alternatives = (value as Record<string, unknown>[]).flatMap((v) => shapesOf(v));
      branches = alternatives;
      continue;
    }
    if (key === '$and') {
      for (const part of value as Record<string, unknown>[]) {
        const [s] = shapesOf(part);
        if (!s) continue;
        equality.push(...s.equality);
        range.push(...s.range);
      }
      continue;
    }
    const isOperatorObject =
      value !== null &&
      typeof value === 'object' &&
      !(value instanceof Date) &&
      !Array.isArray(value) &&
      Object.keys(value).some((k) => k.startsWith('$'));
    if (isOperatorObject && !Object.keys(value as object).every((k) => EQUALITY_OPS.has(k))) range.push(key);
    else equality.push(key);
  }
  if (!branches) return [{ equality, range }];
  return branches.map((b) => ({ equality: [...equality, ...b.equality], range: [...range, ...b.range] }));
}

export function isServed(shape: QueryShape, indexes: IndexKeys[]): boolean {
  const { equality, range, sort } = shape;
  if (equality.includes('_id')) return true;
  if (equality.length === 0 && range.length === 0 && sort.length === 0) return true; // deliberate full read
  const eq = new Set(equality);
  return indexes.some((keys) => {
    // The index's leading keys that are equality fields narrow the scan; any other predicate is a filter on
    // what the index found, as MongoDB does it. At least one leading key must narrow (or order) the scan.
    let k = 0;
    while (k < keys.length && eq.has(keys[k]![0])) k++;
    const rest = keys.slice(k);
    const effectiveSort = sort.filter(([f]) => !eq.has(f));
    if (effectiveSort.length > 0) {
      const aligned = effectiveSort.every(([f, d], i) => rest[i]?.[0] === f && rest[i]?.[1] === d);
      const reversed = effectiveSort.every(([f, d], i) => rest[i]?.[0] === f && rest[i]?.[1] === -d);
      if (!aligned && !reversed) return false;
      return true;
    }
    if (k > 0) return true;
    return range.length > 0 && rest[0]?.[0] === range[0];
  });
}

export function startQueryCapture(): QueryShape[] {
  const captured: QueryShape[] = [];
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (!CHECKED.has(method)) return;
    const filter = (args[0] ?? {}) as Record<string, unknown>;
    const options = (method === 'find' || method === 'findOne' ? args[1] : undefined) as
      { sort?: Record<string, 1 | -1> } | undefined;
    const sort = Object.entries(options?.sort ?? {}) as [string, 1 | -1][];
    for (const s of shapesOf(filter)) captured.push({ collection, method, ...s, sort });
  });
  return captured;
}

/** Indexes declared on every registered schema, by collection name, from the models bound to any connection. */
export function declaredIndexes(models: Record<string, mongoose.Model<unknown>>): Map<string, IndexKeys[]> {
  const out = new Map<string, IndexKeys[]>();
  for (const model of Object.values(models)) {
    const list = model.schema.indexes().map(([keys]) => Object.entries(keys) as IndexKeys);
    out.set(model.collection.collectionName, [[['_id', 1]], ...list]);
  }
  return out;
}

export function unservedQueries(captured: QueryShape[], indexes: Map<string, IndexKeys[]>): QueryShape[] {
  const seen = new Set<string>();
  return captured.filter((q) => {
    const key = JSON.stringify(q);
    if (seen.has(key)) return false;
    seen.add(key);
    const list = indexes.get(q.collection);
    return list !== undefined && !isServed(q, list);
  });
}

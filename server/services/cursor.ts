// Opaque paging cursors: the keyset position of the last item, base64url JSON. Decoding validates the shape,
// so a forged cursor is a 400, never a query with unexpected operators.
import { z } from 'zod';
import { refuse } from './errors.js';

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor<T>(schema: z.core.$ZodType<T>, cursor: string | undefined): T | undefined {
  if (cursor === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse.invalid('query.cursor', 'not a cursor this server handed out');
  }
  const r = z.safeParse(schema, raw);
  if (!r.success) throw refuse.invalid('query.cursor', 'not a cursor this server handed out');
  return r.data;
}

/** Fetches one more than asked to know whether a next page exists. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  positionOf: (last: T) => unknown,
): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? encodeCursor(positionOf(items[items.length - 1]!)) : null };
}

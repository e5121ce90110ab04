// The OData query options of a message list: $filter (a subset), $orderby, $top, $skip, $select, $count,
// with Graph's errors, including the InefficientFilter rule, and the @odata.nextLink that carries $skip.
import { badRequest, GraphHttpError } from './errors.js';
import { parseSelect } from './message-view.js';
import type { StoredMessage } from './store.js';

export interface FilterClause {
  property: string;
  op: 'eq' | 'ne' | 'ge' | 'gt' | 'le' | 'lt';
  value: string | number | boolean;
}

export interface ListQuery {
  /** receivedDateTime bounds in epoch ms (index range). */
  ge?: number;
  gt?: number;
  le?: number;
  lt?: number;
  /** Clauses on other properties, checked message by message. */
  predicates: ((m: StoredMessage) => boolean)[];
  descending: boolean;
  top: number;
  skip: number;
  select: string[] | null;
  count: boolean;
}

const OPS = new Set(['eq', 'ne', 'ge', 'gt', 'le', 'lt']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const unsupportedFilter = (why: string) =>
  new GraphHttpError(
    400,
    'ErrorInvalidUrlQueryFilter',
    `The query filter is invalid or not supported by the emulator: ${why}`,
  );

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  const re = /\s*('(?:[^']|'')*'|\(|\)|[^\s()]+)/y;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(filter)) !== null) {
    tokens.push(m[1]!);
    end = re.lastIndex;
  }
  if (filter.slice(end).trim() !== '') throw unsupportedFilter(filter);
  return tokens;
}

function literal(token: string): string | number | boolean {
  if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
  if (token === 'true' || token === 'false') return token === 'true';
  if (ISO.test(token)) return Date.parse(token);
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  throw badRequest(`Invalid filter clause: unexpected literal '${token}'.`);
}

/** `a op v and b op v ...`, parentheses around single clauses allowed; `or`, `not` and functions refused. */
export function parseFilter(filter: string): FilterClause[] {
  const tokens = tokenize(filter).filter((t) => t !== '(' && t !== ')');
  const clauses: FilterClause[] = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [property, op, value, joiner] = tokens.slice(i, i + 4);
    if (!property || !op || value === undefined) throw badRequest(`Invalid filter clause: '${filter}'.`);
    if (!OPS.has(op.toLowerCase()) || property.includes('(')) throw unsupportedFilter(`'${property} ${op}'`);
    clauses.push({ property, op: op.toLowerCase() as FilterClause['op'], value: literal(value) });
    if (joiner !== undefined && joiner.toLowerCase() !== 'and') throw unsupportedFilter(`'${joiner}'`);
  }
  return clauses;
}

function parseOrderBy(orderby: string): { property: string; descending: boolean }[] {
  return orderby.split(',').map((part) => {
    const [property = '', dir = 'asc', ...rest] = part.trim().split(/\s+/);
    if (rest.length || !['asc', 'desc'].includes(dir.toLowerCase()))
      throw badRequest(`Invalid $orderby: '${orderby}'.`);
    return { property, descending: dir.toLowerCase() === 'desc' };
  });
}

function integer(name: string, raw: string | null, min: number, max: number, fallback: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidUrlQuery',
      `The value of ${name} must be an integer from ${min} to ${max}.`,
    );
  }
  return n;
}

function address(r: { emailAddress: { address: string } } | null): string {
  return r?.emailAddress.address.toLowerCase() ?? '';
}

/** Per-message predicates for the few non-indexed properties the emulator understands. */
function predicate(c: FilterClause): (m: StoredMessage) => boolean {
  const prop = c.property.toLowerCase();
  const get: Record<string, (m: StoredMessage) => unknown> = {
    isread: (m) => m.fields.isRead,
    isdraft: (m) => m.fields.isDraft,
    hasattachments: (m) => m.fields.hasAttachments,
    subject: (m) => m.fields.subject,
    // Exact and case-sensitive, as Exchange compares the Message-ID header (the link check's search).
    internetmessageid: (m) => m.fields.internetMessageId,
    'from/emailaddress/address': (m) => address(m.fields.from),
    'sender/emailaddress/address': (m) => address(m.fields.sender),
  };
  const getter = get[prop];
  if (!getter || (c.op !== 'eq' && c.op !== 'ne')) throw unsupportedFilter(`'${c.property} ${c.op}'`);
  const want = typeof c.value === 'string' && prop.includes('/') ? c.value.toLowerCase() : c.value;
  return c.op === 'eq' ? (m) => getter(m) === want : (m) => getter(m) !== want;
}

export function parseListQuery(q: URLSearchParams): ListQuery {
  for (const opt of ['$expand', '$search', '$apply']) {
    if (q.has(opt)) throw badRequest(`The emulator does not support ${opt}.`);
  }
  const clauses = q.has('$filter') ? parseFilter(q.get('$filter')!) : [];
  const order = q.has('$orderby') ? parseOrderBy(q.get('$orderby')!) : [];
  // Graph (Exchange) needs every $orderby property to open the $filter, in the same order.
  if (clauses.length && order.length) {
    const filterProps = [...new Set(clauses.map((c) => c.property.toLowerCase()))];
    if (order.some((o, i) => filterProps[i] !== o.property.toLowerCase())) {
      throw new GraphHttpError(
        400,
        'InefficientFilter',
        'The restriction or sort order is too complex for this operation.',
      );
    }
  }
  if (order.length > 1 || (order[0] && order[0].property.toLowerCase() !== 'receiveddatetime')) {
    throw badRequest('The emulator sorts messages by receivedDateTime only.');
  }
  const query: ListQuery = {
    predicates: [],
    descending: order[0]?.descending ?? true,
    top: integer('$top', q.get('$top'), 1, 1000, 10),
    skip: integer('$skip', q.get('$skip'), 0, Number.MAX_SAFE_INTEGER, 0),
    select: parseSelect(q.get('$select')),
    count: (q.get('$count') ?? '').toLowerCase() === 'true',
  };
  for (const c of clauses) {
    if (c.property.toLowerCase() !== 'receiveddatetime') {
      query.predicates.push(predicate(c));
      continue;
    }
    if (typeof c.value !== 'number' || c.op === 'eq' || c.op === 'ne')
      throw unsupportedFilter(`'${c.property} ${c.op}'`);
    const v = c.value;
    if (c.op === 'ge') query.ge = Math.max(query.ge ?? -Infinity, v);
    else if (c.op === 'gt') query.gt = Math.max(query.gt ?? -Infinity, v);
    else if (c.op === 'le') query.le = Math.min(query.le ?? Infinity, v);
    else query.lt = Math.min(query.lt ?? Infinity, v);
  }
  return query;
}

/** Graph-style query string: `$` escaped as %24 and lower-case percent escapes, $skip replaced. */
export function nextLink(baseUrl: string, rawPath: string, q: URLSearchParams, skip: number): string {
  const params = new URLSearchParams(q);
  params.set('$skip', String(skip));
  const enc = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  const query = [...params].map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return `${baseUrl}/v1.0${rawPath}?${query}`;
}

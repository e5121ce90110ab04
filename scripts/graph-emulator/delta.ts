// GET .../mailFolders/{id}/messages/delta, as Microsoft documents it ("Get incremental changes to messages in a
// folder"): the first call of a round may carry $select, $top, changeType and a `receivedDateTime ge|gt` $filter;
// the page size comes from `Prefer: odata.maxpagesize=N` (default 10); pages end with @odata.nextLink (keep going)
// or @odata.deltaLink (save it for the next round). A later round returns what arrived, came back or changed in
// the folder since, and what left it as `{"id": ..., "@removed": {"reason": "deleted"}}`. The state lives in
// the opaque token itself (the folder's change numbers), so a page can be asked for again, and items leaving the
// folder between two pages never shift what the next page holds. expireDeltaTokens() makes every token issued
// before it answer 410 SyncStateNotFound, as Exchange does when a sync state is too old.
import { badRequest, GraphHttpError } from './errors.js';
import { json, type GraphResponse, type MailboxCall } from './graph-http.js';
import { messageJson, parseSelect, project } from './message-view.js';
import type { MailStore, StoredFolder, StoredMessage } from './store.js';

const DEFAULT_PAGE = 10;
const MAX_PAGE = 1000;

/** Everything a round needs between requests, carried in the token. */
interface DeltaState {
  /** The folder the round tracks. */
  f: string;
  /** Changes after this number were not seen by the previous round (0: the initial sync, no removals). */
  s: number;
  /** The round covers changes up to this number (later ones go to the next round). */
  u: number;
  /** Items: the last change number already returned in this round; removals likewise. */
  a: number;
  r: number;
  /** $select of the first call, and its receivedDateTime lower bound (ms, inclusive unless `x`). */
  sel: string | null;
  ge: number | null;
  x: boolean;
  /** The store's delta epoch when the token was issued. */
  e: number;
}

const encode = (s: DeltaState) => Buffer.from(JSON.stringify(s)).toString('base64url');

function decode(token: string, store: MailStore): DeltaState {
  let state: DeltaState;
  try {
    state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as DeltaState;
  } catch {
    throw badRequest('The sync state token is malformed.', 'ErrorInvalidSyncStateData');
  }
  if (typeof state?.f !== 'string' || typeof state.u !== 'number')
    throw badRequest('The sync state token is malformed.', 'ErrorInvalidSyncStateData');
  if (state.e < store.deltaEpoch)
    throw new GraphHttpError(410, 'SyncStateNotFound', 'The sync state is no longer available; sync again.');
  return state;
}

function pageSize(call: MailboxCall): number {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(call.req.headers.prefer ?? '');
  return m ? Math.min(MAX_PAGE, Math.max(1, Number(m[1]))) : DEFAULT_PAGE;
}

/** The first call of a round: its options become the round's state. */
function initialState(store: MailStore, call: MailboxCall, folder: StoredFolder): DeltaState {
  const q = call.req.query;
  for (const key of q.keys()) {
    if (!['$select', '$filter', '$top', 'changeType'].includes(key))
      throw badRequest(
        `The query parameter '${key}' is not supported with change tracking over the 'Messages' resource.`,
      );
  }
  const sel = q.get('$select');
  parseSelect(sel); // unknown properties are refused now, as Graph does
  let ge: number | null = null;
  let x = false;
  const filter = q.get('$filter');
  if (filter !== null) {
    const m = /^\s*receivedDateTime\s+(ge|gt)\s+(\S+)\s*$/i.exec(filter);
    if (!m || Number.isNaN(Date.parse(m[2]!)))
      throw badRequest(
        'Change tracking supports only receivedDateTime ge or gt in $filter.',
        'ErrorInvalidUrlQueryFilter',
      );
    ge = Date.parse(m[2]!);
    x = m[1]!.toLowerCase() === 'gt';
  }
  return { f: folder.id, s: 0, u: store.changeNumber(), a: 0, r: 0, sel, ge, x, e: store.deltaEpoch };
}

export function deltaMessages(store: MailStore, call: MailboxCall, folder: StoredFolder): GraphResponse {
  const q = call.req.query;
  const token = q.get('$skiptoken') ?? q.get('$deltatoken');
  let state = token === null ? initialState(store, call, folder) : decode(token, store);
  if (state.f !== folder.id)
    throw badRequest('The sync state belongs to another folder.', 'ErrorInvalidSyncStateData');
  // A delta link starts the next round: changes from where the last one ended up to now.
  if (q.has('$deltatoken')) state = { ...state, s: state.u, u: store.changeNumber(), a: state.u, r: state.u };
  const size = pageSize(call);
  const select = parseSelect(state.sel);

  const wanted = (m: StoredMessage) =>
    state.ge === null || (state.x ? m.receivedMs > state.ge : m.receivedMs >= state.ge);
  const items = [...folder.messages]
    .filter((m) => m.changeSeq > Math.max(state.s, state.a) && m.changeSeq <= state.u && wanted(m))
    .sort((a, b) => a.changeSeq - b.changeSeq)
    .slice(0, size + 1);
  const value: Record<string, unknown>[] = items
    .slice(0, size)
    .map((m) => project(messageJson(m, { immutable: call.immutable, baseUrl: call.baseUrl }), select));
  let next: DeltaState | null = null;
  if (items.length > size) next = { ...state, a: items[size - 1]!.changeSeq };
  else if (state.s > 0) {
    // What left the folder during the round's span, unless it is back in it (then it is listed as an item).
    const present = new Set([...folder.messages].map((m) => m.immutableId));
    const removals = folder.removals
      .filter((r) => r.seq > Math.max(state.s, state.r) && r.seq <= state.u && !present.has(r.immutableId))
      .slice(0, size - value.length + 1);
    const room = size - value.length;
    for (const r of removals.slice(0, room))
      value.push({ id: call.immutable ? r.immutableId : r.regularId, '@removed': { reason: 'deleted' } });
    // A page the items filled exactly leaves no room: the removals start on the next page (r stays).
    if (removals.length > room)
      next = { ...state, a: state.u, r: room > 0 ? removals[room - 1]!.seq : state.r };
  }
  const base = `${call.baseUrl}/v1.0${call.req.rawPath}`;
  const body: Record<string, unknown> = {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#Collection(message)`,
    value,
  };
  if (next) body['@odata.nextLink'] = `${base}?$skiptoken=${encode(next)}`;
  else body['@odata.deltaLink'] = `${base}?$deltatoken=${encode({ ...state, a: state.u, r: state.u })}`;
  return json(200, body);
}

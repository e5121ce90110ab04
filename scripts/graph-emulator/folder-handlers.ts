// mailFolders: list (with $filter=displayName eq '...', $top/$skip paging), get, create, childFolders.
import { badRequest, GraphHttpError, notFoundItem } from './errors.js';
import { json, requireObjectBody, type GraphResponse, type MailboxCall } from './graph-http.js';
import { folderJson, project } from './message-view.js';
import { nextLink } from './odata-query.js';
import type { MailStore, StoredFolder } from './store.js';

/** Anything that is neither a well-known name nor shaped like an Exchange id is "malformed", as in Graph. */
const ID_SHAPE = /^[A-Za-z0-9_-]{20,}={0,2}$/;

export function assertIdShape(id: string): void {
  if (!ID_SHAPE.test(id)) throw new GraphHttpError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
}

export function resolveFolder(store: MailStore, call: MailboxCall, ref: string): StoredFolder {
  const folder = store.folder(call.mailbox, ref);
  if (folder) return folder;
  assertIdShape(ref);
  throw notFoundItem();
}

function displayNameFilter(filter: string | null): ((f: StoredFolder) => boolean) | undefined {
  if (filter === null) return undefined;
  const m = /^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
  if (!m)
    throw new GraphHttpError(
      400,
      'ErrorInvalidUrlQueryFilter',
      `The emulator filters folders by displayName eq '...' only: ${filter}`,
    );
  const want = m[1]!.replace(/''/g, "'").toLowerCase();
  return (f) => f.displayName.toLowerCase() === want;
}

export function listFolders(call: MailboxCall, parent: StoredFolder): GraphResponse {
  const q = call.req.query;
  const top = Number(q.get('$top') ?? 10);
  const skip = Number(q.get('$skip') ?? 0);
  if (!Number.isInteger(top) || top < 1 || top > 1000 || !Number.isInteger(skip) || skip < 0) {
    throw badRequest('Invalid $top or $skip.', 'ErrorInvalidUrlQuery');
  }
  const includeHidden = (q.get('includeHiddenFolders') ?? '').toLowerCase() === 'true';
  const filter = displayNameFilter(q.get('$filter'));
  const all = parent.children.filter((f) => (includeHidden || !f.isHidden) && (!filter || filter(f)));
  const select =
    q
      .get('$select')
      ?.split(',')
      .map((s) => s.trim()) ?? null;
  const body: Record<string, unknown> = {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/mailFolders`,
    value: all.slice(skip, skip + top).map((f) => project(folderJson(f), select)),
  };
  if ((q.get('$count') ?? '') === 'true') body['@odata.count'] = all.length;
  if (skip + top < all.length)
    body['@odata.nextLink'] = nextLink(call.baseUrl, call.req.rawPath, q, skip + top);
  return json(200, body);
}

export function getFolder(call: MailboxCall, folder: StoredFolder): GraphResponse {
  const select =
    call.req.query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim()) ?? null;
  return json(200, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/mailFolders/$entity`,
    ...project(folderJson(folder), select),
  });
}

export function createFolder(store: MailStore, call: MailboxCall, parent: StoredFolder): GraphResponse {
  const body = requireObjectBody(call.req);
  const name = body.displayName;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new GraphHttpError(
      400,
      'ErrorInvalidParameter',
      'The value of the parameter displayName is empty.',
    );
  }
  const folder = store.createFolder(call.mailbox, parent, name, body.isHidden === true);
  return json(201, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/mailFolders/$entity`,
    ...folderJson(folder),
  });
}

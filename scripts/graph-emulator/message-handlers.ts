// Messages: list (folder or whole mailbox) with OData options and $skip paging, get, update, move, delete
// (to Deleted Items, as Outlook does; permanent inside Deleted Items), permanentDelete, $value (MIME) and
// translateExchangeIds.
import { badRequest, GraphHttpError, notFoundItem } from './errors.js';
import { assertIdShape, resolveFolder } from './folder-handlers.js';
import { json, noContent, requireObjectBody, type GraphResponse, type MailboxCall } from './graph-http.js';
import { runListQuery } from './message-list.js';
import { messageJson, parseSelect, project } from './message-view.js';
import { nextLink, parseListQuery } from './odata-query.js';
import type { SortedChunkList } from './sorted-list.js';
import type { MailStore, StoredMessage } from './store.js';

export function findMessage(store: MailStore, call: MailboxCall, id: string): StoredMessage {
  const msg = store.findMessage(call.mailbox, id);
  if (msg) return msg;
  assertIdShape(id);
  throw notFoundItem();
}

function view(call: MailboxCall) {
  return { immutable: call.immutable, baseUrl: call.baseUrl };
}

function entity(call: MailboxCall, msg: StoredMessage, status = 200): GraphResponse {
  const select = parseSelect(call.req.query.get('$select'));
  return json(status, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/messages/$entity`,
    ...project(messageJson(msg, view(call)), select),
  });
}

export function listMessages(
  call: MailboxCall,
  list: SortedChunkList<StoredMessage>,
  context: string,
): GraphResponse {
  const q = parseListQuery(call.req.query);
  const { items, total } = runListQuery(list, q);
  const body: Record<string, unknown> = {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/${context}`,
  };
  if (q.count) body['@odata.count'] = total;
  body.value = items.map((m) => project(messageJson(m, view(call)), q.select));
  if (q.skip + q.top < total)
    body['@odata.nextLink'] = nextLink(call.baseUrl, call.req.rawPath, call.req.query, q.skip + q.top);
  return json(200, body);
}

export function getMessage(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  return entity(call, findMessage(store, call, id));
}

export function updateMessage(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  const msg = findMessage(store, call, id);
  const body = requireObjectBody(call.req);
  for (const [key, value] of Object.entries(body)) {
    if (key === 'isRead' && typeof value === 'boolean') store.setRead(msg, value);
    else if (key === 'categories' && Array.isArray(value)) store.setCategories(msg, value.map(String));
    else throw badRequest(`The emulator updates only isRead and categories (got '${key}').`);
  }
  return entity(call, msg);
}

export function moveMessage(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  const msg = findMessage(store, call, id);
  const dest = requireObjectBody(call.req).destinationId;
  if (typeof dest !== 'string' || dest === '') {
    throw new GraphHttpError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.');
  }
  return entity(call, store.move(msg, resolveFolder(store, call, dest)), 201);
}

/** DELETE moves to Deleted Items like Outlook; deleting from Deleted Items removes the message for good. */
export function deleteMessage(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  const msg = findMessage(store, call, id);
  const deleted = call.mailbox.wellKnown.get('deleteditems')!;
  if (msg.folder === deleted) store.purge(msg);
  else store.move(msg, deleted);
  return noContent();
}

export function permanentDelete(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  store.purge(findMessage(store, call, id));
  return noContent();
}

function mimeAddress(r: { emailAddress: { name: string; address: string } } | null): string {
  return r ? `"${r.emailAddress.name}" <${r.emailAddress.address}>` : '';
}

/** A minimal RFC 5322 rendering, enough for tools that want the raw message. */
export function messageMime(store: MailStore, call: MailboxCall, id: string): GraphResponse {
  const f = findMessage(store, call, id).fields;
  const lines = [
    `From: ${mimeAddress(f.from)}`,
    f.sender && f.sender !== f.from ? `Sender: ${mimeAddress(f.sender)}` : '',
    `To: ${f.toRecipients.map(mimeAddress).join(', ')}`,
    f.ccRecipients.length ? `Cc: ${f.ccRecipients.map(mimeAddress).join(', ')}` : '',
    `Subject: ${f.subject ?? ''}`,
    `Date: ${new Date(f.sentDateTime ?? f.receivedDateTime).toUTCString()}`,
    f.internetMessageId ? `Message-ID: ${f.internetMessageId}` : '',
    'MIME-Version: 1.0',
    `Content-Type: ${f.body.contentType === 'html' ? 'text/html' : 'text/plain'}; charset="utf-8"`,
  ].filter(Boolean);
  return {
    status: 200,
    headers: { 'Content-Type': 'text/plain' },
    body: `${lines.join('\r\n')}\r\n\r\n${f.body.content}`,
  };
}

const ID_TYPES = new Set(['restId', 'restImmutableEntryId']);

export function translateExchangeIds(store: MailStore, call: MailboxCall): GraphResponse {
  const body = requireObjectBody(call.req);
  const { inputIds, sourceIdType, targetIdType } = body as {
    inputIds?: unknown;
    sourceIdType?: string;
    targetIdType?: string;
  };
  if (
    !Array.isArray(inputIds) ||
    inputIds.length > 1000 ||
    !ID_TYPES.has(String(sourceIdType)) ||
    !ID_TYPES.has(String(targetIdType))
  ) {
    throw badRequest(
      'translateExchangeIds needs inputIds (at most 1000) and restId/restImmutableEntryId id types.',
      'ErrorInvalidParameter',
    );
  }
  const value = inputIds.map((raw) => {
    const sourceId = String(raw);
    const msg = store.findMessage(call.mailbox, sourceId);
    if (!msg)
      return {
        sourceId,
        errorDetails: {
          code: 'ErrorItemNotFound',
          message: 'The specified object was not found in the store.',
        },
      };
    return { sourceId, targetId: targetIdType === 'restImmutableEntryId' ? msg.immutableId : msg.regularId };
  });
  return json(200, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#Collection(microsoft.graph.convertIdResult)`,
    value,
  });
}

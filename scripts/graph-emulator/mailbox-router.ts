// Maps /users/{id}/... paths (after the mailbox is resolved and admitted) to their handlers.
import { badRequest, GraphHttpError } from './errors.js';
import { createFolder, getFolder, listFolders, resolveFolder } from './folder-handlers.js';
import type { GraphResponse, MailboxCall } from './graph-http.js';
import { routeAttachments } from './attachment-handlers.js';
import { deltaMessages } from './delta.js';
import {
  deleteMessage,
  getMessage,
  listMessages,
  messageMime,
  moveMessage,
  permanentDelete,
  translateExchangeIds,
  updateMessage,
} from './message-handlers.js';
import type { MailStore } from './store.js';

const methodNotAllowed = (method: string) =>
  new GraphHttpError(405, 'BadRequest', `The HTTP method '${method}' is not allowed for this resource.`);

/** /messages/{id}[/action] under a mailbox or folder. */
function messageRoute(
  store: MailStore,
  call: MailboxCall,
  id: string,
  action: string | undefined,
): GraphResponse {
  const m = call.req.method;
  if (action === undefined) {
    if (m === 'GET') return getMessage(store, call, id);
    if (m === 'PATCH') return updateMessage(store, call, id);
    if (m === 'DELETE') return deleteMessage(store, call, id);
    throw methodNotAllowed(m);
  }
  if (action === '$value' && m === 'GET') return messageMime(store, call, id);
  if (action === 'move' && m === 'POST') return moveMessage(store, call, id);
  if (action === 'permanentDelete' && m === 'POST') return permanentDelete(store, call, id);
  if (['move', 'permanentDelete', '$value'].includes(action)) throw methodNotAllowed(m);
  throw badRequest(`Resource not found for the segment '${action}'.`);
}

/** Segments that name the same thing case-insensitively in Graph (mailfolders, MailFolders...). */
function seg(s: string | undefined): string | undefined {
  return s?.toLowerCase();
}

export function routeMailbox(store: MailStore, call: MailboxCall): GraphResponse {
  const [a, b, c, d, e, ...extra] = call.rest;
  const m = call.req.method;
  if (extra.length) throw badRequest(`Resource not found for the segment '${extra[0]}'.`);
  if (seg(a) === 'mailfolders') {
    if (b === undefined) {
      if (m === 'GET') return listFolders(call, call.mailbox.root);
      if (m === 'POST') return createFolder(store, call, call.mailbox.root);
      throw methodNotAllowed(m);
    }
    const folder = resolveFolder(store, call, b);
    if (c === undefined) {
      if (m === 'GET') return getFolder(call, folder);
      throw methodNotAllowed(m);
    }
    if (seg(c) === 'childfolders' && d === undefined) {
      if (m === 'GET') return listFolders(call, folder);
      if (m === 'POST') return createFolder(store, call, folder);
      throw methodNotAllowed(m);
    }
    if (seg(c) === 'messages') {
      if (d === undefined) {
        if (m === 'GET') return listMessages(call, folder.messages, `mailFolders('${b}')/messages`);
        throw methodNotAllowed(m);
      }
      if (seg(d) === 'delta' && e === undefined) {
        if (m === 'GET') return deltaMessages(store, call, folder);
        throw methodNotAllowed(m);
      }
      return messageRoute(store, call, d, e);
    }
    throw badRequest(`Resource not found for the segment '${c}'.`);
  }
  if (seg(a) === 'messages') {
    if (b === undefined) {
      if (m === 'GET') return listMessages(call, call.mailbox.all, 'messages');
      throw methodNotAllowed(m);
    }
    if (seg(c) === 'attachments') return routeAttachments(store, call, b, d, e);
    if (d !== undefined) throw badRequest(`Resource not found for the segment '${d}'.`);
    return messageRoute(store, call, b, c);
  }
  if (seg(a) === 'translateexchangeids' && b === undefined) {
    if (m === 'POST') return translateExchangeIds(store, call);
    throw methodNotAllowed(m);
  }
  throw badRequest(`Resource not found for the segment '${a ?? ''}'.`);
}

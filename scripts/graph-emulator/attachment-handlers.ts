// A message's attachments as Graph serves them: the list (GET messages/{id}/attachments, with $select), one
// attachment (GET .../attachments/{id}) and its raw contents (GET .../attachments/{id}/$value), for the three
// documented types: fileAttachment (contentId, contentLocation and contentBytes besides the base properties),
// itemAttachment (an attached Outlook item: contentType null, $value its MIME / vCard / iCalendar text) and
// referenceAttachment (a link to a cloud file: $value answers 405).
//
// $select parses against the base type microsoft.graph.attachment, as Graph's URI parser does: a derived
// type's property must be named with its type cast (`microsoft.graph.fileAttachment/contentId`); named bare
// (`contentId`) the request fails with RequestBroker--ParseUri, as it does on Graph.
import { badRequest, GraphHttpError } from './errors.js';
import { json, type GraphResponse, type MailboxCall } from './graph-http.js';
import { findMessage } from './message-handlers.js';
import type { StoredAttachment } from './message-seed.js';
import type { MailStore } from './store.js';

const BASE = ['id', 'lastModifiedDateTime', 'name', 'contentType', 'size', 'isInline'] as const;
const FILE_ONLY = ['contentId', 'contentLocation', 'contentBytes'] as const;
const FILE_CAST = 'microsoft.graph.fileattachment/';
const KNOWN = new Map<string, string>([
  ...BASE.map((p) => [p.toLowerCase(), p] as [string, string]),
  ...FILE_ONLY.map((p) => [`${FILE_CAST}${p.toLowerCase()}`, p] as [string, string]),
]);

const ODATA_TYPE = {
  file: '#microsoft.graph.fileAttachment',
  item: '#microsoft.graph.itemAttachment',
  reference: '#microsoft.graph.referenceAttachment',
} as const;

function attachmentJson(a: StoredAttachment): Record<string, unknown> {
  const base = {
    '@odata.type': ODATA_TYPE[a.kind],
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType || null,
    size: a.size,
    isInline: a.isInline,
  };
  if (a.kind !== 'file') return base;
  return {
    ...base,
    '@odata.mediaContentType': a.contentType,
    contentId: a.contentId,
    contentLocation: null,
    contentBytes: a.bytes.toString('base64'),
  };
}

/** $select on attachments: unknown names fail as Graph's URI parser does, whether or not there are any. */
function parseSelect(select: string | null): string[] | null {
  if (select === null) return null;
  return select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => {
      const name = KNOWN.get(raw.toLowerCase());
      if (!name) {
        const bare = raw.includes('/') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
        throw badRequest(
          `Could not find a property named '${bare}' on type 'microsoft.graph.attachment'.`,
          'RequestBroker--ParseUri',
        );
      }
      return name;
    });
}

/** The type is always named, as Graph does for a derived type's properties; a cast property only on its type. */
function projected(a: StoredAttachment, names: string[] | null): Record<string, unknown> {
  const full = attachmentJson(a);
  if (names === null) return full;
  const out: Record<string, unknown> = { '@odata.type': full['@odata.type'], id: a.id };
  for (const name of names) if (name in full) out[name] = full[name];
  return out;
}

function findAttachment(store: MailStore, call: MailboxCall, id: string, attachmentId: string) {
  const found = findMessage(store, call, id).fields.attachments.find((a) => a.id === attachmentId);
  if (!found) {
    throw new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  }
  return found;
}

/** /messages/{id}/attachments[/{attachmentId}[/$value]], GET only (the emulator adds none). */
export function routeAttachments(
  store: MailStore,
  call: MailboxCall,
  id: string,
  attachmentId: string | undefined,
  action: string | undefined,
): GraphResponse {
  if (call.req.method !== 'GET') {
    throw new GraphHttpError(405, 'BadRequest', `The HTTP method '${call.req.method}' is not allowed.`);
  }
  const select = parseSelect(call.req.query.get('$select'));
  const context = `${call.baseUrl}/v1.0/$metadata#users('${call.mailbox.address}')/messages('${id}')/attachments`;
  if (attachmentId === undefined) {
    const value = findMessage(store, call, id).fields.attachments.map((a) => projected(a, select));
    return json(200, { '@odata.context': context, value });
  }
  const attachment = findAttachment(store, call, id, attachmentId);
  if (action === undefined)
    return json(200, { '@odata.context': `${context}/$entity`, ...projected(attachment, select) });
  if (action !== '$value') throw badRequest(`Resource not found for the segment '${action}'.`);
  // "Attempting to get the $value of a reference attachment returns HTTP 405."
  if (attachment.kind === 'reference')
    throw new GraphHttpError(405, 'ErrorInvalidRequest', 'The attachment has no raw content.');
  return {
    status: 200,
    headers: {
      'Content-Type': attachment.kind === 'item' ? 'text/plain' : attachment.contentType,
      'Content-Length': String(attachment.bytes.length),
    },
    body: attachment.bytes,
  };
}

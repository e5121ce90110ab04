// A message's attachments as Graph serves them: the list (GET messages/{id}/attachments, with $select), one
// attachment (GET .../attachments/{id}) and its raw bytes (GET .../attachments/{id}/$value). Every attachment
// is a fileAttachment: '@odata.type', id, lastModifiedDateTime, name, contentType, size, isInline, contentId and
// contentBytes (base64), the properties Graph documents for microsoft.graph.fileAttachment.
import { badRequest, GraphHttpError } from './errors.js';
import { json, type GraphResponse, type MailboxCall } from './graph-http.js';
import { findMessage } from './message-handlers.js';
import type { StoredAttachment } from './message-seed.js';
import type { MailStore } from './store.js';

const PROPERTIES = [
  'id',
  'lastModifiedDateTime',
  'name',
  'contentType',
  'size',
  'isInline',
  'contentId',
  'contentLocation',
  'contentBytes',
] as const;
const KNOWN = new Map(PROPERTIES.map((p) => [p.toLowerCase(), p]));

function attachmentJson(a: StoredAttachment): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.fileAttachment',
    '@odata.mediaContentType': a.contentType,
    id: a.id,
    lastModifiedDateTime: a.lastModifiedDateTime,
    name: a.name,
    contentType: a.contentType,
    size: a.size,
    isInline: a.isInline,
    contentId: a.contentId,
    contentLocation: null,
    contentBytes: a.bytes.toString('base64'),
  };
}

/** $select on attachments: unknown names fail as Graph's URI parser does, whether or not there are any. */
function parseSelect(select: string | null): (typeof PROPERTIES)[number][] | null {
  if (select === null) return null;
  return select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => {
      const name = KNOWN.get(raw.toLowerCase());
      if (!name) {
        throw badRequest(
          `Could not find a property named '${raw}' on type 'microsoft.graph.attachment'.`,
          'RequestBroker--ParseUri',
        );
      }
      return name;
    });
}

/** The type is always named, as Graph does for a derived type's properties. */
function projected(a: StoredAttachment, names: string[] | null): Record<string, unknown> {
  const full = attachmentJson(a);
  if (names === null) return full;
  const out: Record<string, unknown> = { '@odata.type': full['@odata.type'], id: a.id };
  for (const name of names) out[name] = full[name];
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
  return {
    status: 200,
    headers: { 'Content-Type': attachment.contentType, 'Content-Length': String(attachment.size) },
    body: attachment.bytes,
  };
}

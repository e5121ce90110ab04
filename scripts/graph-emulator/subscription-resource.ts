// Pure pieces of the subscription resource: which mailbox folder a `resource` names, how a subscription looks on
// the wire, and the https rule for endpoints (Graph delivers to HTTPS endpoints only).
import { badRequest, GraphHttpError } from './errors.js';
import type { MailStore, StoredFolder, StoredMailbox } from './store.js';
import type { Principal } from './tokens.js';
import type { SubscriptionSnapshot } from './types.js';

/**
 * `users/{id}/mailFolders('Inbox')/messages`, `users/{id}/mailFolders/{id}/messages`, `users/{id}/messages`
 * (every folder) and the `me/...` forms; folder null means the whole mailbox.
 */
export function parseResource(
  store: MailStore,
  raw: unknown,
  principal: Principal,
): { mailbox: StoredMailbox; folder: StoredFolder | null } {
  const text = typeof raw === 'string' ? raw.trim().replace(/^\//, '') : '';
  const match = /^(?:users\/([^/]+)|me)\/(?:mailfolders(?:\('([^']+)'\)|\/([^/]+))\/)?messages$/i.exec(text);
  if (!match) throw badRequest(`Invalid or unsupported resource: '${text}'.`);
  const upn = match[1] !== undefined ? decodeURIComponent(match[1]) : principal.user?.username;
  if (!upn) throw badRequest('/me request is only valid with delegated authentication flow.');
  const mailbox = store.mailbox(upn);
  if (!mailbox) throw new GraphHttpError(404, 'ErrorInvalidUser', `The requested user '${upn}' is invalid.`);
  const ref = match[2] ?? match[3];
  if (ref === undefined) return { mailbox, folder: null };
  const folder = store.folder(mailbox, ref);
  if (!folder)
    throw new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return { mailbox, folder };
}

/** The subscription as Graph answers it; clientState only in the create's answer. */
export function subscriptionJson(s: SubscriptionSnapshot, withClientState: boolean): Record<string, unknown> {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: withClientState ? s.clientState : null,
    notificationUrl: s.notificationUrl,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    notificationQueryOptions: null,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

export function httpsUrl(raw: unknown, name: string): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw badRequest(`${name} is required and must be a URL.`);
  }
  if (url.protocol !== 'https:') throw badRequest(`${name} must be an https URL.`);
  return String(raw);
}

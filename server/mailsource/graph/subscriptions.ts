// Change-notification subscriptions over Graph (POST/PATCH/DELETE /subscriptions, POST .../reauthorize): basic
// notifications (no resource data) of new mail in the mailbox's Inbox. Mail.Read is enough for a message
// subscription; the engine's Mail.ReadWrite covers it. Graph's errors become stable MailSourceError codes here,
// because subscription errors are shaped unlike mailbox ones (a 404 is about the subscription, never a mailbox).
import { MailSourceError, type InboxSubscription, type MailSubscriptions } from '../MailSource.js';
import type { GraphHttp } from './client.js';

/** The resource Graph notifies about: messages of the Inbox (well-known name, as Microsoft's examples write it). */
export function inboxResource(mailbox: string): string {
  return `users/${encodeURIComponent(mailbox.trim())}/mailFolders('Inbox')/messages`;
}

function translateSubscription(raw: unknown): InboxSubscription {
  const r = (raw ?? {}) as { id?: unknown; expirationDateTime?: unknown };
  const expires = typeof r.expirationDateTime === 'string' ? Date.parse(r.expirationDateTime) : NaN;
  if (typeof r.id !== 'string' || !r.id || Number.isNaN(expires))
    throw new MailSourceError('transient', 'Graph answered a subscription without an id or expiry.');
  return { id: r.id, expiresAt: new Date(expires) };
}

/**
 * Graph refuses a create whose endpoints fail the validation handshake with 400 ValidationError: say what it
 * means (our PUBLIC_URL is not reachable from Microsoft 365), not "invalid request". For calls on an existing
 * subscription, any 404 means the subscription is gone (Graph words it ResourceNotFound or ExtensionError).
 */
function translateError(err: unknown, onExisting: boolean): unknown {
  if (!(err instanceof MailSourceError)) return err;
  if (err.providerCode === 'ValidationError')
    return new MailSourceError(
      'endpoint_unreachable',
      `Graph could not validate the notification endpoint: ${err.message}`,
      err.providerCode,
    );
  if (onExisting && (err.code === 'mailbox_not_found' || err.code === 'not_found'))
    return new MailSourceError('not_found', 'The subscription no longer exists.', err.providerCode);
  return err;
}

async function call<T>(onExisting: boolean, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw translateError(err, onExisting);
  }
}

export function createGraphSubscriptions(http: GraphHttp, mailbox: string): MailSubscriptions {
  const root = `${http.apiRoot}/subscriptions`;
  const one = (id: string) => {
    if (!id) throw new MailSourceError('invalid_request', 'A subscription id is required.');
    return `${root}/${encodeURIComponent(id)}`;
  };
  return {
    subscribeInbox: (request) =>
      call(false, async () =>
        translateSubscription(
          await http.post(root, {
            changeType: 'created',
            notificationUrl: request.notificationUrl,
            lifecycleNotificationUrl: request.lifecycleNotificationUrl,
            resource: inboxResource(mailbox),
            expirationDateTime: request.expiresAt.toISOString(),
            clientState: request.clientState,
          }),
        ),
      ),
    renew: (id, expiresAt) =>
      call(true, async () =>
        translateSubscription(await http.patch(one(id), { expirationDateTime: expiresAt.toISOString() })),
      ),
    reauthorize: (id) =>
      call(true, async () => {
        await http.post(`${one(id)}/reauthorize`, {});
      }),
    unsubscribe: async (id) => {
      try {
        await call(true, () => http.delete(one(id)));
      } catch (err) {
        if (err instanceof MailSourceError && err.code === 'not_found') return;
        throw err;
      }
    },
  };
}

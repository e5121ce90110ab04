// The Inbox watched with IMAP IDLE (RFC 2177) on a connection of its own: the server announces new mail
// (untagged EXISTS) the moment it is delivered, and the watch only says so (onMail): it reads nothing, the next
// run does. The watch ends when the connection drops (a MailSourceError: the caller reconnects with backoff),
// when the server offers no IDLE ('unsupported': polling it is), or when the caller stops it ('stopped').
import type { ImapFlow } from 'imapflow';
import { MailSourceError, type InboxWatchEvents } from '../MailSource.js';
import type { ImapMailSourceConfig } from './config.js';
import { openImapClient } from './connect.js';
import { toMailSourceError } from './errors.js';

/**
 * IDLE is ended and started again this often: RFC 2177 has servers drop an IDLE after 30 minutes, and NATs and
 * load balancers forget quiet connections sooner. Dovecot also sends "* OK Still here" every 2 minutes.
 */
const IDLE_RESTART_MS = 4 * 60_000;

export async function watchInboxIdle(
  config: ImapMailSourceConfig,
  events: InboxWatchEvents,
  signal: AbortSignal,
): Promise<'unsupported' | 'stopped'> {
  if (signal.aborted) return 'stopped';
  let client: ImapFlow | null = null;
  try {
    client = await openImapClient(config, { maxIdleTime: IDLE_RESTART_MS });
    const c = client;
    // Until the first command fails, a dropped connection is only an 'error' event: it must not go uncaught.
    const dropped = new Promise<never>((_, reject) => {
      c.on('error', (err: unknown) => reject(toMailSourceError(err, 'IDLE')));
      c.on('close', () =>
        reject(new MailSourceError('transient', 'The IMAP server closed the IDLE connection.')),
      );
    });
    dropped.catch(() => {}); // observed below; a drop after a stop is no failure
    await c.connect();
    if (!c.capabilities.has('IDLE')) return 'unsupported';
    // EXAMINE: read-only, so watching changes no flags the engine's session sees.
    await c.mailboxOpen('INBOX', { readOnly: true });
    c.on('exists', (e: { count: number; prevCount: number }) => {
      if (e.count > e.prevCount) events.onMail();
    });
    const stopped = new Promise<void>((resolve) =>
      signal.addEventListener('abort', () => resolve(), { once: true }),
    );
    events.onWatching();
    // idle() restarts IDLE by itself every IDLE_RESTART_MS and returns only when another command (the logout
    // of a stop) breaks it or the connection ends.
    const idling = c.idle();
    await Promise.race([idling, dropped, stopped]);
    if (signal.aborted) return 'stopped';
    throw new MailSourceError('transient', 'The IMAP server ended IDLE.');
  } catch (err) {
    if (signal.aborted) return 'stopped';
    throw toMailSourceError(err, 'IDLE');
  } finally {
    if (client?.usable) await client.logout().catch(() => {});
    try {
      client?.close();
    } catch {
      // already closed
    }
  }
}

// One place opens an IMAP connection from the adapter's configuration: TLS (implicit or STARTTLS, never plain
// text), the custom CA, and the sign-in (password, or SASL XOAUTH2 with a token asked for each connection).
// The session (commands) and the Inbox watch (IDLE) each hold their own connection built here.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapMailSourceConfig } from './config.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A connected, signed-in client; `extra` adds what its user needs (e.g. IDLE's restart interval). */
export async function openImapClient(
  c: ImapMailSourceConfig,
  extra: Partial<ImapFlowOptions> = {},
): Promise<ImapFlow> {
  const timeout = c.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth =
    c.auth.kind === 'password'
      ? { user: c.auth.user, pass: c.auth.password }
      : { user: c.auth.user, accessToken: await c.auth.accessToken() };
  const client = new ImapFlow({
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    // STARTTLS is required, never skipped: credentials do not cross the network in plain text.
    ...(c.security === 'starttls' ? { doSTARTTLS: true } : {}),
    ...(c.servername ? { servername: c.servername } : {}),
    auth,
    tls: { ...(c.ca ? { ca: c.ca } : {}), minVersion: 'TLSv1.2' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout, 60_000),
    ...extra,
  });
  return client;
}

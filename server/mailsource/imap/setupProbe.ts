// The IMAP side of "Validate setup" (jobs/validateImapSetup.ts): a connection of its own that signs in, finds the
// folders as the adapter does (folders.ts) and proves MOVE with a probe message it removes again. Its failures
// carry codes finer than the adapter's (unreachable, tls_failed, auth_failed, ...): the admin needs to know
// whether the host, the port, the certificate or the password is wrong, where the loop only needs to know
// whether to retry.
import crypto from 'node:crypto';
import { ImapFlow } from 'imapflow';
import type { ImapMailSourceConfig } from './config.js';
import { classifyImapFailure } from './errors.js';
import { findFolder, isSelectable, pathToCreate, type FolderEntry } from './folders.js';

/** The stable codes of an IMAP validation failure (shown to admins and matched by the console). */
export type ImapCheckCode =
  | 'unreachable'
  | 'tls_failed'
  | 'auth_failed'
  | 'folder_missing'
  | 'move_denied'
  | 'throttled'
  | 'server_error';

export class ImapCheckError extends Error {
  constructor(
    readonly code: ImapCheckCode,
    /** What the server or the network said (its code and text), for the admin's message. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
]);

interface FailureFields {
  code?: unknown;
  authenticationFailed?: unknown;
  tlsFailed?: unknown;
  serverResponseCode?: unknown;
  responseText?: unknown;
}

function detailOf(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as FailureFields;
  const code =
    (typeof e.serverResponseCode === 'string' && e.serverResponseCode) ||
    (typeof e.code === 'string' && e.code) ||
    '';
  const text = typeof e.responseText === 'string' ? e.responseText : err instanceof Error ? err.message : '';
  return [code, text].filter(Boolean).join(': ') || 'no answer';
}

/** Why connecting and signing in failed. By codes and flags only: servers localise their texts. */
export function classifyConnectFailure(err: unknown): ImapCheckCode {
  const e = (typeof err === 'object' && err !== null ? err : {}) as FailureFields;
  const code = typeof e.code === 'string' ? e.code : '';
  if (e.tlsFailed === true || code === 'ClosedAfterConnectTLS' || code === 'UPGRADE_TIMEOUT')
    return 'tls_failed';
  if (/^ERR_SSL|^ERR_TLS|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^EPROTO$/.test(code)) return 'tls_failed';
  if (UNREACHABLE.has(code)) return 'unreachable';
  const adapter = classifyImapFailure(err);
  if (adapter === 'auth_failed' || adapter === 'access_denied') return 'auth_failed';
  if (adapter === 'throttled') return 'throttled';
  return adapter === 'transient' ? 'unreachable' : 'server_error';
}

export interface ProbedFolder {
  path: string;
  /** Not on the server before: created as the loop would create it. */
  created: boolean;
}

export interface ImapSetupProbe {
  /** Connects (TLS or STARTTLS) and signs in. */
  connect(): Promise<void>;
  /** Selects the Inbox read-write: a READ-ONLY answer means the loop could not move mail out of it. */
  inbox(): Promise<void>;
  /**
   * The folder the loop would use for `nameOrPath` (SPECIAL-USE, the setup's folder names, then the name),
   * created when missing; a folder name the setup sets explicitly must exist.
   */
  folder(nameOrPath: string, explicitName: string | null): Promise<ProbedFolder>;
  /** As `folder`, but null where the loop would not create one either (deletes go to Trash if there is one). */
  existingFolder(nameOrPath: string, explicitName: string | null): Promise<ProbedFolder | null>;
  /** APPENDs a probe message to `from`, MOVEs it to `to` and deletes it; nothing is left behind. */
  proveMove(from: string, to: string): Promise<void>;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 10_000;

function probeMessage(messageId: string, user: string): string {
  return [
    `From: Interlog setup check <${user}>`,
    `To: <${user}>`,
    'Subject: Interlog setup check (removed again at once)',
    `Message-ID: ${messageId}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Interlog checks that it may move mail in this mailbox. This message is deleted as soon as it has been moved.',
    '',
  ].join('\r\n');
}

export function createImapSetupProbe(config: ImapMailSourceConfig): ImapSetupProbe {
  let client: ImapFlow | null = null;
  let list: FolderEntry[] | null = null;
  const live = (): ImapFlow => {
    if (!client) throw new ImapCheckError('server_error', 'not connected');
    return client;
  };
  const step = async <T>(code: ImapCheckCode, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ImapCheckError) throw err;
      throw new ImapCheckError(code, detailOf(err));
    }
  };
  const folders = async (): Promise<FolderEntry[]> => (list ??= await live().list());

  return {
    async connect() {
      const auth =
        config.auth.kind === 'password'
          ? { user: config.auth.user, pass: config.auth.password }
          : { user: config.auth.user, accessToken: await config.auth.accessToken() };
      const c = new ImapFlow({
        host: config.host,
        port: config.port,
        secure: config.security === 'tls',
        ...(config.security === 'starttls' ? { doSTARTTLS: true } : {}),
        ...(config.servername ? { servername: config.servername } : {}),
        auth,
        tls: { ...(config.ca ? { ca: config.ca } : {}), minVersion: 'TLSv1.2' },
        logger: false,
        disableAutoIdle: true,
        connectionTimeout: CHECK_TIMEOUT_MS,
        greetingTimeout: CHECK_TIMEOUT_MS,
        socketTimeout: CHECK_TIMEOUT_MS * 3,
      });
      // Without a listener a dropped connection would be an uncaught 'error'; the pending command fails anyway.
      c.on('error', () => {});
      try {
        await c.connect();
      } catch (err) {
        c.close();
        throw new ImapCheckError(classifyConnectFailure(err), detailOf(err));
      }
      client = c;
    },

    async inbox() {
      const c = live();
      const lock = await step('folder_missing', () => c.getMailboxLock('INBOX'));
      try {
        if (c.mailbox && c.mailbox.readOnly)
          throw new ImapCheckError('move_denied', 'INBOX was selected READ-ONLY');
      } finally {
        lock.release();
      }
    },

    async existingFolder(nameOrPath, explicitName) {
      const c = live();
      const all = (await step('server_error', folders)).filter(isSelectable);
      const prefix = c.namespace?.prefix ?? '';
      const names = explicitName ? { [nameOrPath.toLowerCase()]: explicitName } : {};
      if (explicitName && !findFolder(all, explicitName, prefix)) {
        throw new ImapCheckError(
          'folder_missing',
          `no folder "${explicitName}" (the server has: ${all.map((f) => f.path).join(', ')})`,
        );
      }
      const found = findFolder(all, explicitName ?? nameOrPath, prefix, names);
      return found ? { path: found.path, created: false } : null;
    },

    async folder(nameOrPath, explicitName) {
      const existing = await this.existingFolder(nameOrPath, explicitName);
      if (existing) return existing;
      const c = live();
      const path = pathToCreate(
        nameOrPath,
        c.namespace?.prefix ?? '',
        explicitName ? { [nameOrPath.toLowerCase()]: explicitName } : {},
      );
      await step('folder_missing', () => c.mailboxCreate(path));
      list = null;
      return { path, created: true };
    },

    async proveMove(from, to) {
      const c = live();
      const messageId = `<interlog-setup-check-${crypto.randomUUID()}@interlog.invalid>`;
      try {
        const appended = await step('move_denied', () =>
          c.append(from, probeMessage(messageId, config.auth.user), ['\\Seen']),
        );
        if (!appended) throw new ImapCheckError('move_denied', `APPEND to ${from} was refused`);
        const lock = await step('move_denied', () => c.getMailboxLock(from));
        try {
          const uids = await step('move_denied', async () =>
            appended.uid
              ? [appended.uid]
              : (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [],
          );
          if (uids.length === 0) throw new ImapCheckError('move_denied', `the probe is not in ${from}`);
          const moved = await step('move_denied', () => c.messageMove(uids.join(','), to, { uid: true }));
          if (!moved) throw new ImapCheckError('move_denied', `MOVE from ${from} to ${to} was refused`);
        } finally {
          lock.release();
        }
      } finally {
        // Whatever happened, the probe leaves no trace in either folder.
        await removeProbe(c, [from, to], messageId);
      }
    },

    async close() {
      const c = client;
      client = null;
      if (c?.usable) await c.logout().catch(() => c.close());
      else c?.close();
    },
  };
}

async function removeProbe(c: ImapFlow, paths: string[], messageId: string): Promise<void> {
  for (const path of paths) {
    let lock;
    try {
      lock = await c.getMailboxLock(path);
    } catch {
      continue;
    }
    try {
      const uids = await c.search({ header: { 'message-id': messageId } }, { uid: true });
      if (uids && uids.length > 0) await c.messageDelete(uids.join(','), { uid: true });
    } catch {
      // The folder refused: the validation already failed for that reason.
    } finally {
      lock.release();
    }
  }
}

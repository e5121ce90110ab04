// One IMAP connection per mail source, opened on first use and logged out after a short idle time (the engine
// has no "close": Graph needs none). imapflow queues the commands of concurrent callers; a selected folder is
// held with its lock, and a caller never takes a second lock while holding one (the locks queue: nesting would
// wait forever). A failure of the connection (not of the request) is tried once more on a new connection.
import type { ImapFlow, MailboxObject } from 'imapflow';
import { MailSourceError } from '../MailSource.js';
import type { ImapLogger, ImapMailSourceConfig } from './config.js';
import { openImapClient } from './connect.js';
import { TokenEndpointError } from './oauth.js';
import { isRetryable, toMailSourceError } from './errors.js';

const DEFAULT_IDLE_CLOSE_MS = 5_000;
const ATTEMPTS = 3;
const BACKOFF_MS = [250, 1_000];

export interface ImapSessionDeps {
  logger?: ImapLogger;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ImapSession {
  private client: ImapFlow | null = null;
  private connecting: Promise<ImapFlow> | null = null;
  private active = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: ImapMailSourceConfig,
    private readonly deps: ImapSessionDeps = {},
  ) {}

  /** Runs `fn` on a live connection; every failure leaves as a MailSourceError. */
  async run<T>(what: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let client: ImapFlow | null = null;
      this.active++;
      this.cancelIdleClose();
      try {
        client = await this.connection();
        return await fn(client);
      } catch (err) {
        const e = toMailSourceError(err, what);
        // A cached token the server refuses (revoked, or expired early): once more with a fresh one.
        const auth = this.config.auth;
        const staleToken =
          e.code === 'auth_failed' &&
          !(err instanceof TokenEndpointError) &&
          auth.kind === 'oauth2' &&
          auth.invalidate !== undefined &&
          attempt === 1;
        if (staleToken) auth.invalidate!();
        if ((!isRetryable(e) && !staleToken) || attempt >= ATTEMPTS) throw e;
        if (client) this.drop(client);
        this.deps.logger?.warn({ code: e.code, providerCode: e.providerCode, attempt }, 'IMAP retry');
        await (this.deps.sleep ?? realSleep)(BACKOFF_MS[attempt - 1] ?? 1_000);
      } finally {
        this.active--;
        this.scheduleIdleClose();
      }
    }
  }

  /** Holds `path` selected (read-write) while `fn` runs; null when the folder does not exist. */
  async inFolder<T>(
    client: ImapFlow,
    path: string,
    fn: (mailbox: MailboxObject) => Promise<T>,
  ): Promise<T | null> {
    let lock;
    try {
      lock = await client.getMailboxLock(path);
    } catch (err) {
      const e = toMailSourceError(err, `SELECT ${path}`);
      if (e.code === 'not_found') return null;
      throw e;
    }
    try {
      if (!client.mailbox)
        throw new MailSourceError('transient', `The folder ${path} could not be selected.`);
      return await fn(client.mailbox);
    } finally {
      lock.release();
    }
  }

  /** Logs out now (tests, shutdown); the next call connects again. */
  async close(): Promise<void> {
    this.cancelIdleClose();
    const client = this.client;
    this.client = null;
    if (client?.usable) await client.logout().catch(() => client.close());
  }

  private async connection(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<ImapFlow> {
    const client = await openImapClient(this.config);
    // Without a listener a dropped connection would be an uncaught 'error': it is noticed by the next command.
    client.on('error', () => this.drop(client));
    client.on('close', () => {
      if (this.client === client) this.client = null;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private drop(client: ImapFlow): void {
    if (this.client === client) this.client = null;
    try {
      client.close();
    } catch {
      // already closed
    }
  }

  private cancelIdleClose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private scheduleIdleClose(): void {
    if (this.active > 0 || !this.client) return;
    this.cancelIdleClose();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.active === 0) void this.close();
    }, this.config.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }
}

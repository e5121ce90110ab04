// Keeps one IMAP IDLE connection per enabled IMAP logging mailbox, on whichever instance takes its lease
// (`idle:<mailbox>`): new mail in the Inbox marks the mailbox due in the database (mailSubscriptions.notifiedAt,
// as a Graph change notification does), so whichever instance holds the mailbox's run lease runs it now rather
// than at its polling interval. A dropped connection is opened again with backoff; a server without IDLE is
// asked again hourly; polling stays the safety net throughout. The watch's state (connecting, active,
// unsupported, failing) is written for Job status, with a heartbeat while the lease is held.
import type { Logger } from '../logging/logger.js';
import { MailSourceError, type MailSource } from '../mailsource/MailSource.js';
import type { HeldLease, LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { IdleState, MailSubscriptionRepository } from '../repositories/mailSubscriptions.js';
import {
  IDLE_HEALTHY_AFTER_MS,
  IDLE_UNSUPPORTED_RECHECK_MS,
  idleRetryDelayMs,
  type Reachability,
} from './decisions.js';

export interface IdleWatcherDeps {
  setups: LoggingSetupRepository;
  subs: MailSubscriptionRepository;
  leases: LeaseRepository;
  /** This process's lease owner (the engine's). */
  owner: string;
  sourceFor: (setup: LoggingSetup) => MailSource;
  now: () => Date;
  log: Logger;
  reachability: Reachability;
  /** How often enabled mailboxes are looked for (and a dead instance's watches taken over). */
  checkMs: number;
  leaseTtlMs: number;
}

interface Watch {
  /** What the watch was started with: another server or sign-in means a new connection. */
  fingerprint: string;
  abort: AbortController;
  done: Promise<void>;
}

const fingerprintOf = (s: LoggingSetup) => JSON.stringify(s.imap);

/**
 * The watch's writes one after another (state, heartbeat, "mail arrived"): FerretDB's updates are not atomic,
 * so two concurrent updates of the same document can undo each other (a heartbeat putting back an old state).
 */
function serialWriter(onError: (err: unknown) => void): (write: () => Promise<void>) => Promise<void> {
  let tail = Promise.resolve();
  return (write) => (tail = tail.then(write).catch(onError));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class ImapIdleWatcher {
  /**
   * Called once new mail has marked a mailbox due: this instance's scheduler looks at once instead of at its next
   * tick (up to SCHEDULER_TICK_MS later). Only a shortcut: whichever instance ticks next would run it anyway.
   */
  onDue: (mailbox: string) => void = () => {};
  private timer: NodeJS.Timeout | null = null;
  private readonly watches = new Map<string, Watch>();
  private ticking: Promise<void> | null = null;

  constructor(private readonly d: IdleWatcherDeps) {}

  start(): void {
    if (this.timer || (!this.d.reachability.reachable && this.d.reachability.reason === 'turned_off')) return;
    this.timer = setInterval(() => void this.tick(), this.d.checkMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    for (const w of this.watches.values()) w.abort.abort();
    await Promise.all([...this.watches.values()].map((w) => w.done));
  }

  /** Mailboxes this instance watches now (tests, diagnostics). */
  watching(): string[] {
    return [...this.watches.keys()];
  }

  /** One pass: start the watches this instance can take, stop those of mailboxes gone, disabled or changed. */
  tick(): Promise<void> {
    this.ticking ??= this.pass()
      .catch((err: unknown) => this.d.log.error({ err }, 'IMAP IDLE check failed'))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async pass(): Promise<void> {
    const wanted = new Map(
      (await this.d.setups.enabled()).filter((s) => s.provider === 'imap').map((s) => [s.mailbox, s]),
    );
    for (const [mailbox, w] of this.watches) {
      const setup = wanted.get(mailbox);
      if (!setup || fingerprintOf(setup) !== w.fingerprint) w.abort.abort(); // ends, then a new one if wanted
    }
    for (const setup of wanted.values()) {
      if (this.watches.has(setup.mailbox) || !this.timer) continue;
      const lease = await this.d.leases.acquire(`idle:${setup.mailbox}`, this.d.owner, this.d.leaseTtlMs);
      if (lease) this.begin(setup, lease);
    }
  }

  private begin(setup: LoggingSetup, lease: HeldLease): void {
    const abort = new AbortController();
    const mailbox = setup.mailbox;
    let held: HeldLease | null = lease;
    const write = serialWriter((err) => this.d.log.warn({ err, mailbox }, 'IMAP IDLE state not saved'));
    const renew = setInterval(async () => {
      held = held && (await this.d.leases.renew(held, this.d.leaseTtlMs).catch(() => null));
      if (!held)
        abort.abort(); // another instance watches it now
      else await write(() => this.d.subs.idleHeartbeat(mailbox, this.d.now()));
    }, this.d.leaseTtlMs / 3);
    const done = this.watch(setup, abort.signal, write)
      .catch((err: unknown) => this.d.log.error({ err, mailbox }, 'IMAP IDLE watch failed'))
      .finally(async () => {
        clearInterval(renew);
        this.watches.delete(mailbox);
        if (held) await this.d.leases.release(held).catch(() => {});
      });
    this.watches.set(mailbox, { fingerprint: fingerprintOf(setup), abort, done });
  }

  /** Connects, watches, reconnects with backoff, until stopped. */
  private async watch(
    setup: LoggingSetup,
    signal: AbortSignal,
    write: (w: () => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const mailbox = setup.mailbox;
    let failures = 0;
    let lastError: { code: string; message: string; at: Date } | null = null;
    let state: IdleState | null = null;
    const enter = (next: IdleState) => {
      const at = this.d.now();
      state = next;
      const idle = { state: next, since: at, heartbeatAt: at, lastError, failures };
      return write(() => this.d.subs.setIdle(mailbox, idle));
    };
    const mailArrived = () =>
      void write(async () => {
        await this.d.subs.markNotified(mailbox, this.d.now());
        this.onDue(mailbox);
        await this.d.subs.count(mailbox, 'notifications', 1);
      });
    while (!signal.aborted) {
      let watchingSince = 0;
      try {
        if (state !== 'failing') await enter('connecting');
        const source = this.d.sourceFor(setup);
        if (!source.watchInbox) return await enter('unsupported');
        const ended = await source.watchInbox(
          {
            onWatching: () => {
              watchingSince = Date.now();
              failures = 0;
              lastError = null;
              this.d.log.info({ mailbox }, 'IMAP IDLE active');
              void enter('active');
              mailArrived(); // mail that came while nobody watched gets its run now
            },
            onMail: mailArrived,
          },
          signal,
        );
        if (ended === 'unsupported') {
          this.d.log.info({ mailbox }, 'the IMAP server offers no IDLE: polling only');
          await enter('unsupported');
          await pause(IDLE_UNSUPPORTED_RECHECK_MS, signal);
        }
      } catch (err) {
        if (signal.aborted) break;
        const e = err instanceof MailSourceError ? err : new MailSourceError('transient', String(err));
        failures = watchingSince && Date.now() - watchingSince > IDLE_HEALTHY_AFTER_MS ? 1 : failures + 1;
        lastError = { code: e.code, message: e.message.slice(0, 500), at: this.d.now() };
        const delay = idleRetryDelayMs(failures);
        this.d.log.warn({ mailbox, code: e.code, failures, retryInMs: delay }, 'IMAP IDLE connection lost');
        await enter('failing');
        await pause(delay, signal);
      }
    }
    await write(async () => {}); // the last state written before the lease goes
  }
}

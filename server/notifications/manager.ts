// Keeps one change-notification subscription per enabled mailbox: creates it (random clientState, stored sealed),
// renews it a day after each create/renewal, reauthorizes it when Graph asks, re-creates it when Graph removed it
// or PUBLIC_URL changed, and deletes those of mailboxes no longer enabled. Every instance runs one; a short lease
// per mailbox (`subscription:<mailbox>`) makes exactly one of them act, so Graph never gets two subscriptions.
import type { Logger } from '../logging/logger.js';
import { MailSourceError, type MailSource } from '../mailsource/MailSource.js';
import type { LeaseRepository } from '../repositories/leases.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { MailSubscription, MailSubscriptionRepository } from '../repositories/mailSubscriptions.js';
import type { SecretBox } from '../security/secretBox.js';
import {
  endpointsOf,
  newClientState,
  nextAction,
  notificationsFor,
  REQUESTED_LIFETIME_MS,
  retryDelayMs,
  type Reachability,
} from './decisions.js';

/** Long enough for a create (Graph validates both endpoints, up to 10 s each) and a delete. */
const LEASE_TTL_MS = 60_000;

export interface ManagerDeps {
  setups: LoggingSetupRepository;
  subs: MailSubscriptionRepository;
  leases: LeaseRepository;
  /** This process's lease owner (the engine's). */
  owner: string;
  sourceFor: (setup: LoggingSetup) => MailSource;
  secrets: SecretBox;
  now: () => Date;
  log: Logger;
  publicUrl: string;
  reachability: Reachability;
  checkMs: number;
}

export class SubscriptionManager {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly d: ManagerDeps) {}

  start(): void {
    if (this.timer || !this.d.reachability.reachable) return;
    this.timer = setInterval(() => this.kick(), this.d.checkMs);
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }

  /** Check now (a lifecycle event arrived); a check under way is followed by one more. */
  kick(): void {
    if (!this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .catch((err: unknown) => this.d.log.error({ err }, 'subscription check failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** One pass over every mailbox (tests call it directly). */
  async tick(): Promise<void> {
    if (!this.d.reachability.reachable) return;
    const enabled = (await this.d.setups.enabled()).filter(
      (s) => s.provider === 'graph' && notificationsFor(s, this.d.reachability).reachable,
    );
    for (const setup of enabled) {
      try {
        await this.maintain(setup);
      } catch (err) {
        this.d.log.error({ err, mailbox: setup.mailbox }, 'subscription upkeep failed');
      }
    }
    const wanted = new Set(enabled.map((s) => s.mailbox));
    for (const sub of await this.d.subs.list())
      if (!wanted.has(sub.mailbox)) await this.retire(sub).catch(() => {});
  }

  private async withLease(mailbox: string, work: () => Promise<void>): Promise<void> {
    const lease = await this.d.leases.acquire(`subscription:${mailbox}`, this.d.owner, LEASE_TTL_MS);
    if (!lease) return; // another instance is at it
    try {
      await work();
    } finally {
      await this.d.leases.release(lease);
    }
  }

  private async maintain(setup: LoggingSetup): Promise<void> {
    const { notificationUrl } = endpointsOf(this.d.publicUrl);
    if (nextAction(await this.d.subs.get(setup.mailbox), this.d.now(), notificationUrl) === 'none') return;
    await this.withLease(setup.mailbox, async () => {
      const sub = await this.d.subs.get(setup.mailbox); // again: another instance may have just done it
      const action = nextAction(sub, this.d.now(), notificationUrl);
      if (action === 'none') return;
      const source = this.d.sourceFor(setup).subscriptions;
      if (!source) return; // a provider without notifications: polling only
      try {
        if (action === 'renew' || action === 'reauthorize') {
          const done = await this.refresh(setup.mailbox, sub!, action, source);
          if (done) return;
        }
        if (action === 'recreate' && sub?.subscriptionId) await source.unsubscribe(sub.subscriptionId);
        await this.create(setup.mailbox, source);
      } catch (err) {
        await this.failed(setup.mailbox, sub, err);
      }
    });
  }

  /** Renewal (also answers a reauthorization); false when Graph no longer has it, so a new one is made. */
  private async refresh(
    mailbox: string,
    sub: MailSubscription,
    action: 'renew' | 'reauthorize',
    source: NonNullable<MailSource['subscriptions']>,
  ): Promise<boolean> {
    const now = this.d.now();
    try {
      if (action === 'reauthorize') await source.reauthorize(sub.subscriptionId!);
      // Renewing too: a reauthorization is often the sign of a subscription close to its end.
      const renewed = await source.renew(
        sub.subscriptionId!,
        new Date(now.getTime() + REQUESTED_LIFETIME_MS),
      );
      await this.d.subs.saveRenewed(mailbox, renewed.expiresAt, now);
      this.d.log.info({ mailbox, action, expiresAt: renewed.expiresAt }, 'subscription renewed');
      return true;
    } catch (err) {
      if (err instanceof MailSourceError && err.code === 'not_found') {
        await this.d.subs.forgetSubscription(mailbox);
        return false;
      }
      throw err;
    }
  }

  private async create(mailbox: string, source: NonNullable<MailSource['subscriptions']>): Promise<void> {
    const now = this.d.now();
    const clientState = newClientState();
    const endpoints = endpointsOf(this.d.publicUrl);
    const created = await source.subscribeInbox({
      ...endpoints,
      clientState,
      expiresAt: new Date(now.getTime() + REQUESTED_LIFETIME_MS),
    });
    await this.d.subs.saveCreated(mailbox, {
      subscriptionId: created.id,
      clientStateSealed: this.d.secrets.seal(clientState),
      notificationUrl: endpoints.notificationUrl,
      expiresAt: created.expiresAt,
      at: now,
    });
    // Mail that arrived while there was no subscription (or before this one was saved) gets a run now.
    await this.d.subs.markNotified(mailbox, now);
    this.d.log.info({ mailbox, expiresAt: created.expiresAt }, 'subscription created');
  }

  private async failed(mailbox: string, sub: MailSubscription | null, err: unknown): Promise<void> {
    const code = err instanceof MailSourceError ? err.code : 'internal_error';
    const message = err instanceof Error ? err.message : String(err);
    const failures = (sub?.failures ?? 0) + 1;
    const now = this.d.now();
    await this.d.subs.saveFailure(
      mailbox,
      { code, message: message.slice(0, 500), at: now },
      failures,
      new Date(now.getTime() + retryDelayMs(failures)),
    );
    this.d.log.warn({ mailbox, code, failures }, 'subscription could not be created or renewed');
  }

  /** A mailbox no longer enabled (or removed): delete its subscription at Graph when we still can. */
  private async retire(sub: MailSubscription): Promise<void> {
    await this.withLease(sub.mailbox, async () => {
      const setup = await this.d.setups.get(sub.mailbox);
      if (setup?.enabled) return;
      if (setup && sub.subscriptionId)
        await this.d.sourceFor(setup).subscriptions?.unsubscribe(sub.subscriptionId);
      await this.d.subs.remove(sub.mailbox); // without the setup Graph lets it expire within the week
    });
  }
}

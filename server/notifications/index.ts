// Graph change notifications, composed: the public endpoints (router), the subscription manager, IMAP's IDLE
// watches (imapIdle.ts), the scheduler's hook (effective interval and "notified since the last run"), and the
// state Job status shows. server/main.ts
// builds it once from the configuration and the process's repositories.
import type { Router } from 'express';
import type { Config } from '../config/env.js';
import type { Engine } from '../jobs/engine.js';
import type { Logger } from '../logging/logger.js';
import type { Repositories } from '../repositories/index.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { MailSubscription } from '../repositories/mailSubscriptions.js';
import {
  effectiveIntervalSeconds,
  idleSubscriptionState,
  notificationReachability,
  notificationsFor,
  subscriptionState,
  type PollingOnlyReason,
  type Reachability,
  type SubscriptionState,
} from './decisions.js';
import { ImapIdleWatcher } from './imapIdle.js';
import { SubscriptionManager } from './manager.js';
import { NotificationReceiver } from './receiver.js';
import { notificationRouter } from './routes.js';

export interface NotificationStatus {
  state: SubscriptionState;
  /** Why notifications are off (polling only): turned off by configuration, or PUBLIC_URL not public. */
  reason: PollingOnlyReason | null;
  expiresAt: Date | null;
  renewedAt: Date | null;
  /** The last valid notification (or missed/removed event) that made the mailbox due. */
  notifiedAt: Date | null;
  notifications: number;
  /** Notifications ignored for a wrong clientState. */
  rejected: number;
  lifecycleEvents: number;
  lastError: { code: string; at: Date } | null;
  /** The polling interval in effect (the safety net while notifications are active). */
  pollSeconds: number;
  /** How mail is announced: Graph change notifications, or (IMAP) an IDLE connection held open. */
  channel: 'graph_subscription' | 'imap_idle';
}

export interface ScheduleHint {
  intervalSeconds: number;
  notifiedAt: Date | null;
}

/**
 * What the scheduler asks before deciding which mailboxes are due (server/jobs/scheduler.ts): every enabled
 * mailbox at once, from one read of the subscriptions, as it asks every tick.
 */
export type ScheduleHints = (setups: LoggingSetup[]) => Promise<Map<string, ScheduleHint>>;

export interface Notifications {
  reachability: Reachability;
  router: Router;
  manager: SubscriptionManager;
  /** IMAP mailboxes: IDLE connections that mark a mailbox due when mail arrives. */
  idle: ImapIdleWatcher;
  receiver: NotificationReceiver;
  hints: ScheduleHints;
  status(setup: LoggingSetup): Promise<NotificationStatus>;
}

export type NotificationConfig = Pick<
  Config,
  | 'PUBLIC_URL'
  | 'GRAPH_BASE_URL'
  | 'CHANGE_NOTIFICATIONS'
  | 'NOTIFICATIONS_POLL_SECONDS'
  | 'SUBSCRIPTION_CHECK_SECONDS'
>;

/** IMAP mailboxes are looked for every 15 s; a dead instance's IDLE watch is taken over within a minute. */
const IDLE_TIMING = { checkMs: 15_000, leaseTtlMs: 60_000 };

export function createNotifications(
  config: NotificationConfig,
  repos: Repositories,
  engine: Pick<Engine, 'owner' | 'secrets' | 'sourceFor'>,
  log: Logger,
  now: () => Date = () => new Date(),
  idleTiming: { checkMs: number; leaseTtlMs: number } = IDLE_TIMING,
): Notifications {
  const reachability = notificationReachability(
    config.PUBLIC_URL,
    config.GRAPH_BASE_URL,
    config.CHANGE_NOTIFICATIONS,
  );
  const subs = repos.mailSubscriptions;
  const manager = new SubscriptionManager({
    setups: repos.setups,
    subs,
    leases: repos.leases,
    owner: engine.owner,
    sourceFor: engine.sourceFor,
    secrets: engine.secrets,
    now,
    log,
    publicUrl: config.PUBLIC_URL,
    reachability,
    checkMs: config.SUBSCRIPTION_CHECK_SECONDS * 1000,
  });
  const receiver = new NotificationReceiver({
    subs,
    secrets: engine.secrets,
    now,
    log,
    onLifecycle: () => manager.kick(),
  });
  const idle = new ImapIdleWatcher({
    setups: repos.setups,
    subs,
    leases: repos.leases,
    owner: engine.owner,
    sourceFor: engine.sourceFor,
    now,
    log,
    reachability,
    ...idleTiming,
  });
  // IMAP: the IDLE watch's state as its holder last wrote it; stale after two missed lease renewals.
  const imapStatusWith = (setup: LoggingSetup, sub: MailSubscription | null): NotificationStatus => {
    const { state, reason } = idleSubscriptionState(sub?.idle, now(), idleTiming.leaseTtlMs, reachability);
    const error = sub?.idle?.lastError;
    return {
      state,
      reason,
      expiresAt: null,
      renewedAt: sub?.idle?.since ?? null,
      notifiedAt: sub?.notifiedAt ?? null,
      notifications: sub?.counts?.notifications ?? 0,
      rejected: 0,
      lifecycleEvents: 0,
      lastError: error ? { code: error.code, at: error.at } : null,
      pollSeconds: effectiveIntervalSeconds(setup.intervalSeconds, state, config.NOTIFICATIONS_POLL_SECONDS),
      channel: 'imap_idle',
    };
  };
  const statusWith = (setup: LoggingSetup, sub: MailSubscription | null): NotificationStatus => {
    if (setup.provider === 'imap') return imapStatusWith(setup, sub);
    const available = notificationsFor(setup, reachability);
    const state = subscriptionState(sub, now(), available);
    return {
      state,
      reason: available.reachable ? null : available.reason,
      expiresAt: sub?.expiresAt ?? null,
      renewedAt: sub?.renewedAt ?? sub?.createdAt ?? null,
      notifiedAt: sub?.notifiedAt ?? null,
      notifications: sub?.counts?.notifications ?? 0,
      rejected: sub?.counts?.rejected ?? 0,
      lifecycleEvents: sub?.counts?.lifecycle ?? 0,
      lastError: sub?.lastError ? { code: sub.lastError.code, at: sub.lastError.at } : null,
      pollSeconds: effectiveIntervalSeconds(setup.intervalSeconds, state, config.NOTIFICATIONS_POLL_SECONDS),
      channel: 'graph_subscription',
    };
  };
  return {
    reachability,
    router: notificationRouter(receiver, log),
    manager,
    idle,
    receiver,
    status: async (setup) => statusWith(setup, await subs.get(setup.mailbox)),
    hints: async (setups) => {
      const all = new Map((await subs.list()).map((sub) => [sub.mailbox, sub]));
      return new Map(
        setups.map((setup) => {
          const s = statusWith(setup, all.get(setup.mailbox) ?? null);
          return [setup.mailbox, { intervalSeconds: s.pollSeconds, notifiedAt: s.notifiedAt }];
        }),
      );
    },
  };
}

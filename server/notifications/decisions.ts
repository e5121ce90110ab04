// Pure decisions of change notifications: can Microsoft 365 reach us at all, what a mailbox's subscription needs
// next, what state the console shows, how often the safety-net poll runs, and whether a notification makes a
// mailbox due. No I/O: the manager, the receiver and the scheduler's hook act on these answers.
import crypto from 'node:crypto';
import { isLoopbackHost } from '../config/env.js';
import type { MailSubscription } from '../repositories/mailSubscriptions.js';

/** Outlook message subscriptions last at most 10,080 minutes (the subscription resource's table). */
export const MAX_LIFETIME_MS = 10_080 * 60_000;
/** What we ask for: an hour less than the maximum, so a server clock ahead of Graph's is not refused. */
export const REQUESTED_LIFETIME_MS = MAX_LIFETIME_MS - 60 * 60_000;
/** Renewed once it is a day old: a server down for days still leaves the subscription most of a week. */
export const RENEW_WHEN_REMAINING_MS = REQUESTED_LIFETIME_MS - 24 * 60 * 60_000;
/** Failed creates/renewals are tried again after 1, 2, 4... minutes, at most hourly. */
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 60 * 60_000;

/** Paths under PUBLIC_URL that Graph POSTs to (server/notifications/routes.ts serves them, without sign-in). */
export const HOOK_BASE_PATH = '/hooks/graph';

export function endpointsOf(publicUrl: string): {
  notificationUrl: string;
  lifecycleNotificationUrl: string;
} {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    notificationUrl: `${base}${HOOK_BASE_PATH}/notifications`,
    lifecycleNotificationUrl: `${base}${HOOK_BASE_PATH}/lifecycle`,
  };
}

/**
 * Why a mailbox is polled only: notifications turned off, Microsoft 365 cannot reach us, not allowed, or (IMAP)
 * the server offers no IDLE.
 */
export type PollingOnlyReason = 'turned_off' | 'private_url' | 'delegated_sign_in' | 'imap_no_idle';
export type Reachability = { reachable: true } | { reachable: false; reason: PollingOnlyReason };

/** RFC 1918, link-local and unique-local addresses, and names no public DNS answers. */
function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopbackHost(h)) return true;
  if (/^10\.|^192\.168\.|^169\.254\.|^172\.(1[6-9]|2\d|3[01])\./.test(h)) return true;
  if (/^f[cd][0-9a-f]{2}:|^fe80:/.test(h)) return true;
  return !h.includes('.') || /\.(local|internal|lan|home\.arpa)$/.test(h);
}

/**
 * Graph delivers only to endpoints it can reach. A PUBLIC_URL on loopback or a private network is reachable only
 * by a Graph on the same machine or network (the emulator), so notifications are on exactly when the Graph base
 * URL is as private as PUBLIC_URL or PUBLIC_URL is public. Otherwise: polling only, shown in the console.
 */
export function notificationReachability(
  publicUrl: string,
  graphBaseUrl: string,
  mode: 'auto' | 'off',
): Reachability {
  if (mode === 'off') return { reachable: false, reason: 'turned_off' };
  const ours = new URL(publicUrl).hostname;
  if (!isPrivateHost(ours)) return { reachable: true };
  return isPrivateHost(new URL(graphBaseUrl).hostname)
    ? { reachable: true }
    : { reachable: false, reason: 'private_url' };
}

/**
 * Whether this mailbox can have a subscription: Graph allows a delegated token to subscribe only to the signed-in
 * user's own mailbox, never through the .Shared permissions (Microsoft's "Outlook change notifications" notes), so
 * a setup that reads a shared mailbox as a job account is polled only. App-only setups can subscribe anywhere
 * their permission reaches.
 */
export function notificationsFor(
  setup: { authMode: 'app' | 'delegated' },
  reachability: Reachability,
): Reachability {
  if (!reachability.reachable) return reachability;
  return setup.authMode === 'delegated' ? { reachable: false, reason: 'delegated_sign_in' } : reachability;
}

export type SubscriptionAction = 'none' | 'create' | 'renew' | 'reauthorize' | 'recreate';

/** What a mailbox's subscription needs now (the manager does it under a lease). */
export function nextAction(
  sub: MailSubscription | null,
  now: Date,
  notificationUrl: string,
): SubscriptionAction {
  if (sub?.retryAt && now < sub.retryAt) return 'none';
  if (!sub?.subscriptionId || !sub.expiresAt || sub.expiresAt <= now) return 'create';
  // Created for another PUBLIC_URL (the deployment moved), or removed by Graph: a new one, the old deleted.
  if (sub.notificationUrl !== notificationUrl || sub.pending === 'recreate') return 'recreate';
  if (sub.pending === 'reauthorize') return 'reauthorize';
  if (sub.expiresAt.getTime() - now.getTime() < RENEW_WHEN_REMAINING_MS) return 'renew';
  return 'none';
}

export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);
}

export type SubscriptionState = 'polling_only' | 'active' | 'pending' | 'failing' | 'expired';

/** active: notifications flow; anything else leaves the mailbox on its own polling interval. */
export function subscriptionState(
  sub: MailSubscription | null,
  now: Date,
  reachability: Reachability,
): SubscriptionState {
  if (!reachability.reachable) return 'polling_only';
  if (sub?.lastError) return 'failing';
  if (!sub?.subscriptionId || !sub.expiresAt) return 'pending';
  if (sub.expiresAt <= now) return 'expired';
  return sub.pending ? 'pending' : 'active';
}

/** The one place the polling interval is decided: the safety net while notifications are healthy. */
export function effectiveIntervalSeconds(
  setupIntervalSeconds: number,
  state: SubscriptionState,
  safetyNetSeconds: number,
): number {
  return state === 'active' ? Math.max(setupIntervalSeconds, safetyNetSeconds) : setupIntervalSeconds;
}

/**
 * A notification makes the mailbox due until a run starts after it: no flag to clear, so mail that arrives while
 * a run is under way (after its Inbox read) still gets the next run. A mailbox whose last run failed keeps its
 * backoff: new mail must not turn a failing mailbox (revoked consent, say) into a run per message.
 */
export function dueByNotification(
  notifiedAt: Date | null,
  lastRun: { startedAt: Date; outcome: string } | null,
): boolean {
  if (notifiedAt === null) return false;
  if (lastRun === null) return true;
  return lastRun.outcome !== 'failed' && notifiedAt > lastRun.startedAt;
}

/** Constant-time comparison of the clientState we gave Graph and the one a notification carries. */
export function clientStateMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

/** 256 random bits, URL-safe: 43 characters, well within Graph's 128. */
export function newClientState(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** IDLE reconnects after 1, 2, 4... seconds, at most every 5 minutes; a server without IDLE is asked hourly. */
const IDLE_RETRY_BASE_MS = 1_000;
const IDLE_RETRY_MAX_MS = 5 * 60_000;
export const IDLE_UNSUPPORTED_RECHECK_MS = 60 * 60_000;
/** A watch that held this long before it dropped was healthy: the next reconnect starts the backoff over. */
export const IDLE_HEALTHY_AFTER_MS = 60_000;

export function idleRetryDelayMs(failures: number): number {
  return Math.min(IDLE_RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), IDLE_RETRY_MAX_MS);
}

/**
 * An IMAP mailbox's notification state from its IDLE watch as last written: a heartbeat older than `staleMs`
 * means no instance watches it (the holder died; another takes the lease over within its lifetime).
 */
export function idleSubscriptionState(
  idle: { state: 'connecting' | 'active' | 'unsupported' | 'failing'; heartbeatAt: Date } | null | undefined,
  now: Date,
  staleMs: number,
  reachability: Reachability,
): { state: SubscriptionState; reason: PollingOnlyReason | null } {
  if (!reachability.reachable && reachability.reason === 'turned_off')
    return { state: 'polling_only', reason: 'turned_off' };
  if (!idle || now.getTime() - idle.heartbeatAt.getTime() > staleMs)
    return { state: 'pending', reason: null };
  if (idle.state === 'unsupported') return { state: 'polling_only', reason: 'imap_no_idle' };
  const state = ({ connecting: 'pending', active: 'active', failing: 'failing' } as const)[idle.state];
  return { state, reason: null };
}

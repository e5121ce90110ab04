import assert from 'node:assert/strict';
import {
  clientStateMatches,
  dueByNotification,
  effectiveIntervalSeconds,
  endpointsOf,
  MAX_LIFETIME_MS,
  newClientState,
  nextAction,
  notificationReachability,
  notificationsFor,
  RENEW_WHEN_REMAINING_MS,
  REQUESTED_LIFETIME_MS,
  retryDelayMs,
  subscriptionState,
} from '../../../server/notifications/decisions.js';
import type { MailSubscription } from '../../../server/repositories/mailSubscriptions.js';

const NOW = new Date('2027-03-01T12:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const URL_A = 'https://interlog.contoso.example/hooks/graph/notifications';

function sub(over: Partial<MailSubscription> = {}): MailSubscription {
  return {
    mailbox: 'logging@contoso.example',
    subscriptionId: 'sub-1',
    clientStateSealed: 'sealed',
    notificationUrl: URL_A,
    expiresAt: later(REQUESTED_LIFETIME_MS),
    createdAt: NOW,
    renewedAt: null,
    pending: null,
    lastError: null,
    failures: 0,
    retryAt: null,
    notifiedAt: null,
    counts: { notifications: 0, rejected: 0, lifecycle: 0 },
    ...over,
  };
}

describe('notifications/decisions', () => {
  it('asks Graph for less than its 10,080-minute maximum and renews a day later', () => {
    assert.ok(REQUESTED_LIFETIME_MS < MAX_LIFETIME_MS);
    assert.equal(REQUESTED_LIFETIME_MS - RENEW_WHEN_REMAINING_MS, 24 * 3600_000);
    assert.equal(nextAction(sub(), NOW, URL_A), 'none');
    assert.equal(nextAction(sub(), later(23 * 3600_000), URL_A), 'none');
    assert.equal(nextAction(sub(), later(25 * 3600_000), URL_A), 'renew');
  });

  it('creates when there is none or it expired; re-creates for a new PUBLIC_URL or after removal', () => {
    assert.equal(nextAction(null, NOW, URL_A), 'create');
    assert.equal(nextAction(sub({ subscriptionId: null }), NOW, URL_A), 'create');
    assert.equal(nextAction(sub({ expiresAt: later(-1) }), NOW, URL_A), 'create');
    assert.equal(nextAction(sub(), NOW, 'https://other.example/hooks/graph/notifications'), 'recreate');
    assert.equal(nextAction(sub({ pending: 'recreate' }), NOW, URL_A), 'recreate');
    assert.equal(nextAction(sub({ pending: 'reauthorize' }), NOW, URL_A), 'reauthorize');
  });

  it('waits for retryAt after a failure, backing off to at most an hour', () => {
    assert.equal(nextAction(null, NOW, URL_A), 'create');
    assert.equal(nextAction(sub({ subscriptionId: null, retryAt: later(1000) }), NOW, URL_A), 'none');
    assert.deepEqual([1, 2, 3, 10].map(retryDelayMs), [60_000, 120_000, 240_000, 3_600_000]);
  });

  it('is reachable only when Graph can reach PUBLIC_URL', () => {
    const graph = 'https://graph.microsoft.com';
    assert.deepEqual(notificationReachability('https://interlog.contoso.example', graph, 'auto'), {
      reachable: true,
    });
    for (const local of [
      'https://localhost:3000',
      'https://127.0.0.1',
      'https://10.1.2.3',
      'https://crm.local',
    ])
      assert.deepEqual(
        notificationReachability(local, graph, 'auto'),
        { reachable: false, reason: 'private_url' },
        local,
      );
    // A Graph on this machine (the emulator) reaches a loopback PUBLIC_URL.
    assert.deepEqual(notificationReachability('https://localhost:3000', 'https://127.0.0.1:4000', 'auto'), {
      reachable: true,
    });
    assert.deepEqual(notificationReachability('https://interlog.contoso.example', graph, 'off'), {
      reachable: false,
      reason: 'turned_off',
    });
    assert.equal(
      endpointsOf('https://x.example/').lifecycleNotificationUrl,
      'https://x.example/hooks/graph/lifecycle',
    );
  });

  it('a delegated (job account) setup is polled only; an app-only one follows reachability', () => {
    const on = { reachable: true } as const;
    const off = { reachable: false, reason: 'turned_off' } as const;
    assert.deepEqual(notificationsFor({ authMode: 'delegated' }, on), {
      reachable: false,
      reason: 'delegated_sign_in',
    });
    assert.deepEqual(notificationsFor({ authMode: 'app' }, on), on);
    assert.deepEqual(
      notificationsFor({ authMode: 'delegated' }, off),
      off,
      'the deployment-wide reason first',
    );
  });

  it('polls on the safety net only while the subscription is active', () => {
    const on = { reachable: true } as const;
    assert.equal(subscriptionState(sub(), NOW, on), 'active');
    assert.equal(subscriptionState(sub(), NOW, { reachable: false, reason: 'private_url' }), 'polling_only');
    assert.equal(subscriptionState(null, NOW, on), 'pending');
    assert.equal(subscriptionState(sub({ pending: 'reauthorize' }), NOW, on), 'pending');
    assert.equal(subscriptionState(sub({ expiresAt: later(-1) }), NOW, on), 'expired');
    assert.equal(
      subscriptionState(sub({ lastError: { code: 'endpoint_unreachable', message: '', at: NOW } }), NOW, on),
      'failing',
    );
    assert.equal(effectiveIntervalSeconds(60, 'active', 300), 300);
    assert.equal(effectiveIntervalSeconds(900, 'active', 300), 900, 'never more often than the setup says');
    for (const s of ['polling_only', 'pending', 'failing', 'expired'] as const)
      assert.equal(effectiveIntervalSeconds(60, s, 300), 60, s);
  });

  it('a notification makes the mailbox due until a run starts after it, unless it is failing', () => {
    assert.equal(dueByNotification(null, null), false);
    assert.equal(dueByNotification(NOW, null), true);
    assert.equal(dueByNotification(NOW, { startedAt: later(-1), outcome: 'succeeded' }), true);
    assert.equal(dueByNotification(NOW, { startedAt: later(1), outcome: 'running' }), false);
    assert.equal(dueByNotification(NOW, { startedAt: later(-1), outcome: 'failed' }), false);
  });

  it('compares clientState in constant time and makes fresh ones within 128 characters', () => {
    const s = newClientState();
    assert.ok(s.length <= 128 && s.length >= 40);
    assert.notEqual(s, newClientState());
    assert.equal(clientStateMatches(s, s), true);
    assert.equal(clientStateMatches(s, s + 'x'), false);
    assert.equal(clientStateMatches(s, null), false);
  });
});

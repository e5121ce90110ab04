// The pure decisions of IMAP IDLE: how long to wait before connecting again, and what Job status shows for an
// IMAP mailbox from its watch's last written state.
import assert from 'node:assert/strict';
import {
  idleRetryDelayMs,
  idleSubscriptionState,
  type Reachability,
} from '../../../server/notifications/decisions.js';

describe('IMAP IDLE decisions', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const on: Reachability = { reachable: false, reason: 'private_url' }; // Graph's reach does not matter to IDLE
  const off: Reachability = { reachable: false, reason: 'turned_off' };

  it('reconnects after 1, 2, 4... seconds, at most every 5 minutes', () => {
    assert.deepEqual([1, 2, 3, 4].map(idleRetryDelayMs), [1000, 2000, 4000, 8000]);
    assert.equal(idleRetryDelayMs(0), 1000);
    assert.equal(idleRetryDelayMs(30), 300_000);
  });

  it('shows the watch as its holder last wrote it, while the heartbeat is fresh', () => {
    const fresh = (state: 'connecting' | 'active' | 'unsupported' | 'failing') =>
      idleSubscriptionState({ state, heartbeatAt: ago(5_000) }, now, 60_000, on);
    assert.deepEqual(fresh('active'), { state: 'active', reason: null });
    assert.deepEqual(fresh('connecting'), { state: 'pending', reason: null });
    assert.deepEqual(fresh('failing'), { state: 'failing', reason: null });
    assert.deepEqual(fresh('unsupported'), { state: 'polling_only', reason: 'imap_no_idle' });
  });

  it('is pending when nobody watches (no state, or its holder stopped writing), off when turned off', () => {
    assert.deepEqual(idleSubscriptionState(null, now, 60_000, on), { state: 'pending', reason: null });
    const stale = { state: 'active' as const, heartbeatAt: ago(60_001) };
    assert.deepEqual(idleSubscriptionState(stale, now, 60_000, on), { state: 'pending', reason: null });
    assert.deepEqual(idleSubscriptionState(stale, now, 60_000, off), {
      state: 'polling_only',
      reason: 'turned_off',
    });
  });
});

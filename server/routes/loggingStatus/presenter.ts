// The state of each logging mailbox as the admin console's job status page shows it.
import type { DayCount, MailboxState } from '../../services/adminViews.js';
import type {
  LinkCheckStatus,
  LoggedTrend,
  MailboxStatus,
  NotificationStatusView,
} from '../../../shared/api/adminViews.js';
import type { NotificationStatus } from '../../notifications/index.js';
import type { LinkCheckState } from '../../repositories/linkChecks.js';
import { presentRun } from '../loggingSetup/presenter.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentMailboxStatus(m: MailboxState): MailboxStatus {
  return {
    mailbox: m.setup.mailbox,
    enabled: m.setup.enabled,
    health: m.health,
    lastRun: m.lastRun ? presentRun(m.lastRun) : null,
    consecutiveFailures: m.consecutiveFailures,
    nextRunAt: iso(m.nextRunAt),
    quarantined: m.quarantined,
    failingMessages: m.failingMessages,
    lastValidatedAt: iso(m.setup.lastValidatedAt),
    lastValidationOk: m.setup.lastValidationOk ?? null,
    archive: m.setup.archiveStatus
      ? { ...m.setup.archiveStatus, checkedAt: m.setup.archiveStatus.checkedAt.toISOString() }
      : null,
  };
}

export function presentNotifications(n: NotificationStatus): NotificationStatusView {
  return {
    state: n.state,
    reason: n.reason,
    expiresAt: iso(n.expiresAt),
    renewedAt: iso(n.renewedAt),
    notifiedAt: iso(n.notifiedAt),
    notifications: n.notifications,
    rejected: n.rejected,
    lifecycleEvents: n.lifecycleEvents,
    lastError: n.lastError && { code: n.lastError.code, at: n.lastError.at.toISOString() },
    pollSeconds: n.pollSeconds,
    channel: n.channel,
  };
}

export function presentTrend(mailbox: string, days: DayCount[]): LoggedTrend {
  return { mailbox, days: days.map((d) => ({ date: d.date, messages: d.messages, entries: d.entries })) };
}

export function presentLinkCheck(l: LinkCheckState): LinkCheckStatus {
  const counts = (c: LinkCheckState['pass']) => ({
    checked: c.checked,
    ok: c.ok,
    updated: c.updated,
    healed: c.healed,
    lost: c.lost,
    skipped: c.skipped,
  });
  const r = l.lastRun;
  return {
    lastRun: r && {
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt.toISOString(),
      requests: r.requests,
      counts: counts(r.counts),
      stoppedBy: r.stoppedBy,
      error: r.error && { code: r.error.code, message: r.error.message },
    },
    passStartedAt: iso(l.passStartedAt),
    lastPassFinishedAt: iso(l.lastPassFinishedAt),
    pass: counts(l.pass),
    totals: counts(l.totals),
  };
}

// The state of each logging mailbox as the admin console's job status page shows it.
import type { DayCount, MailboxState } from '../../services/adminViews.js';
import type { LoggedTrend, MailboxStatus, NotificationStatusView } from '../../../shared/api/adminViews.js';
import type { NotificationStatus } from '../../notifications/index.js';
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
  };
}

export function presentTrend(mailbox: string, days: DayCount[]): LoggedTrend {
  return { mailbox, days: days.map((d) => ({ date: d.date, messages: d.messages, entries: d.entries })) };
}

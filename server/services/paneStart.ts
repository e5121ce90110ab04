// Task-pane start failures: reports from panes that could not start inside Outlook (no token, no personal data),
// summed per kind of host for the admin console's status page.
import type { PaneStartFailureGroup, PaneStartFailureReport } from '../../shared/api/paneStart.js';
import type { PaneStartFailureRepository } from '../repositories/paneStartFailures.js';

/** How long counters are kept: the console shows at most this many days. */
export const PANE_START_RETENTION_DAYS = 90;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

export class PaneStartService {
  private lastPruneAt = 0;

  constructor(private readonly deps: { failures: PaneStartFailureRepository; now: () => Date }) {}

  async report(r: PaneStartFailureReport): Promise<void> {
    const now = this.deps.now();
    await this.deps.failures.count(
      {
        day: utcDay(now),
        kind: r.kind,
        // Office spells host names in either case across hosts (Outlook, outlook): one spelling per counter.
        host: r.host.toLowerCase(),
        platform: r.platform.toLowerCase(),
        hostVersion: r.hostVersion.toLowerCase(),
        blockedOrigin: r.blockedOrigin?.toLowerCase() ?? null,
      },
      now,
    );
    if (now.getTime() - this.lastPruneAt >= PRUNE_EVERY_MS) {
      this.lastPruneAt = now.getTime();
      await this.deps.failures.removeBefore(
        utcDay(new Date(now.getTime() - PANE_START_RETENTION_DAYS * DAY_MS)),
      );
    }
  }

  /** The last `days` UTC days (today included), one group per kind of failure and host, most recent first. */
  async summary(days: number): Promise<PaneStartFailureGroup[]> {
    const fromDay = utcDay(new Date(this.deps.now().getTime() - (days - 1) * DAY_MS));
    const groups = new Map<string, PaneStartFailureGroup>();
    for (const c of await this.deps.failures.since(fromDay)) {
      const key = [c.kind, c.host, c.platform, c.hostVersion, c.blockedOrigin].join('|');
      const g = groups.get(key);
      if (!g) {
        groups.set(key, {
          kind: c.kind as PaneStartFailureGroup['kind'],
          host: c.host,
          platform: c.platform,
          hostVersion: c.hostVersion,
          blockedOrigin: c.blockedOrigin,
          count: c.count,
          firstDay: c.day,
          lastSeenAt: c.lastSeenAt.toISOString(),
        });
        continue;
      }
      g.count += c.count;
      if (c.day < g.firstDay) g.firstDay = c.day;
      if (c.lastSeenAt.toISOString() > g.lastSeenAt) g.lastSeenAt = c.lastSeenAt.toISOString();
    }
    return [...groups.values()].sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
  }
}

// The deployment's retention setting as the console sees and changes it (the job is server/jobs/retention.ts).
import type { RetentionUpdate, RetentionView } from '../../shared/api/privacy.js';
import type { Caller } from '../http/auth/identity.js';
import type { RetentionRepository } from '../repositories/retention.js';

export class RetentionService {
  constructor(private readonly d: { retention: RetentionRepository; now: () => Date }) {}

  async view(): Promise<RetentionView> {
    const s = await this.d.retention.get();
    return {
      months: s.months,
      updatedAt: s.updatedAt?.toISOString() ?? null,
      updatedBy: s.updatedBy,
      lastRun: s.lastRun
        ? {
            startedAt: s.lastRun.startedAt.toISOString(),
            finishedAt: s.lastRun.finishedAt?.toISOString() ?? null,
            cutoff: s.lastRun.cutoff.toISOString(),
            deleted: s.lastRun.deleted,
            more: s.lastRun.more,
          }
        : null,
      totalDeleted: s.totalDeleted,
    };
  }

  async update(body: RetentionUpdate, caller: Caller): Promise<RetentionView> {
    await this.d.retention.setMonths(body.months, caller.email ?? caller.userId, this.d.now());
    return this.view();
  }
}

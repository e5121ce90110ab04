// The audit log, data-subject rights and retention, wired to the process's repositories (services/index.ts
// spreads these into Services).
import type { Repositories } from '../repositories/index.js';
import { AuditService, type AdminContentRead } from './audit.js';
import { DataSubjectService } from './dataSubject.js';
import { RetentionService } from './retention.js';

export interface PrivacyServices {
  /** The audit log: recording (routes, jobs, admin content reads) and the console's list. */
  audit: AuditService;
  /** Export and erasure of everything stored about a contact. */
  dataSubject: DataSubjectService;
  /** The retention setting (the job: server/jobs/retention.ts). */
  retention: RetentionService;
}

export function createPrivacyServices(
  r: Repositories,
  now: () => Date,
  /** The visibility model, which reports admin reads of others' mail content. */
  visibility: { onAdminContentRead(listener: (read: AdminContentRead) => Promise<void>): unknown },
): PrivacyServices {
  const audit = new AuditService({
    audit: r.audit,
    interactions: r.interactions,
    opportunities: r.opportunities,
    now,
  });
  // Admins see all mail content; what they looked at of others' is recorded instead.
  visibility.onAdminContentRead((read) => audit.contentRead(read));
  return {
    audit,
    dataSubject: new DataSubjectService({
      data: r.contactData,
      setups: r.setups,
      audit,
      now,
    }),
    retention: new RetentionService({ retention: r.retention, now }),
  };
}

// Binds every schema to one connection (each test gets its own database, so no global mongoose models).
import type { Connection, Model, Schema } from 'mongoose';
import { contactSchema, salespersonSchema, type ContactDoc, type SalespersonDoc } from './masterData.js';
import {
  interactionSchema,
  RETIRED_INTERACTION_INDEXES,
  opportunitySchema,
  type InteractionDoc,
  type OpportunityDoc,
} from './interactions.js';
import {
  consentRequestSchema,
  jobRunSchema,
  leaseSchema,
  legacyDnSchema,
  loggingSetupSchema,
  messageStateSchema,
  numberBlockSchema,
  pendingArchiveSchema,
  type ConsentRequestDoc,
  type JobRunDoc,
  type LeaseDoc,
  type LegacyDnDoc,
  type LoggingSetupDoc,
  type MessageStateDoc,
  type NumberBlockDoc,
  type PendingArchiveDoc,
} from './logging.js';
import { claimSchema, type ClaimDoc } from './claims.js';
import { manualConfirmationSchema, type ManualConfirmationDoc } from './manualConfirmations.js';
import { paneStartFailureSchema, type PaneStartFailureDoc } from './paneStart.js';
import {
  auditSchema,
  auditSubjectSchema,
  retentionSchema,
  type AuditDoc,
  type AuditSubjectDoc,
  type RetentionDoc,
} from './audit.js';
import { deploymentSettingsSchema, type DeploymentSettingsDoc } from './settings.js';
import { mailSubscriptionSchema, type MailSubscriptionDoc } from './notifications.js';
import { linkCheckSchema, type LinkCheckDoc } from './linkCheck.js';
import { timelineSchema, type TimelineStoredDoc } from './timeline.js';
import { timelineBacklogSchema, type TimelineBacklogDoc } from './timelineBacklog.js';
import { versionSchema, type VersionDoc } from './versions.js';
import { changeLogSchema, type ChangeLogDoc } from './changeLog.js';

export interface Models {
  Salesperson: Model<SalespersonDoc>;
  Contact: Model<ContactDoc>;
  Interaction: Model<InteractionDoc>;
  Opportunity: Model<OpportunityDoc>;
  LoggingSetup: Model<LoggingSetupDoc>;
  JobRun: Model<JobRunDoc>;
  Lease: Model<LeaseDoc>;
  MessageState: Model<MessageStateDoc>;
  NumberBlock: Model<NumberBlockDoc>;
  PendingArchive: Model<PendingArchiveDoc>;
  Claim: Model<ClaimDoc>;
  ManualConfirmation: Model<ManualConfirmationDoc>;
  ConsentRequest: Model<ConsentRequestDoc>;
  PaneStartFailure: Model<PaneStartFailureDoc>;
  LegacyDn: Model<LegacyDnDoc>;
  Audit: Model<AuditDoc>;
  AuditSubject: Model<AuditSubjectDoc>;
  Retention: Model<RetentionDoc>;
  DeploymentSettings: Model<DeploymentSettingsDoc>;
  MailSubscription: Model<MailSubscriptionDoc>;
  LinkCheck: Model<LinkCheckDoc>;
  Timeline: Model<TimelineStoredDoc>;
  TimelineBacklog: Model<TimelineBacklogDoc>;
  Version: Model<VersionDoc>;
  ContactChange: Model<ChangeLogDoc>;
  TimelineChange: Model<ChangeLogDoc>;
}

export function createModels(conn: Connection): Models {
  const get = <T>(name: string, schema: Schema<T>, collection: string): Model<T> =>
    (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
  return {
    Salesperson: get('Salesperson', salespersonSchema, 'salespeople'),
    Contact: get('Contact', contactSchema, 'contacts'),
    Interaction: get('Interaction', interactionSchema, 'interactions'),
    Opportunity: get('Opportunity', opportunitySchema, 'opportunities'),
    LoggingSetup: get('LoggingSetup', loggingSetupSchema, 'loggingSetups'),
    JobRun: get('JobRun', jobRunSchema, 'jobRuns'),
    Lease: get('Lease', leaseSchema, 'leases'),
    MessageState: get('MessageState', messageStateSchema, 'messageStates'),
    NumberBlock: get('NumberBlock', numberBlockSchema, 'numberBlocks'),
    PendingArchive: get('PendingArchive', pendingArchiveSchema, 'pendingArchives'),
    Claim: get('Claim', claimSchema, 'claims'),
    ManualConfirmation: get('ManualConfirmation', manualConfirmationSchema, 'manualConfirmations'),
    ConsentRequest: get('ConsentRequest', consentRequestSchema, 'consentRequests'),
    PaneStartFailure: get('PaneStartFailure', paneStartFailureSchema, 'paneStartFailures'),
    LegacyDn: get('LegacyDn', legacyDnSchema, 'legacyDns'),
    Audit: get('Audit', auditSchema, 'audit'),
    AuditSubject: get('AuditSubject', auditSubjectSchema, 'auditSubjects'),
    Retention: get('Retention', retentionSchema, 'retention'),
    DeploymentSettings: get('DeploymentSettings', deploymentSettingsSchema, 'deploymentSettings'),
    MailSubscription: get('MailSubscription', mailSubscriptionSchema, 'mailSubscriptions'),
    LinkCheck: get('LinkCheck', linkCheckSchema, 'linkChecks'),
    Timeline: get('Timeline', timelineSchema, 'timelines'),
    TimelineBacklog: get('TimelineBacklog', timelineBacklogSchema, 'timelineBacklog'),
    Version: get('Version', versionSchema, 'versions'),
    ContactChange: get('ContactChange', changeLogSchema, 'contactChanges'),
    TimelineChange: get('TimelineChange', changeLogSchema, 'timelineChanges'),
  };
}

/** Creates every declared index and drops retired ones (idempotent). Called at start-up and by tests. */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection().catch(() => {});
    await model.createIndexes();
  }
  const present = new Set((await models.Interaction.collection.indexes()).map((i) => i.name));
  for (const name of RETIRED_INTERACTION_INDEXES)
    if (present.has(name)) await models.Interaction.collection.dropIndex(name);
}

export type { ContactDoc, SalespersonDoc, InteractionDoc, OpportunityDoc, LoggingSetupDoc, JobRunDoc };

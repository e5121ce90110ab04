// Every repository of one database, built once per process: the server, the CLI and the tests take this one
// object apart (the engine and the services share the same instances, the same number-series blocks).
import type { Database } from './db.js';
import { AdminQueryRepository } from './adminQueries.js';
import { AuditRepository } from './audit.js';
import { ContactDataRepository } from './contactData.js';
import { ConsentRequestRepository } from './consentRequests.js';
import { DeploymentSettingsRepository } from './deploymentSettings.js';
import { IdentityRepository } from './identities.js';
import { ContactRepository } from './contacts.js';
import { InteractionRepository } from './interactions.js';
import { JobRunRepository } from './jobRuns.js';
import { LeaseRepository } from './leases.js';
import { LegacyDnRepository } from './legacyDns.js';
import { LinkCheckRepository } from './linkChecks.js';
import { LoggingSetupRepository } from './loggingSetups.js';
import { MailSubscriptionRepository } from './mailSubscriptions.js';
import { ManualConfirmationRepository } from './manualConfirmations.js';
import { MasterDataRepository } from './masterData.js';
import { MessageStateRepository } from './messageStates.js';
import { versionsOf, type Versions } from './versions.js';
import { NumberSeries } from './numberSeries.js';
import { OpportunityRepository } from './opportunities.js';
import { PaneStartFailureRepository } from './paneStartFailures.js';
import { PendingArchiveRepository } from './pendingArchives.js';
import { RetentionRepository } from './retention.js';
import { SalespersonRepository } from './salespeople.js';

export interface Repositories {
  /** The database itself (health checks, tests). */
  db: Database;
  numbers: NumberSeries;
  adminQueries: AdminQueryRepository;
  audit: AuditRepository;
  consentRequests: ConsentRequestRepository;
  contacts: ContactRepository;
  /** A contact's data across collections: export and erasure. */
  contactData: ContactDataRepository;
  /** Who signed in (tid+oid), and the app-role state. */
  identities: IdentityRepository;
  interactions: InteractionRepository;
  jobRuns: JobRunRepository;
  leases: LeaseRepository;
  legacyDns: LegacyDnRepository;
  /** The link check's state: where its pass stands, its budget, its counts. */
  linkChecks: LinkCheckRepository;
  manualConfirmations: ManualConfirmationRepository;
  masterData: MasterDataRepository;
  /** Change-notification subscriptions per mailbox (server/notifications). */
  mailSubscriptions: MailSubscriptionRepository;
  opportunities: OpportunityRepository;
  paneStartFailures: PaneStartFailureRepository;
  pending: PendingArchiveRepository;
  retention: RetentionRepository;
  salespeople: SalespersonRepository;
  /** The deployment's settings (visibility model, sensitive mail). */
  settings: DeploymentSettingsRepository;
  setups: LoggingSetupRepository;
  states: MessageStateRepository;
  /** What this process's caches are checked against (one per connection). */
  versions: Versions;
}

export function createRepositories(
  db: Database,
  o: {
    /** Owner name of number-series blocks (the instance id). */
    instanceId: string;
    now?: () => Date;
  },
): Repositories {
  const now = o.now ?? (() => new Date());
  const m = db.models;
  const numbers = new NumberSeries(m, o.instanceId, now);
  return {
    db,
    numbers,
    adminQueries: new AdminQueryRepository(m),
    audit: new AuditRepository(m),
    consentRequests: new ConsentRequestRepository(m),
    contacts: new ContactRepository(m),
    contactData: new ContactDataRepository(m),
    identities: new IdentityRepository(m),
    interactions: new InteractionRepository(m, numbers, now),
    jobRuns: new JobRunRepository(m),
    leases: new LeaseRepository(m),
    legacyDns: new LegacyDnRepository(m),
    linkChecks: new LinkCheckRepository(m),
    manualConfirmations: new ManualConfirmationRepository(m),
    masterData: new MasterDataRepository(m),
    mailSubscriptions: new MailSubscriptionRepository(m),
    opportunities: new OpportunityRepository(m, now),
    paneStartFailures: new PaneStartFailureRepository(m),
    pending: new PendingArchiveRepository(m, now),
    retention: new RetentionRepository(m),
    salespeople: new SalespersonRepository(m),
    settings: new DeploymentSettingsRepository(m),
    setups: new LoggingSetupRepository(m),
    states: new MessageStateRepository(m),
    versions: versionsOf(m),
  };
}

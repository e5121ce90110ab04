// Wires the application services to one database: the only place that knows which repository each needs.
import type { Database } from '../repositories/db.js';
import { AdminQueryRepository } from '../repositories/adminQueries.js';
import { ContactRepository } from '../repositories/contacts.js';
import { InteractionRepository } from '../repositories/interactions.js';
import { JobRunRepository } from '../repositories/jobRuns.js';
import { ConsentRequestRepository } from '../repositories/consentRequests.js';
import { LoggingSetupRepository, type LoggingSetup } from '../repositories/loggingSetups.js';
import { LegacyDnRepository } from '../repositories/legacyDns.js';
import { MasterDataRepository } from '../repositories/masterData.js';
import { MessageStateRepository } from '../repositories/messageStates.js';
import { NumberSeries } from '../repositories/numberSeries.js';
import { OpportunityRepository } from '../repositories/opportunities.js';
import { PaneStartFailureRepository } from '../repositories/paneStartFailures.js';
import { SalespersonRepository } from '../repositories/salespeople.js';
import type { DelegatedSignIn } from '../mailsource/sourceForSetup.js';
import type { TokenCacheStore } from '../mailsource/sourceForSetup.js';
import type { MailSource } from '../mailsource/MailSource.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { SecretBox } from '../security/secretBox.js';
import { AdminViewService } from './adminViews.js';
import { ContactService } from './contacts.js';
import { InteractionService } from './interactions.js';
import { LoggingConsentService } from './loggingConsent.js';
import { LoggingSetupService } from './loggingSetup.js';
import { LookupService } from './lookup.js';
import { ManualLoggingService } from './manualLogging.js';
import { OpportunityService } from './opportunities.js';
import { PaneStartService } from './paneStart.js';
import { QuarantineReleaseService } from './quarantineRelease.js';
import { SalespersonService } from './salespeople.js';
import { TransferService } from './transfers.js';

export interface Services {
  lookup: LookupService;
  interactions: InteractionService;
  opportunities: OpportunityService;
  manualLogging: ManualLoggingService;
  contacts: ContactService;
  salespeople: SalespersonService;
  transfers: TransferService;
  loggingSetup: LoggingSetupService;
  /** Delegated access: signing the job account in (consent, Renew token). */
  loggingConsent: LoggingConsentService;
  /** Admin console views: entries across contacts, mailbox states, logged mail per day. */
  adminViews: AdminViewService;
  /** Releasing quarantined mail (processed again by the next run). */
  quarantineRelease: QuarantineReleaseService;
  /** Task panes that could not start inside Outlook. */
  paneStart: PaneStartService;
  /** Role resolution needs it: is the caller's address a salesperson's? */
  masterData: MasterDataRepository;
}

export interface ServiceOptions {
  /** Owner name of number-series blocks (the instance id). */
  instanceId: string;
  secrets: SecretBox;
  /** Share the engine's series in one process (default: a new one with `instanceId` as owner). */
  numbers?: NumberSeries;
  sourceFor: (setup: LoggingSetup) => MailSource;
  /** MSAL for a delegated setup's sign-in (mailsource/sourceForSetup.ts delegatedSignInFor); without it, none. */
  signInFor?: (setup: LoggingSetup, cache: TokenCacheStore) => DelegatedSignIn;
  now?: () => Date;
}

const noSignIn = (): DelegatedSignIn => {
  throw new MailSourceError('invalid_request', 'This server is not set up to sign job accounts in.');
};

export function createServices(db: Database, o: ServiceOptions): Services {
  const now = o.now ?? (() => new Date());
  const numbers = o.numbers ?? new NumberSeries(db.models, o.instanceId, now);
  const interactions = new InteractionRepository(db.models, numbers, now);
  const masterData = new MasterDataRepository(db.models);
  const contacts = new ContactRepository(db.models);
  const salespeople = new SalespersonRepository(db.models);
  const opportunities = new OpportunityRepository(db.models, now);
  const setups = new LoggingSetupRepository(db.models);
  const manualLogging = new ManualLoggingService({ interactions, masterData, salespeople, setups });
  const contactService = new ContactService({ contacts, masterData, salespeople, numbers });
  const jobRuns = new JobRunRepository(db.models);
  return {
    lookup: new LookupService({ interactions, masterData, opportunities, salespeople }),
    interactions: new InteractionService({ interactions, contacts, salespeople }),
    opportunities: new OpportunityService({
      interactions,
      opportunities,
      contacts,
      salespeople,
      numbers,
      manualLogging,
      now,
    }),
    manualLogging,
    contacts: contactService,
    salespeople: new SalespersonService(salespeople, () => new LegacyDnRepository(db.models).clear()),
    transfers: new TransferService({ salespeople, contacts, contactService }),
    loggingSetup: new LoggingSetupService({
      setups,
      jobRuns,
      states: new MessageStateRepository(db.models),
      secrets: o.secrets,
      sourceFor: o.sourceFor,
      now,
    }),
    loggingConsent: new LoggingConsentService({
      setups,
      requests: new ConsentRequestRepository(db.models),
      secrets: o.secrets,
      signInFor: o.signInFor ?? noSignIn,
      now,
    }),
    adminViews: new AdminViewService({
      queries: new AdminQueryRepository(db.models),
      setups,
      jobRuns,
      contacts,
      salespeople,
      now,
    }),
    quarantineRelease: new QuarantineReleaseService({
      setups,
      states: new MessageStateRepository(db.models),
      sourceFor: o.sourceFor,
      now,
    }),
    paneStart: new PaneStartService({ failures: new PaneStartFailureRepository(db.models), now }),
    masterData,
  };
}

// Wires the application services to the process's repositories: the only place that knows which repository each
// service needs (the repositories themselves are built once, repositories/index.ts).
import type { NotificationStatus } from '../notifications/index.js';
import type { Repositories } from '../repositories/index.js';
import type { LoggingSetup } from '../repositories/loggingSetups.js';
import type { MasterDataRepository } from '../repositories/masterData.js';
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
import { MailViewService } from './mailView.js';
import { ManualLoggingService } from './manualLogging.js';
import { OpportunityService } from './opportunities.js';
import { PaneStartService } from './paneStart.js';
import { QuarantineReleaseService } from './quarantineRelease.js';
import { SalespersonService } from './salespeople.js';
import { TransferService } from './transfers.js';
import { createPrivacyServices, type PrivacyServices } from './privacy.js';
import { DeploymentSettingsService } from './settings.js';
import { VisibilityService } from './visibility.js';

export interface Services extends PrivacyServices {
  lookup: LookupService;
  interactions: InteractionService;
  /** Logged mail read from the logging mailbox for the viewer. */
  mailView: MailViewService;
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
  /** The one gate of every entry and opportunity read (visibility model, privacy block); audit subscribes. */
  visibility: VisibilityService;
  /** Deployment settings: visibility model, sensitive mail. */
  settings: DeploymentSettingsService;
  /** A mailbox's change notifications, for Job status (absent: the server runs none). */
  notificationStatus?: (setup: LoggingSetup) => Promise<NotificationStatus>;
}

export interface ServiceOptions {
  secrets: SecretBox;
  /** MANUAL_CONFIRM_HOURS: manual entries whose copy has not arrived after this long need review (default 24). */
  manualConfirmHours?: number;
  sourceFor: (setup: LoggingSetup) => MailSource;
  /** MSAL for a delegated setup's sign-in (mailsource/sourceForSetup.ts delegatedSignInFor); without it, none. */
  signInFor?: (setup: LoggingSetup, cache: TokenCacheStore) => DelegatedSignIn;
  /** Change notifications' state for Job status (server/notifications); without it, none is shown. */
  notificationStatus?: (setup: LoggingSetup) => Promise<NotificationStatus>;
  now?: () => Date;
}

const noSignIn = (): DelegatedSignIn => {
  throw new MailSourceError('invalid_request', 'This server is not set up to sign job accounts in.');
};

export function createServices(r: Repositories, o: ServiceOptions): Services {
  const now = o.now ?? (() => new Date());
  const { interactions, masterData, contacts, salespeople, opportunities, setups, numbers, jobRuns } = r;
  const manualLogging = new ManualLoggingService({
    interactions,
    masterData,
    salespeople,
    setups,
    manualConfirmations: r.manualConfirmations,
    settings: r.settings,
    now,
    reviewAfterHours: o.manualConfirmHours ?? 24,
  });
  const settings = r.settings;
  const visibility = new VisibilityService({ settings, contacts });
  const contactService = new ContactService({ contacts, masterData, salespeople, numbers, visibility });
  return {
    lookup: new LookupService({
      interactions,
      masterData,
      opportunities,
      salespeople,
      visibility,
      versions: r.versions,
    }),
    interactions: new InteractionService({ interactions, contacts, salespeople, visibility }),
    mailView: new MailViewService({ interactions, setups, visibility, sourceFor: o.sourceFor }),
    opportunities: new OpportunityService({
      interactions,
      opportunities,
      contacts,
      salespeople,
      numbers,
      manualLogging,
      visibility,
      now,
    }),
    manualLogging,
    contacts: contactService,
    salespeople: new SalespersonService(salespeople, () => r.legacyDns.clear()),
    transfers: new TransferService({ salespeople, contacts, contactService }),
    loggingSetup: new LoggingSetupService({
      setups,
      jobRuns,
      states: r.states,
      secrets: o.secrets,
      sourceFor: o.sourceFor,
      now,
    }),
    loggingConsent: new LoggingConsentService({
      setups,
      requests: r.consentRequests,
      secrets: o.secrets,
      signInFor: o.signInFor ?? noSignIn,
      now,
    }),
    notificationStatus: o.notificationStatus,
    adminViews: new AdminViewService({
      queries: r.adminQueries,
      setups,
      jobRuns,
      contacts,
      salespeople,
      visibility,
      linkChecks: r.linkChecks,
      masterData,
      now,
    }),
    quarantineRelease: new QuarantineReleaseService({
      setups,
      states: r.states,
      sourceFor: o.sourceFor,
      now,
    }),
    paneStart: new PaneStartService({ failures: r.paneStartFailures, now }),
    masterData,
    visibility,
    settings: new DeploymentSettingsService({ settings, now }),
    ...createPrivacyServices(r, now, visibility),
  };
}

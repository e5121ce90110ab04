// The add-in-facing routes of /api/v1: one table both sides read, so a path is spelled in exactly one place.
// Paths are relative to API_BASE and use Express parameter syntax (the server mounts its router at API_BASE).

export const API_BASE = '/api/v1';

export const apiRoutes = {
  /** No token. -> ClientConfig */
  config: { method: 'GET', path: '/config' },
  /** No token; only with the development issuer. ?email= -> DevToken */
  devToken: { method: 'GET', path: '/dev/token' },
  /** No token; only with the development issuer. -> DevAccounts */
  devAccounts: { method: 'GET', path: '/dev/accounts' },
  /** -> Me */
  me: { method: 'GET', path: '/me' },
  /** LookupRequest -> LookupResponse */
  lookup: { method: 'POST', path: '/lookup' },
  /** ?cursor=&limit= -> InteractionPage */
  contactInteractions: { method: 'GET', path: '/contacts/:number/interactions' },
  /** CreateContactRequest -> 201 ContactCard */
  createContact: { method: 'POST', path: '/contacts' },
  /** -> InteractionDetail */
  interaction: { method: 'GET', path: '/interactions/:entryNumber' },
  /** LinkOpportunityRequest -> InteractionSummary */
  linkOpportunity: { method: 'POST', path: '/interactions/:entryNumber/link-opportunity' },
  /** CreateOpportunityRequest -> 201 Opportunity */
  createOpportunity: { method: 'POST', path: '/opportunities' },
  /** MessageRef -> LogEmailResponse */
  logEmail: { method: 'POST', path: '/log-email' },
  /** No body -> InteractionSummary (canceled: true). */
  cancelInteraction: { method: 'POST', path: '/interactions/:entryNumber/cancel' },
  /** No body -> InteractionSummary (canceled: false). */
  uncancelInteraction: { method: 'POST', path: '/interactions/:entryNumber/uncancel' },
  /** MarkPrivateRequest -> InteractionSummary (only the entry's salesperson or an admin). */
  markInteractionPrivate: { method: 'POST', path: '/interactions/:entryNumber/private' },
  /** -> LoggedMail, read from the logging mailbox now (whoever sees the entry in full). */
  interactionMail: { method: 'GET', path: '/interactions/:entryNumber/mail' },
  /** -> the attachment's bytes (Content-Disposition: attachment). */
  interactionMailAttachment: {
    method: 'GET',
    path: '/interactions/:entryNumber/mail/attachments/:attachmentId',
  },
  /** No token (the pane could not start). PaneStartFailureReport -> 204 */
  reportPaneStartFailure: { method: 'POST', path: '/pane-start-failures' },
} as const satisfies Record<string, { method: 'GET' | 'POST'; path: string }>;

export type ApiRouteName = keyof typeof apiRoutes;

/** Routes of the admin console and other clients (same base, same conventions). */
export const adminApiRoutes = {
  /** No token. The OpenAPI 3.1 document of /api/v1. */
  openapi: { method: 'GET', path: '/openapi.json' },
  /** No token; only with the development issuer. Its public keys. */
  devJwks: { method: 'GET', path: '/dev/jwks' },
  /** ?search=&cursor=&limit= -> ContactPage */
  contacts: { method: 'GET', path: '/contacts' },
  /** -> ContactDetail */
  contact: { method: 'GET', path: '/contacts/:number' },
  /** UpdateContactRequest -> ContactDetail */
  updateContact: { method: 'PATCH', path: '/contacts/:number' },
  /** Admin. -> text/csv */
  exportContacts: { method: 'GET', path: '/contacts/export' },
  /** Admin. text/csv, ?onError=reject|skip&dryRun=true|false -> ImportReport */
  importContacts: { method: 'POST', path: '/contacts/import' },
  /** ?search= -> SalespersonList */
  salespeople: { method: 'GET', path: '/salespeople' },
  /** Admin. CreateSalespersonRequest -> 201 Salesperson */
  createSalesperson: { method: 'POST', path: '/salespeople' },
  /** Admin. UpdateSalespersonRequest -> Salesperson */
  updateSalesperson: { method: 'PATCH', path: '/salespeople/:code' },
  /** Admin. ConfirmSignInRequest -> Salesperson (binds the pending sign-in) */
  confirmSalespersonSignIn: { method: 'POST', path: '/salespeople/:code/confirm-sign-in' },
  /** Admin. -> text/csv */
  exportSalespeople: { method: 'GET', path: '/salespeople/export' },
  /** Admin. text/csv, ?onError=reject|skip&dryRun=true|false -> ImportReport */
  importSalespeople: { method: 'POST', path: '/salespeople/import' },
  /** ?status=&contactNumber=&salespersonCode=&cursor=&limit= -> OpportunityPage */
  opportunities: { method: 'GET', path: '/opportunities' },
  /** -> Opportunity */
  opportunity: { method: 'GET', path: '/opportunities/:number' },
  /** UpdateOpportunityRequest -> Opportunity */
  updateOpportunity: { method: 'PATCH', path: '/opportunities/:number' },
  /** Admin. -> LoggingSetupList */
  loggingSetups: { method: 'GET', path: '/logging/setups' },
  /** Admin. -> LoggingSetupView */
  loggingSetup: { method: 'GET', path: '/logging/setups/:mailbox' },
  /** Admin. LoggingSetupUpdate -> LoggingSetupView (201 when created) */
  putLoggingSetup: { method: 'PUT', path: '/logging/setups/:mailbox' },
  /** Admin. SetupCheckRequest -> SetupValidation: checks inputs not saved yet; stores nothing. */
  checkLoggingSetup: { method: 'POST', path: '/logging/setup-checks' },
  /** Admin. -> SetupValidation */
  validateLoggingSetup: { method: 'POST', path: '/logging/setups/:mailbox/validate' },
  /** Admin. -> 202 RunRequested */
  runLoggingSetup: { method: 'POST', path: '/logging/setups/:mailbox/run' },
  /** Admin. ?limit= -> JobRunList */
  loggingRuns: { method: 'GET', path: '/logging/setups/:mailbox/runs' },
  /** Admin. ?state=&limit= -> QuarantineList */
  loggingQuarantine: { method: 'GET', path: '/logging/setups/:mailbox/quarantine' },
  /** Admin. ReleaseQuarantineRequest -> ReleaseQuarantineResult */
  releaseQuarantine: { method: 'POST', path: '/logging/setups/:mailbox/quarantine/release' },
  /** Admin. ?days= -> LoggedTrend */
  loggingTrend: { method: 'GET', path: '/logging/setups/:mailbox/trend' },
  /** Admin. -> LoggingStatusList */
  loggingStatus: { method: 'GET', path: '/logging/status' },
  /** Admin. -> LinkCheckStatus: the periodic check of logged mail's links. */
  linkCheckStatus: { method: 'GET', path: '/logging/link-check' },
  /** -> DirectoryCheck */
  directoryCheck: { method: 'GET', path: '/directory/check' },
  /** Admin. ?days= -> PaneStartFailureList */
  paneStartFailures: { method: 'GET', path: '/pane-start-failures' },
  /** Admin. -> ManualConfirmationList: mail logged by hand whose copy has not reached a logging mailbox. */
  manualConfirmations: { method: 'GET', path: '/logging/manual-confirmations' },
  /** Admin. ?contactNumber=&salespersonCode=&direction=&from=&to=&canceled=&cursor=&limit= -> AdminInteractionPage */
  searchInteractions: { method: 'GET', path: '/interactions' },
  /** Admin. -> DeploymentSettings */
  settings: { method: 'GET', path: '/settings' },
  /** Admin. UpdateDeploymentSettings -> DeploymentSettings */
  putSettings: { method: 'PUT', path: '/settings' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; path: string }>;

export type AdminApiRouteName = keyof typeof adminApiRoutes;

/** The full URL path of a route, parameters filled in and encoded: apiPath('interaction', { entryNumber: 7 }). */
export function apiPath(name: ApiRouteName, params: Record<string, string | number> = {}): string {
  const path = apiRoutes[name].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`apiPath(${name}): missing parameter ${key}`);
    return encodeURIComponent(String(value));
  });
  return API_BASE + path;
}

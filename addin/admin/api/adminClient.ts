// Typed client of the admin console for /api/v1 (shared/api's adminApiRoutes plus the few add-in routes it uses).
// Every JSON answer is checked against its contract schema; errors become ApiError / NetworkError (the add-in's
// classes). After a 401 it asks for a fresh token once. Reads are not retried: the console has Retry buttons.
import type { z } from 'zod/mini';
import {
  API_BASE,
  AdminInteractionPage,
  ClientConfig,
  ContactCard,
  ContactDetail,
  ContactPage,
  DeploymentSettings,
  DevAccounts,
  DevToken,
  ImportReport,
  InteractionSummary,
  JobRunList,
  LoggedMail,
  LoggedTrend,
  LoggingSetupList,
  LoggingSetupView,
  LoggingStatusList,
  Me,
  OpportunityPage,
  PaneStartFailureList,
  LinkCheckStatus,
  DirectoryCheck,
  QuarantineList,
  ReleaseQuarantineResult,
  RunRequested,
  Salesperson,
  SalespersonList,
  SetupValidation,
  adminApiRoutes,
  apiRoutes,
  type CreateContactRequest,
  type CreateSalespersonRequest,
  type LoggingSetupUpdate,
  type ImportQuery,
  type ReleaseQuarantineRequest,
  type SetupCheckRequest,
  type UpdateContactRequest,
  type UpdateSalespersonRequest,
  type UpdateDeploymentSettings,
} from '../../../shared/api/index.js';
import { AuditPage, auditApiRoutes } from '../../../shared/api/audit.js';
import { ErasureReport, RetentionView, type RetentionUpdate } from '../../../shared/api/privacy.js';
import { Problem } from '../../../shared/api/problem.js';
import {
  ConsentStarted,
  consentApiRoutes,
  type ConsentStartRequest,
} from '../../../shared/api/loggingConsent.js';
import type { TokenSource } from '../../api/client.js';
import { ApiError, NetworkError, apiErrorFromBody } from '../../api/errors.js';

const routes = { ...apiRoutes, ...adminApiRoutes, ...consentApiRoutes, ...auditApiRoutes };
type RouteName = keyof typeof routes;
type Query = Record<string, string | undefined>;

export interface AdminClientOptions {
  baseUrl: string;
  tokens?: TokenSource;
  fetch?: typeof fetch;
}

interface Call {
  route: RouteName;
  params?: Record<string, string | number>;
  query?: Query;
  json?: unknown;
  csv?: string;
  auth?: boolean;
  /**
   * Keep the cookies the answer sets. Only the consent start: its HttpOnly cookie binds the job account's
   * sign-in to this browser. Everything else is bearer-only and sends and keeps no cookies.
   */
  keepCookies?: boolean;
}

export function adminPath(route: RouteName, params: Record<string, string | number> = {}): string {
  return (
    API_BASE +
    routes[route].path.replace(/:([A-Za-z]+)/g, (_m, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`adminPath(${route}): missing parameter ${key}`);
      return encodeURIComponent(String(value));
    })
  );
}

export function createAdminClient(o: AdminClientOptions) {
  const doFetch = o.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function send(call: Call, forceRefresh: boolean): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json, text/csv',
    };
    if (call.json !== undefined) headers['content-type'] = 'application/json';
    if (call.csv !== undefined) headers['content-type'] = 'text/csv';
    if (call.auth !== false) {
      if (!o.tokens) throw new Error('This API client has no token source');
      headers.authorization = `Bearer ${await o.tokens.getAccessToken({ forceRefresh })}`;
    }
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined && v !== '') query.set(k, v);
    const qs = query.size > 0 ? `?${query}` : '';
    try {
      return await doFetch(`${o.baseUrl.replace(/\/+$/, '')}${adminPath(call.route, call.params)}${qs}`, {
        method: routes[call.route].method,
        headers,
        body: call.csv ?? (call.json === undefined ? undefined : JSON.stringify(call.json)),
        credentials: call.keepCookies ? 'same-origin' : 'omit',
      });
    } catch (e) {
      throw new NetworkError(e);
    }
  }

  async function respond(call: Call): Promise<Response> {
    let response = await send(call, false);
    if (response.status === 401 && call.auth !== false) response = await send(call, true);
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      throw apiErrorFromBody(response.status, body, Problem);
    }
    return response;
  }

  async function json<S extends z.ZodMiniType>(call: Call, schema: S): Promise<z.infer<S>> {
    const response = await respond(call);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      console.error(`Interlog admin: ${call.route} answered outside the contract`, parsed.error.issues);
      throw new ApiError(response.status, 'invalid_response', 'The server answered in an unexpected form');
    }
    return parsed.data;
  }

  const text = async (call: Call) => (await respond(call)).text();
  const file = async (call: Call) => (await respond(call)).blob();
  const m = (mailbox: string) => ({ mailbox });

  return {
    config: () => json({ route: 'config', auth: false }, ClientConfig),
    devToken: (email: string) => json({ route: 'devToken', query: { email }, auth: false }, DevToken),
    devAccounts: () => json({ route: 'devAccounts', auth: false }, DevAccounts),
    me: () => json({ route: 'me' }, Me),
    // Email logging
    status: () => json({ route: 'loggingStatus' }, LoggingStatusList),
    setups: () => json({ route: 'loggingSetups' }, LoggingSetupList),
    setup: (mailbox: string) => json({ route: 'loggingSetup', params: m(mailbox) }, LoggingSetupView),
    putSetup: (mailbox: string, body: LoggingSetupUpdate) =>
      json({ route: 'putLoggingSetup', params: m(mailbox), json: body }, LoggingSetupView),
    validate: (mailbox: string) =>
      json({ route: 'validateLoggingSetup', params: m(mailbox) }, SetupValidation),
    /** "Check connection" of inputs not saved yet: the server stores nothing. */
    checkSetup: (body: SetupCheckRequest) =>
      json({ route: 'checkLoggingSetup', json: body }, SetupValidation),
    runNow: (mailbox: string) => json({ route: 'runLoggingSetup', params: m(mailbox) }, RunRequested),
    /** Delegated access: where to send the browser so the job account signs in (also Renew token). */
    startConsent: (mailbox: string, body: ConsentStartRequest) =>
      json(
        { route: 'startLoggingConsent', params: m(mailbox), json: body, keepCookies: true },
        ConsentStarted,
      ),
    runs: (mailbox: string, limit = 20) =>
      json({ route: 'loggingRuns', params: m(mailbox), query: { limit: String(limit) } }, JobRunList),
    releaseQuarantine: (mailbox: string, body: ReleaseQuarantineRequest) =>
      json({ route: 'releaseQuarantine', params: m(mailbox), json: body }, ReleaseQuarantineResult),
    quarantine: (mailbox: string, state: 'quarantined' | 'failing') =>
      json({ route: 'loggingQuarantine', params: m(mailbox), query: { state } }, QuarantineList),
    trend: (mailbox: string, days = 14) =>
      json({ route: 'loggingTrend', params: m(mailbox), query: { days: String(days) } }, LoggedTrend),
    paneStartFailures: (days = 7) =>
      json({ route: 'paneStartFailures', query: { days: String(days) } }, PaneStartFailureList),
    linkCheck: () => json({ route: 'linkCheckStatus' }, LinkCheckStatus),
    directoryCheck: () => json({ route: 'directoryCheck' }, DirectoryCheck),
    // Master data
    salespeople: (search?: string) => json({ route: 'salespeople', query: { search } }, SalespersonList),
    createSalesperson: (body: CreateSalespersonRequest) =>
      json({ route: 'createSalesperson', json: body }, Salesperson),
    updateSalesperson: (code: string, body: UpdateSalespersonRequest) =>
      json({ route: 'updateSalesperson', params: { code }, json: body }, Salesperson),
    /** Binds the pending sign-in the admin saw (its object id) to the salesperson. */
    confirmSalespersonSignIn: (code: string, objectId: string) =>
      json({ route: 'confirmSalespersonSignIn', params: { code }, json: { objectId } }, Salesperson),
    exportSalespeople: () => text({ route: 'exportSalespeople' }),
    settings: () => json({ route: 'settings' }, DeploymentSettings),
    putSettings: (body: UpdateDeploymentSettings) =>
      json({ route: 'putSettings', json: body }, DeploymentSettings),
    /** All or nothing unless onError=skip; dryRun=true previews (writes nothing). */
    importSalespeople: (csv: string, query: ImportQuery = {}) =>
      json({ route: 'importSalespeople', csv, query }, ImportReport),
    contacts: (query: { search?: string; cursor?: string }) =>
      json({ route: 'contacts', query: { ...query, limit: '25' } }, ContactPage),
    createContact: (body: CreateContactRequest) => json({ route: 'createContact', json: body }, ContactCard),
    updateContact: (number: string, body: UpdateContactRequest) =>
      json({ route: 'updateContact', params: { number }, json: body }, ContactDetail),
    exportContacts: () => text({ route: 'exportContacts' }),
    /** All or nothing unless onError=skip; dryRun=true previews (writes nothing). */
    importContacts: (csv: string, query: ImportQuery = {}) =>
      json({ route: 'importContacts', csv, query }, ImportReport),
    // Interaction log entries and opportunities
    interactions: (query: Query) =>
      json({ route: 'searchInteractions', query: { ...query, limit: '25' } }, AdminInteractionPage),
    setCanceled: (entryNumber: number, canceled: boolean) =>
      json(
        { route: canceled ? 'cancelInteraction' : 'uncancelInteraction', params: { entryNumber } },
        InteractionSummary,
      ),
    /** The entry's mail, read from the logging mailbox now (HTML sanitized by the server); audited. */
    interactionMail: (entryNumber: number) =>
      json({ route: 'interactionMail', params: { entryNumber } }, LoggedMail),
    mailAttachment: (entryNumber: number, attachmentId: string) =>
      file({ route: 'interactionMailAttachment', params: { entryNumber, attachmentId } }),
    opportunities: (query: Query) =>
      json({ route: 'opportunities', query: { ...query, limit: '25' } }, OpportunityPage),
    // Privacy: the audit log, a contact's data, retention
    audit: (query: Query) => json({ route: 'audit', query: { ...query, limit: '25' } }, AuditPage),
    exportContactData: (number: string, format: 'json' | 'csv') =>
      text({ route: 'exportContactData', params: { number }, query: { format } }),
    eraseContact: (number: string) => json({ route: 'eraseContact', params: { number } }, ErasureReport),
    retention: () => json({ route: 'retention' }, RetentionView),
    putRetention: (body: RetentionUpdate) => json({ route: 'putRetention', json: body }, RetentionView),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

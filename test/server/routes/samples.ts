// A valid request for every operation of the API (by operationId), built fresh for each call so requests with
// side effects (create, import) succeed every time. The authorization matrix and the property tests start from
// these; both fail when an operation has no sample, so a new route cannot escape them.
import crypto from 'node:crypto';
import type { MessageRef } from '../../../shared/api/messages.js';
import { DEFAULT_CLIENT } from '../../../scripts/graph-emulator/index.js';
import { TENANT, oidOf, type ApiHarness } from './apiHarness.js';

export const MAILBOX = 'logging@contoso.example';
/** A delegated (job account) setup whose sign-in can be started against the harness's Entra ID. */
export const DELEGATED_MAILBOX = 'delegated-log@contoso.example';

export interface SampleRequest {
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

export interface Fixture {
  /** An entry of CT000001 (Anna Jensen) with salesperson PH. */
  entryNumber: number;
  /** An open opportunity of CT000001. */
  opportunityNumber: string;
}

const uid = () => crypto.randomBytes(4).toString('hex');

export function messageRef(over: Partial<MessageRef> = {}): MessageRef {
  return {
    internetMessageId: `<${uid()}@contoso.example>`,
    subject: 'Quote for pumps',
    sentDateTime: '2025-03-03T09:00:00Z',
    from: { address: 'peter.hansen@contoso.example', name: 'Peter Hansen' },
    to: [{ address: 'anna.jensen@fabrikam.example', name: 'Anna Jensen' }],
    cc: [],
    ...over,
  };
}

/** Logs a fresh message from PH to Anna Jensen and returns its entry number. */
export async function freshEntry(h: ApiHarness): Promise<number> {
  const r = await h.request('POST', '/api/v1/log-email', { token: 'admin', body: messageRef() });
  if (r.status !== 200) throw new Error(`could not log: ${r.text}`);
  return r.json.entries[0].entryNumber as number;
}

export async function createFixture(h: ApiHarness): Promise<Fixture> {
  const entryNumber = await freshEntry(h);
  const opp = await h.request('POST', '/api/v1/opportunities', {
    token: 'admin',
    body: { contactNumber: 'CT000001', description: 'Pumps for the new plant' },
  });
  const setup = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
    token: 'admin',
    body: { batchSize: 25 },
  });
  const delegated = await h.request('PUT', `/api/v1/logging/setups/${DELEGATED_MAILBOX}`, {
    token: 'admin',
    body: {
      authMode: 'delegated',
      tenantId: TENANT,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: 'x',
      jobAccount: 'job@contoso.example',
    },
  });
  if (opp.status !== 201 || setup.status >= 300 || delegated.status >= 300)
    throw new Error(`fixture failed: ${opp.text} ${setup.text} ${delegated.text}`);
  return { entryNumber, opportunityNumber: opp.json.number };
}

export const samples: Record<string, (h: ApiHarness, f: Fixture) => Promise<SampleRequest> | SampleRequest> =
  {
    config: () => ({ path: '/config' }),
    openapi: () => ({ path: '/openapi.json' }),
    me: () => ({ path: '/me' }),
    lookup: () => ({
      path: '/lookup',
      body: {
        addresses: ['anna.jensen@fabrikam.example', 'unknown@example.org'],
        internetMessageId: '<x@y>',
      },
    }),
    logEmail: () => ({ path: '/log-email', body: messageRef() }),
    manualConfirmations: () => ({ path: '/logging/manual-confirmations' }),
    linkCheckStatus: () => ({ path: '/logging/link-check' }),
    directoryCheck: () => ({ path: '/directory/check' }),
    contactInteractions: () => ({ path: '/contacts/CT000001/interactions?limit=5' }),
    interaction: (_h, f) => ({ path: `/interactions/${f.entryNumber}` }),
    interactionMail: (_h, f) => ({ path: `/interactions/${f.entryNumber}/mail` }),
    interactionMailAttachment: (_h, f) => ({ path: `/interactions/${f.entryNumber}/mail/attachments/0` }),
    linkOpportunity: async (h, f) => ({
      path: `/interactions/${await freshEntry(h)}/link-opportunity`,
      body: { opportunityNumber: f.opportunityNumber },
    }),
    cancelInteraction: (_h, f) => ({ path: `/interactions/${f.entryNumber}/cancel` }),
    uncancelInteraction: (_h, f) => ({ path: `/interactions/${f.entryNumber}/uncancel` }),
    markInteractionPrivate: (_h, f) => ({
      path: `/interactions/${f.entryNumber}/private`,
      body: { private: false },
    }),
    settings: () => ({ path: '/settings' }),
    putSettings: () => ({ path: '/settings', body: { visibility: 'team' } }),
    createOpportunity: () => ({
      path: '/opportunities',
      body: { contactNumber: 'CT000002', description: 'Service deal' },
    }),
    opportunities: () => ({ path: '/opportunities?status=open&limit=10' }),
    opportunity: (_h, f) => ({ path: `/opportunities/${f.opportunityNumber}` }),
    updateOpportunity: (_h, f) => ({
      path: `/opportunities/${f.opportunityNumber}`,
      body: { estimatedValue: 1200 },
    }),
    contacts: () => ({ path: '/contacts?search=an' }),
    contact: () => ({ path: '/contacts/CT000001' }),
    createContact: () => ({
      path: '/contacts',
      body: {
        name: 'Jo Smith',
        kind: 'person',
        email: `jo.${uid()}@tailspin.example`,
        companyName: 'Tailspin Toys',
      },
    }),
    updateContact: () => ({ path: '/contacts/CT000002', body: { phone: '+45 70 10 20 30' } }),
    exportContacts: () => ({ path: '/contacts/export' }),
    importContacts: () => ({
      path: '/contacts/import',
      raw: `kind,name,email\r\ncompany,Imported ${uid()},info.${uid()}@imported.example\r\n`,
      contentType: 'text/csv',
    }),
    salespeople: () => ({ path: '/salespeople?search=p' }),
    createSalesperson: () => ({
      path: '/salespeople',
      body: { code: `S${uid().toUpperCase()}`, name: 'New Seller', email: `s.${uid()}@contoso.example` },
    }),
    updateSalesperson: () => ({ path: '/salespeople/MN', body: { name: 'Maria Nielsen' } }),
    confirmSalespersonSignIn: async (h) => {
      // A new salesperson whose (verified) address has just signed in: a pending sign-in to confirm.
      const email = `s.${uid()}@contoso.example`;
      const code = `S${uid().toUpperCase()}`;
      await h.request('POST', '/api/v1/salespeople', { token: 'admin', body: { code, name: 'New', email } });
      const token = await h.token('nobody', { preferred_username: email, oid: oidOf(email) });
      await h.request('GET', '/api/v1/me', { token });
      return { path: `/salespeople/${code}/confirm-sign-in`, body: { objectId: oidOf(email) } };
    },
    exportSalespeople: () => ({ path: '/salespeople/export' }),
    importSalespeople: () => ({
      path: '/salespeople/import',
      raw: `code,name,email,active\nX${uid().toUpperCase()},Imported Seller,,true\n`,
      contentType: 'text/csv',
    }),
    loggingSetups: () => ({ path: '/logging/setups' }),
    loggingSetup: () => ({ path: `/logging/setups/${MAILBOX}` }),
    putLoggingSetup: () => ({ path: `/logging/setups/${MAILBOX}`, body: { batchSize: 40 } }),
    validateLoggingSetup: () => ({ path: `/logging/setups/${MAILBOX}/validate` }),
    checkLoggingSetup: () => ({
      path: '/logging/setup-checks',
      body: {
        mailbox: MAILBOX,
        authMode: 'app',
        tenantId: TENANT,
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: 'not-the-secret',
      },
    }),
    runLoggingSetup: () => ({ path: `/logging/setups/${MAILBOX}/run` }),
    loggingRuns: () => ({ path: `/logging/setups/${MAILBOX}/runs?limit=5` }),
    loggingQuarantine: () => ({ path: `/logging/setups/${MAILBOX}/quarantine?state=failing` }),
    loggingTrend: () => ({ path: `/logging/setups/${MAILBOX}/trend?days=7` }),
    loggingStatus: () => ({ path: '/logging/status' }),
    startLoggingConsent: () => ({
      path: `/logging/setups/${DELEGATED_MAILBOX}/consent`,
      body: { returnTo: 'logging' },
    }),
    loggingConsentCallback: () => ({ path: '/logging/consent/callback?error=access_denied&state=unknown' }),
    searchInteractions: () => ({ path: '/interactions?salespersonCode=PH&direction=outbound&limit=5' }),
    reportPaneStartFailure: () => ({
      path: '/pane-start-failures',
      body: {
        kind: 'host_timeout',
        host: 'Outlook',
        platform: 'Web',
        hostVersion: '16.01',
        blockedOrigin: null,
        waitedMs: 8000,
      },
    }),
    paneStartFailures: () => ({ path: '/pane-start-failures?days=7' }),
    releaseQuarantine: () => ({
      path: `/logging/setups/${MAILBOX}/quarantine/release`,
      body: { messageIds: ['not-quarantined'] },
    }),
    audit: () => ({ path: '/audit?action=contact.update&limit=5' }),
    exportContactData: () => ({ path: '/contacts/CT000001/data?format=csv' }),
    eraseContact: async (h) => {
      // A contact of its own each time: erasing the fixture's would take it from the other samples.
      const r = await h.request('POST', '/api/v1/contacts', {
        token: 'admin',
        body: { name: 'Erase Me', kind: 'person', email: `erase.${uid()}@tailspin.example` },
      });
      return { path: `/contacts/${r.json.number}` };
    },
    retention: () => ({ path: '/retention' }),
    putRetention: () => ({ path: '/retention', body: { months: null } }),
  };

export interface Operation {
  name: string;
  method: string;
  /** OpenAPI path template, e.g. /interactions/{entryNumber}. */
  template: string;
  access: 'public' | 'user' | 'staff' | 'admin';
  successStatus: number;
}

/** Every operation the server documents, read from its own OpenAPI document. */
export async function operationsOf(h: ApiHarness): Promise<Operation[]> {
  const doc = (await h.request('GET', '/api/v1/openapi.json')).json;
  const ops: Operation[] = [];
  type DocOperation = { operationId: string; responses: object; 'x-interlog-access': Operation['access'] };
  for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, DocOperation>>)) {
    for (const [method, op] of Object.entries(item)) {
      // 2xx, or the 303 of a route a browser navigates to (the consent callback).
      const successStatus = Number(Object.keys(op.responses).find((s) => /^[23]/.test(s)));
      ops.push({
        name: op.operationId,
        method: method.toUpperCase(),
        template,
        access: op['x-interlog-access'],
        successStatus,
      });
    }
  }
  return ops;
}

// What each mutating route records in the audit log once it succeeded, by route name: the audit policy on one
// page. mount.ts records the notes (with who, when and from where) after the handler answered 2xx; a refused
// call records nothing. Every non-GET route must be here or in NOT_AUDITED (test/server/routes/audit.test.ts
// checks it), so a new route cannot be forgotten. Details are field names, counts and keys only: the closed
// schemas of shared/api/audit.ts refuse anything else.
import type { AuditNote } from '../../services/audit.js';
import type { RouteAudit, RouteSpec } from '../route.js';

/** Mutating routes that change nothing an admin is accountable for, and why. */
export const NOT_AUDITED: Record<string, string> = {
  validateLoggingSetup: 'reads the mailbox to check the setup; changes nothing',
  checkLoggingSetup: 'reads the mailbox to check inputs not saved yet; stores nothing',
  reportPaneStartFailure: 'anonymous telemetry of panes that could not start',
  lookup: 'a read (POST for its body)',
};

/** The names of a body's fields (nested objects one level deep, dotted): never their values. */
export function fieldNames(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.keys(value).map((inner) => `${key}.${inner}`)
      : [key],
  );
}

/** A logged mail's entries (also ones written earlier, by anyone), one line each. */
function emailLogged(result: { status: string; entries: { entryNumber: number }[] }): AuditNote[] {
  return result.entries.map((e) => ({
    action: 'email.log',
    target: { type: 'entry', entryNumber: e.entryNumber },
    detail: { status: result.status as 'logged' | 'already_logged' },
  }));
}

/** The console hash the consent callback redirects to carries mailbox and outcome (presenter.ts). */
function consentOutcome(location: string | undefined): AuditNote | null {
  const hash = new URLSearchParams((location ?? '').split('#')[1]?.split('?')[1] ?? '');
  const mailbox = hash.get('mailbox');
  if (!mailbox) return null; // a state nobody issued: no setup to name (and nothing changed)
  const code = hash.get('code');
  return {
    action: 'consent.complete',
    target: { type: 'mailbox', id: mailbox },
    detail: {
      outcome: hash.get('consent') === 'ok' ? 'ok' : 'error',
      code: code && /^[a-z_]{1,40}$/.test(code) ? code : null,
    },
  };
}

interface Salesperson {
  code: string;
  active: boolean;
}

function salespersonChanges(body: Record<string, unknown>, after: Salesperson): AuditNote[] {
  const target = { type: 'salesperson', id: after.code } as const;
  const notes: AuditNote[] = [{ action: 'salesperson.update', target, detail: { fields: fieldNames(body) } }];
  const role = (change: 'granted' | 'revoked' | 'bound' | 'unbound' | 'readdressed'): AuditNote => ({
    action: 'role.change',
    target,
    detail: { role: 'salesperson', change },
  });
  if ('active' in body) notes.push(role(after.active ? 'granted' : 'revoked'));
  if ('email' in body) notes.push(role('readdressed'));
  if ('entra' in body) notes.push(role(body.entra === null ? 'unbound' : 'bound'));
  return notes;
}

/** By route name (routes/index.ts attaches them to the specs). */
export const ROUTE_AUDITS: Record<string, RouteAudit> = {
  putLoggingSetup: ({ params, body, status }) => ({
    action: 'setup.update',
    target: { type: 'mailbox', id: params.mailbox },
    detail: { created: status === 201, fields: fieldNames(body) },
  }),
  startLoggingConsent: ({ params }) => ({
    action: 'consent.start',
    target: { type: 'mailbox', id: params.mailbox },
    detail: {},
  }),
  loggingConsentCallback: ({ headers }) => consentOutcome(headers.Location),
  runLoggingSetup: ({ params }) => ({
    action: 'run.request',
    target: { type: 'mailbox', id: params.mailbox },
    detail: {},
  }),
  releaseQuarantine: ({ params, body, reply }) => ({
    action: 'quarantine.release',
    target: { type: 'mailbox', id: params.mailbox },
    detail: {
      all: 'all' in body,
      released: reply.released,
      notFound: reply.notFound.length,
      failed: reply.failed.length,
    },
  }),
  cancelInteraction: ({ params }) => ({
    action: 'entry.cancel',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: {},
  }),
  uncancelInteraction: ({ params }) => ({
    action: 'entry.uncancel',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: {},
  }),
  linkOpportunity: ({ params, body }) => ({
    action: 'entry.link',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: { opportunityNumber: body.opportunityNumber },
  }),
  markInteractionPrivate: ({ params, body }) => ({
    action: 'entry.private',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: { private: body.private },
  }),
  logEmail: ({ reply }) => emailLogged(reply),
  // Reads, but of mail content: who opened which logged mail, and which attachments left the server.
  interactionMail: ({ params, reply }) => ({
    action: 'mail.view',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: { attachments: reply.attachments.length },
  }),
  interactionMailAttachment: ({ params, done }) => ({
    action: 'mail.download',
    target: { type: 'entry', entryNumber: params.entryNumber },
    detail: { bytes: done.bytes },
  }),
  createContact: ({ reply }) => ({
    action: 'contact.create',
    target: { type: 'contact', number: reply.number },
    detail: { kind: reply.kind },
  }),
  updateContact: ({ params, body }) => ({
    action: 'contact.update',
    target: { type: 'contact', number: params.number },
    detail: { fields: fieldNames(body) },
  }),
  createSalesperson: ({ reply }) => [
    {
      action: 'salesperson.create',
      target: { type: 'salesperson', id: reply.code },
      detail: { active: reply.active },
    },
    ...(reply.active
      ? [
          {
            action: 'role.change',
            target: { type: 'salesperson', id: reply.code },
            detail: { role: 'salesperson', change: 'granted' },
          } as const,
        ]
      : []),
  ],
  updateSalesperson: ({ body, reply }) => salespersonChanges(body, reply),
  confirmSalespersonSignIn: ({ params }) => ({
    action: 'role.change',
    target: { type: 'salesperson', id: params.code },
    detail: { role: 'salesperson', change: 'bound' },
  }),
  // Made from a mail: the mail was logged on the way (service: OpportunityService.create), as "Log this email".
  createOpportunity: ({ body, reply, done }) => [
    {
      action: 'opportunity.create',
      target: { type: 'opportunity', number: reply.number },
      detail: { fromEntry: body.fromEntryNumber !== undefined || body.fromMessage !== undefined },
    },
    ...(done ? emailLogged(done) : []),
  ],
  updateOpportunity: ({ params, body }) => ({
    action: 'opportunity.update',
    target: { type: 'opportunity', number: params.number },
    detail: { fields: fieldNames(body) },
  }),
  putSettings: ({ body }) => ({
    action: 'settings.update',
    target: { type: 'setting', id: 'deployment' },
    detail: { fields: fieldNames(body) },
  }),
  importContacts: ({ reply }) => listImport('contacts', reply),
  importSalespeople: ({ reply }) => listImport('salespeople', reply),
  exportContacts: () => ({ action: 'list.export', target: { type: 'list', id: 'contacts' }, detail: {} }),
  exportSalespeople: () => ({
    action: 'list.export',
    target: { type: 'list', id: 'salespeople' },
    detail: {},
  }),
};

function listImport(
  list: string,
  reply: { created: number; updated: number; skipped?: number; dryRun?: true },
): AuditNote | null {
  if (reply.dryRun) return null; // a preview changed nothing
  return {
    action: 'list.import',
    target: { type: 'list', id: list },
    detail: { created: reply.created, updated: reply.updated, skipped: reply.skipped ?? 0 },
  };
}

/** The specs with their audit attached: a spec's own `audit` wins over the table's. */
export function withAudits(specs: RouteSpec[]): RouteSpec[] {
  return specs.map((s) => (s.audit || !ROUTE_AUDITS[s.name] ? s : { ...s, audit: ROUTE_AUDITS[s.name] }));
}

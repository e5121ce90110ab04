// Admin routes of privacy: the audit log, a contact's export and erasure, the retention setting. Each change
// declares its own audit line (the rest of the API's are in table.ts).
import { AuditListQuery, AuditPage, auditApiRoutes } from '../../../shared/api/audit.js';
import {
  ContactDataQuery,
  ErasureReport,
  RetentionUpdate,
  RetentionView,
} from '../../../shared/api/privacy.js';
import type { Services } from '../../services/index.js';
import { ContactNumberParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

const tag = 'privacy';

export function privacyRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'audit',
      method: 'get',
      path: auditApiRoutes.audit.path,
      summary: 'The audit log, newest first, filtered by action, user, target and days',
      tag,
      access: 'admin',
      query: AuditListQuery,
      success: { status: 200, description: 'One page', schema: AuditPage },
      async handle({ query }) {
        return { body: await s.audit.list(query) };
      },
    }),
    defineRoute({
      name: 'exportContactData',
      method: 'get',
      path: auditApiRoutes.exportContactData.path,
      summary:
        'Everything stored about a contact (contact, entries, opportunities, audit lines) as JSON or CSV',
      tag,
      access: 'admin',
      params: ContactNumberParams,
      query: ContactDataQuery,
      success: { status: 200, description: 'A download', contentType: 'application/json' },
      errors: [404],
      audit: ({ params, query }) => ({
        action: 'contact.export',
        target: { type: 'contact', number: params.number },
        detail: { format: query.format ?? 'json' },
      }),
      async handle({ params, query }) {
        const format = query.format ?? 'json';
        const r = await s.dataSubject.export(params.number, format);
        return {
          file: {
            contentType: r.contentType,
            filename: `contact-${params.number}.${format}`,
            content: r.content,
          },
        };
      },
    }),
    defineRoute({
      name: 'eraseContact',
      method: 'delete',
      path: auditApiRoutes.eraseContact.path,
      summary:
        'Erase a contact: its entries and opportunities deleted, links of others detached, the mail left in Exchange (the answer says where)',
      tag,
      access: 'admin',
      params: ContactNumberParams,
      success: { status: 200, description: 'What was erased, and where the mail is', schema: ErasureReport },
      errors: [404],
      // Under the contact's opaque audit id: the line carries counts, never its addresses, names or number.
      audit: ({ reply }) => ({
        action: 'contact.erase',
        target: { type: 'contact', subject: reply.erasureId },
        detail: {
          entries: reply.entries,
          opportunities: reply.opportunities,
          detachedEntries: reply.detachedEntries,
          detachedPeople: reply.detachedPeople,
          messageStates: reply.messageStates,
          pendingEntries: reply.pendingEntries,
          blocklists: reply.blocklists,
        },
      }),
      async handle({ params }) {
        return { body: await s.dataSubject.erase(params.number) };
      },
    }),
    defineRoute({
      name: 'retention',
      method: 'get',
      path: auditApiRoutes.retention.path,
      summary: 'The retention setting and what its job did last',
      tag,
      access: 'admin',
      success: { status: 200, description: 'The setting', schema: RetentionView },
      async handle() {
        return { body: await s.retention.view() };
      },
    }),
    defineRoute({
      name: 'putRetention',
      method: 'put',
      path: auditApiRoutes.putRetention.path,
      summary: 'Delete entries older than this many months (null: keep them)',
      tag,
      access: 'admin',
      body: RetentionUpdate,
      success: { status: 200, description: 'The setting', schema: RetentionView },
      audit: ({ body }) => ({
        action: 'retention.update',
        target: { type: 'setting', id: 'retention' },
        detail: { months: body.months },
      }),
      async handle({ body, caller }) {
        return { body: await s.retention.update(body, caller) };
      },
    }),
  ];
}

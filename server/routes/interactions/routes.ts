// Interaction log entries: a contact's history (newest first, cursor-paged), one entry's detail with what opens
// the logged mail, linking an entry to an existing opportunity, cancel and uncancel, marking it private. The
// services hand out entries that passed the visibility gate; the handlers only present them.
import {
  INTERACTION_PAGE_DEFAULT_LIMIT,
  InteractionDetail,
  InteractionListQuery,
  InteractionPage,
  InteractionSummary,
  LinkOpportunityRequest,
  MarkPrivateRequest,
} from '../../../shared/api/interactions.js';
import { apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { ContactNumberParams, EntryNumberParams, limitOf } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentDetail, presentSummary } from './presenter.js';

export function interactionRoutes(s: Services): RouteSpec[] {
  const setCanceled = (canceled: boolean) =>
    defineRoute({
      name: canceled ? 'cancelInteraction' : 'uncancelInteraction',
      method: 'post',
      path: (canceled ? apiRoutes.cancelInteraction : apiRoutes.uncancelInteraction).path,
      summary: canceled ? 'Cancel an interaction log entry' : 'Restore a canceled interaction log entry',
      tag: 'interactions',
      access: 'staff',
      params: EntryNumberParams,
      success: { status: 200, description: 'The entry', schema: InteractionSummary },
      errors: [403, 404, 409],
      async handle({ params, caller }) {
        const v = await s.interactions.setCanceled(caller, params.entryNumber, canceled);
        return { body: presentSummary(v.entry, v.salespeople) };
      },
    });

  return [
    defineRoute({
      name: 'contactInteractions',
      method: 'get',
      path: apiRoutes.contactInteractions.path,
      summary: "A contact's interaction history, newest first (empty for a privacy-blocked contact)",
      tag: 'interactions',
      access: 'staff',
      params: ContactNumberParams,
      query: InteractionListQuery,
      success: { status: 200, description: 'One page', schema: InteractionPage },
      errors: [404],
      async handle({ params, query, caller }) {
        const limit = limitOf(query.limit, INTERACTION_PAGE_DEFAULT_LIMIT);
        const page = await s.interactions.history(caller, params.number, query.cursor, limit);
        return {
          body: { items: page.items.map((e) => presentSummary(e, page.salespeople)), nextCursor: page.next },
        };
      },
    }),
    defineRoute({
      name: 'interaction',
      method: 'get',
      path: apiRoutes.interaction.path,
      summary: 'One interaction log entry with the link to the logged mail',
      tag: 'interactions',
      access: 'staff',
      params: EntryNumberParams,
      success: { status: 200, description: 'The entry', schema: InteractionDetail },
      errors: [404, 409],
      async handle({ params, caller }) {
        const d = await s.interactions.detail(caller, params.entryNumber);
        return { body: presentDetail(d.entry, d.contact, d.salespeople) };
      },
    }),
    defineRoute({
      name: 'linkOpportunity',
      method: 'post',
      path: apiRoutes.linkOpportunity.path,
      summary: 'Link an interaction log entry to an existing open opportunity of its contact or company',
      tag: 'interactions',
      access: 'staff',
      params: EntryNumberParams,
      body: LinkOpportunityRequest,
      success: { status: 200, description: 'The linked entry', schema: InteractionSummary },
      errors: [403, 404, 409],
      async handle({ params, body, caller }) {
        const entry = await s.opportunities.link(caller, params.entryNumber, body.opportunityNumber);
        const v = await s.interactions.view(caller, entry, 'link');
        return { body: presentSummary(v.entry, v.salespeople) };
      },
    }),
    defineRoute({
      name: 'markInteractionPrivate',
      method: 'post',
      path: apiRoutes.markInteractionPrivate.path,
      summary: 'Mark an entry private (only its salesperson and admins see it in full) or public again',
      tag: 'interactions',
      access: 'staff',
      params: EntryNumberParams,
      body: MarkPrivateRequest,
      success: { status: 200, description: 'The entry', schema: InteractionSummary },
      errors: [403, 404, 409],
      async handle({ params, body, caller }) {
        const v = await s.interactions.setPrivate(caller, params.entryNumber, body.private);
        return { body: presentSummary(v.entry, v.salespeople) };
      },
    }),
    setCanceled(true),
    setCanceled(false),
  ];
}

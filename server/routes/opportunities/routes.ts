// Opportunities: create (from an entry, from the open mail, or plain), list, read, update.
import {
  CreateOpportunityRequest,
  Opportunity,
  OpportunityListQuery,
  OpportunityPage,
  UpdateOpportunityRequest,
} from '../../../shared/api/opportunities.js';
import { adminApiRoutes, apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { OpportunityNumberParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentOpportunity } from './presenter.js';

export function opportunityRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'createOpportunity',
      method: 'post',
      path: apiRoutes.createOpportunity.path,
      summary: "Create an opportunity (Business Central's rules when made from an interaction log entry)",
      tag: 'opportunities',
      access: 'staff',
      body: CreateOpportunityRequest,
      success: { status: 201, description: 'The new opportunity', schema: Opportunity },
      errors: [404, 409, 422],
      async handle({ body, caller }) {
        const { opportunity, logged } = await s.opportunities.create(body, caller);
        return { body: presentOpportunity(opportunity), done: logged };
      },
    }),
    defineRoute({
      name: 'opportunities',
      method: 'get',
      path: adminApiRoutes.opportunities.path,
      summary: 'Opportunities, newest first, by status, contact or salesperson',
      tag: 'opportunities',
      access: 'staff',
      query: OpportunityListQuery,
      success: { status: 200, description: 'One page', schema: OpportunityPage },
      async handle({ query, caller }) {
        const page = await s.opportunities.list(caller, query);
        return { body: { items: page.items.map(presentOpportunity), nextCursor: page.next } };
      },
    }),
    defineRoute({
      name: 'opportunity',
      method: 'get',
      path: adminApiRoutes.opportunity.path,
      summary: 'One opportunity',
      tag: 'opportunities',
      access: 'staff',
      params: OpportunityNumberParams,
      success: { status: 200, description: 'The opportunity', schema: Opportunity },
      errors: [404, 409],
      async handle({ params, caller }) {
        return { body: presentOpportunity(await s.opportunities.get(caller, params.number)) };
      },
    }),
    defineRoute({
      name: 'updateOpportunity',
      method: 'patch',
      path: adminApiRoutes.updateOpportunity.path,
      summary: 'Change status (open/won/lost), estimated value, close date, description or salesperson',
      tag: 'opportunities',
      access: 'staff',
      params: OpportunityNumberParams,
      body: UpdateOpportunityRequest,
      success: { status: 200, description: 'The opportunity', schema: Opportunity },
      errors: [403, 404, 409],
      async handle({ params, body, caller }) {
        return { body: presentOpportunity(await s.opportunities.update(caller, params.number, body)) };
      },
    }),
  ];
}

// Task panes that could not start inside Outlook report it here (no token: they never signed in), and the admin
// console reads the counts per kind of host. The public route is rate-limited per address on top of the API's.
import {
  PaneStartFailureList,
  PaneStartFailureQuery,
  PaneStartFailureReport,
} from '../../../shared/api/paneStart.js';
import { adminApiRoutes, apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { limitOf } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';

const tag = 'add-in';

export function paneStartRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'reportPaneStartFailure',
      method: 'post',
      path: apiRoutes.reportPaneStartFailure.path,
      summary: 'A task pane could not start inside Outlook (no token; no personal data)',
      tag,
      access: 'public',
      body: PaneStartFailureReport,
      jsonLimit: '2kb',
      // A pane retries by hand at most; a few reports a minute from one address is plenty.
      rateLimit: { windowMs: 60_000, limit: 10 },
      success: { status: 204, description: 'Counted' },
      async handle({ body }) {
        await s.paneStart.report(body);
        return { body: undefined };
      },
    }),
    defineRoute({
      name: 'paneStartFailures',
      method: 'get',
      path: adminApiRoutes.paneStartFailures.path,
      summary: 'Task-pane start failures of the last days, per kind of failure and Outlook host',
      tag,
      access: 'admin',
      query: PaneStartFailureQuery,
      success: { status: 200, description: 'The failures', schema: PaneStartFailureList },
      async handle({ query }) {
        const days = limitOf(query.days, 7);
        return { body: { days, items: await s.paneStart.summary(days) } };
      },
    }),
  ];
}

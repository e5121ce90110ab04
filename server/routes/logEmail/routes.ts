// POST /log-email: "Log this email" by hand, idempotent with the shared-mailbox loop; and the admin's list of
// manual logs still waiting for the logging mailbox's copy of their mail.
import { LogEmailResponse, ManualConfirmationList, MessageRef } from '../../../shared/api/messages.js';
import { adminApiRoutes, apiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { presentLoggedEntry } from '../interactions/presenter.js';
import { defineRoute, type RouteSpec } from '../route.js';

export function logEmailRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'logEmail',
      method: 'post',
      path: apiRoutes.logEmail.path,
      summary:
        "Log the open mail with the loop's rules; a message is never logged twice, whoever comes first",
      tag: 'task pane',
      access: 'staff',
      body: MessageRef,
      success: { status: 200, description: 'Logged now, or already logged', schema: LogEmailResponse },
      errors: [403, 409, 422],
      async handle({ body, caller }) {
        const r = await s.manualLogging.logEmail(body, caller);
        return { body: { status: r.status, entries: r.entries.map(presentLoggedEntry) } };
      },
    }),
    defineRoute({
      name: 'manualConfirmations',
      method: 'get',
      path: adminApiRoutes.manualConfirmations.path,
      summary: 'Mail logged by hand whose copy has not reached a logging mailbox (oldest first)',
      tag: 'logging',
      access: 'admin',
      success: { status: 200, description: 'The waits', schema: ManualConfirmationList },
      async handle() {
        return { body: await s.manualLogging.awaitingConfirmation(200) };
      },
    }),
  ];
}

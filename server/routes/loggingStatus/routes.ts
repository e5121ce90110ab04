// Job status for admins: the state of every logging mailbox (healthy / failing / disabled, last and next run,
// ledger counts) and the mail a mailbox logged per day.
import {
  DirectoryCheck,
  LinkCheckStatus,
  LoggedTrend,
  LoggedTrendQuery,
  LoggingStatusList,
} from '../../../shared/api/adminViews.js';
import { adminApiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { limitOf, MailboxParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentLinkCheck, presentMailboxStatus, presentNotifications, presentTrend } from './presenter.js';

const tag = 'email logging';

export function loggingStatusRoutes(s: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'loggingStatus',
      method: 'get',
      path: adminApiRoutes.loggingStatus.path,
      summary: 'The state of every logging mailbox: health, last and next run, quarantined messages',
      tag,
      access: 'admin',
      success: { status: 200, description: 'One item per mailbox', schema: LoggingStatusList },
      async handle() {
        const items = await Promise.all(
          (await s.adminViews.status()).map(async (m) => ({
            ...presentMailboxStatus(m),
            notifications: s.notificationStatus
              ? presentNotifications(await s.notificationStatus(m.setup))
              : null,
          })),
        );
        return { body: { items } };
      },
    }),
    defineRoute({
      name: 'linkCheckStatus',
      method: 'get',
      path: adminApiRoutes.linkCheckStatus.path,
      summary: 'The link check of logged mail: its last run, the pass in progress, links healed and lost',
      tag,
      access: 'admin',
      success: { status: 200, description: 'The link check', schema: LinkCheckStatus },
      async handle() {
        return { body: presentLinkCheck(await s.adminViews.linkCheck()) };
      },
    }),
    defineRoute({
      name: 'directoryCheck',
      method: 'get',
      path: adminApiRoutes.directoryCheck.path,
      summary:
        "The address check: salespeople's and contacts' addresses the loop cannot match, or that several share",
      tag,
      access: 'admin',
      success: { status: 200, description: 'The check', schema: DirectoryCheck },
      async handle() {
        return { body: await s.adminViews.directoryCheck() };
      },
    }),
    defineRoute({
      name: 'loggingTrend',
      method: 'get',
      path: adminApiRoutes.loggingTrend.path,
      summary: 'Mail logged per UTC day by a mailbox, oldest day first, today included',
      tag,
      access: 'admin',
      params: MailboxParams,
      query: LoggedTrendQuery,
      success: { status: 200, description: 'The days', schema: LoggedTrend },
      errors: [404],
      async handle({ params, query }) {
        const days = await s.adminViews.trend(params.mailbox, limitOf(query.days, 14));
        return { body: presentTrend(params.mailbox, days) };
      },
    }),
  ];
}

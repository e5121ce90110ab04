// Email-logging setup per shared mailbox (admins): read (secrets as "set"/"not set"), create/update, validate,
// check inputs not saved yet (the wizard's "Check connection"), run now, recent runs with their errors,
// quarantined messages.
import {
  JobRunList,
  JobRunListQuery,
  LoggingSetupList,
  LoggingSetupUpdate,
  LoggingSetupView,
  QuarantineList,
  QuarantineListQuery,
  ReleaseQuarantineRequest,
  ReleaseQuarantineResult,
  RunRequested,
  SetupCheckRequest,
  SetupValidation,
} from '../../../shared/api/loggingSetup.js';
import { adminApiRoutes } from '../../../shared/api/routes.js';
import type { Services } from '../../services/index.js';
import { limitOf, MailboxParams } from '../params.js';
import { defineRoute, type RouteSpec } from '../route.js';
import { presentQuarantined, presentRun, presentSetup } from './presenter.js';

const tag = 'email logging';

export function loggingSetupRoutes(s: Services): RouteSpec[] {
  const setups = s.loggingSetup;
  return [
    defineRoute({
      name: 'loggingSetups',
      method: 'get',
      path: adminApiRoutes.loggingSetups.path,
      summary: 'Every shared mailbox set up for email logging',
      tag,
      access: 'admin',
      success: { status: 200, description: 'The setups', schema: LoggingSetupList },
      async handle() {
        return { body: { items: (await setups.list()).map(presentSetup) } };
      },
    }),
    defineRoute({
      name: 'loggingSetup',
      method: 'get',
      path: adminApiRoutes.loggingSetup.path,
      summary: 'The setup of one mailbox (secrets only as "set"/"not set")',
      tag,
      access: 'admin',
      params: MailboxParams,
      success: { status: 200, description: 'The setup', schema: LoggingSetupView },
      errors: [404],
      async handle({ params }) {
        return { body: presentSetup(await setups.get(params.mailbox)) };
      },
    }),
    defineRoute({
      name: 'putLoggingSetup',
      method: 'put',
      path: adminApiRoutes.putLoggingSetup.path,
      summary: 'Create or change the setup of a mailbox; secrets are sealed and never returned',
      tag,
      access: 'admin',
      params: MailboxParams,
      body: LoggingSetupUpdate,
      jsonLimit: '512kb', // a blocklist of 5,000 entries
      success: { status: 200, description: 'The setup (201 when created)', schema: LoggingSetupView },
      async handle({ params, body }) {
        const r = await setups.put(params.mailbox, body);
        return { status: r.created ? 201 : 200, body: presentSetup(r.setup) };
      },
    }),
    defineRoute({
      name: 'validateLoggingSetup',
      method: 'post',
      path: adminApiRoutes.validateLoggingSetup.path,
      summary: 'Sign in and read the Inbox as the loop would (the outcome is recorded on the setup)',
      tag,
      access: 'admin',
      params: MailboxParams,
      success: { status: 200, description: 'The outcome', schema: SetupValidation },
      errors: [404],
      async handle({ params, log }) {
        return { body: await setups.validate(params.mailbox, log) };
      },
    }),
    defineRoute({
      name: 'checkLoggingSetup',
      method: 'post',
      path: adminApiRoutes.checkLoggingSetup.path,
      summary:
        'Check connection inputs not saved yet, as validate would; nothing is stored and no secret is echoed',
      tag,
      access: 'admin',
      body: SetupCheckRequest,
      success: { status: 200, description: 'The outcome', schema: SetupValidation },
      async handle({ body, log }) {
        return { body: await setups.check(body, log) };
      },
    }),
    defineRoute({
      name: 'runLoggingSetup',
      method: 'post',
      path: adminApiRoutes.runLoggingSetup.path,
      summary: 'Run now: the scheduler starts a run of this mailbox soon',
      tag,
      access: 'admin',
      params: MailboxParams,
      success: { status: 202, description: 'Requested', schema: RunRequested },
      errors: [404],
      async handle({ params }) {
        const at = await setups.requestRun(params.mailbox);
        return { body: { mailbox: params.mailbox, requestedAt: at.toISOString() } };
      },
    }),
    defineRoute({
      name: 'loggingRuns',
      method: 'get',
      path: adminApiRoutes.loggingRuns.path,
      summary: 'Recent runs of a mailbox with their counts and errors, newest first',
      tag,
      access: 'admin',
      params: MailboxParams,
      query: JobRunListQuery,
      success: { status: 200, description: 'The runs', schema: JobRunList },
      errors: [404],
      async handle({ params, query }) {
        return {
          body: { items: (await setups.runs(params.mailbox, limitOf(query.limit, 20))).map(presentRun) },
        };
      },
    }),
    defineRoute({
      name: 'loggingQuarantine',
      method: 'get',
      path: adminApiRoutes.loggingQuarantine.path,
      summary: 'Messages the loop quarantined (or that keep failing), with the reason',
      tag,
      access: 'admin',
      params: MailboxParams,
      query: QuarantineListQuery,
      success: { status: 200, description: 'The messages', schema: QuarantineList },
      errors: [404],
      async handle({ params, query }) {
        const list = await setups.quarantine(
          params.mailbox,
          query.state ?? 'quarantined',
          limitOf(query.limit, 50),
        );
        return { body: { items: list.map(presentQuarantined) } };
      },
    }),
    defineRoute({
      name: 'releaseQuarantine',
      method: 'post',
      path: adminApiRoutes.releaseQuarantine.path,
      summary: 'Release quarantined messages: back to the Inbox, processed again by the next run',
      tag,
      access: 'admin',
      params: MailboxParams,
      body: ReleaseQuarantineRequest,
      success: { status: 200, description: 'What was released', schema: ReleaseQuarantineResult },
      errors: [404],
      async handle({ params, body, caller, log }) {
        const by = caller.email ?? caller.userId;
        return { body: await s.quarantineRelease.release(params.mailbox, body, by, log) };
      },
    }),
  ];
}

// The emulated Graph mail API through the real Graph SDK: paging by nextLink, immutable ids across moves,
// deletes, folders, OData rules, Graph's error shape and mailbox states.
import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import {
  appToken,
  graphClient,
  graphError,
  IMMUTABLE,
  MAILBOX,
  startTestEmulator,
  type MessageJson,
} from './test-helpers.js';

const INBOX = `/users/${MAILBOX}/mailFolders/inbox/messages`;

describe('Graph emulator: mail API with the real Graph SDK', () => {
  let emu: GraphEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
  });

  afterEach(async () => {
    await emu.close();
  });

  it('pages the inbox through @odata.nextLink carrying $skip, oldest first', async () => {
    const subjects: string[] = [];
    let page = await client
      .api(INBOX)
      .select('subject,receivedDateTime')
      .orderby('receivedDateTime asc')
      .top(4)
      .get();
    const first: string = page['@odata.nextLink'];
    assert.match(first, /%24skip=4/);
    for (;;) {
      subjects.push(...page.value.map((m: MessageJson) => m.subject));
      if (!page['@odata.nextLink']) break;
      page = await client.api(page['@odata.nextLink']).get();
    }
    assert.equal(subjects.length, 6);
    assert.equal(subjects[0], 'Tilbud på 40 paller / quote request');
    assert.equal(subjects[5], 'Order confirmation 10042');
  });

  it('shifts later pages when messages leave the folder while paging, as $skip does in Graph', async () => {
    const page1 = await client
      .api(INBOX)
      .header('Prefer', IMMUTABLE.Prefer)
      .orderby('receivedDateTime asc')
      .top(2)
      .get();
    for (const m of page1.value as MessageJson[]) {
      await client
        .api(`/users/${MAILBOX}/messages/${m.id}/move`)
        .header('Prefer', IMMUTABLE.Prefer)
        .post({ destinationId: 'archive' });
    }
    const page2 = await client.api(page1['@odata.nextLink']).get();
    // The inbox lost two messages, so $skip=2 jumps over the two that were 3rd and 4th.
    assert.deepEqual(
      page2.value.map((m: MessageJson) => m.subject),
      ['Undeliverable: Quote', 'Order confirmation 10042'],
    );
  });

  it('filters on receivedDateTime and enforces the InefficientFilter rule', async () => {
    const since = await client
      .api(INBOX)
      .filter('receivedDateTime ge 2025-03-03T10:30:00Z and receivedDateTime lt 2025-03-04T00:00:00Z')
      .orderby('receivedDateTime')
      .get();
    assert.deepEqual(
      since.value.map((m: MessageJson) => m.subject),
      ['Lunch on Friday?', 'Draft: follow-up to Northwind', 'Undeliverable: Quote'],
    );
    const inefficient = await graphError(
      client
        .api(INBOX)
        .filter('isDraft eq false and receivedDateTime ge 2025-03-03T00:00:00Z')
        .orderby('receivedDateTime')
        .get(),
    );
    assert.equal(inefficient.statusCode, 400);
    assert.equal(inefficient.code, 'InefficientFilter');
    const unsupported = await graphError(client.api(INBOX).filter("contains(subject,'x')").get());
    assert.equal(unsupported.statusCode, 400);
    assert.equal((await graphError(client.api(INBOX).top(1001).get())).statusCode, 400);
    assert.equal(
      (await graphError(client.api(INBOX).select('subject,nosuchthing').get())).code,
      'RequestBroker--ParseUri',
    );
  });

  it('keeps the immutable id across a move and gives the message a new regular id', async () => {
    const [newest] = emu.listFolder(MAILBOX, 'inbox');
    const regularBefore = (await client.api(`/users/${MAILBOX}/messages/${newest!.id}`).get()) as MessageJson;
    assert.notEqual(regularBefore.id, newest!.id);

    const moved = await client
      .api(`/users/${MAILBOX}/messages/${newest!.id}/move`)
      .header('Prefer', IMMUTABLE.Prefer)
      .post({ destinationId: 'archive' });
    assert.equal(moved.id, newest!.id);
    const archive = await client.api(`/users/${MAILBOX}/mailFolders/archive`).get();
    assert.equal(moved.parentFolderId, archive.id);
    assert.ok(moved.webLink.includes(encodeURIComponent(moved.id)));

    const regularAfter = (await client.api(`/users/${MAILBOX}/messages/${newest!.id}`).get()) as MessageJson;
    assert.notEqual(regularAfter.id, regularBefore.id);
    const stale = await graphError(client.api(`/users/${MAILBOX}/messages/${regularBefore.id}`).get());
    assert.equal(stale.statusCode, 404);
    assert.equal(stale.code, 'ErrorItemNotFound');

    const viaHeader = await client
      .api(`/users/${MAILBOX}/messages/${newest!.id}`)
      .header('Prefer', IMMUTABLE.Prefer)
      .responseType('raw' as never)
      .get();
    assert.equal((viaHeader as Response).headers.get('preference-applied'), 'IdType="ImmutableId"');
  });

  it('deletes to Deleted Items, and for good from there', async () => {
    const [msg] = emu.listFolder(MAILBOX, 'inbox');
    await client.api(`/users/${MAILBOX}/messages/${msg!.id}`).delete();
    assert.equal(emu.listFolder(MAILBOX, 'deleteditems')[0]?.id, msg!.id);
    await client.api(`/users/${MAILBOX}/messages/${msg!.id}`).delete();
    assert.equal(emu.getMessage(MAILBOX, msg!.id), null);
  });

  it('lists, filters and creates folders, refusing a duplicate name with 409 ErrorFolderExists', async () => {
    const found = await client
      .api(`/users/${MAILBOX}/mailFolders`)
      .filter("displayName eq 'Interlog Archive'")
      .get();
    assert.equal(found.value.length, 1);
    const created = await client.api(`/users/${MAILBOX}/mailFolders`).post({ displayName: 'Logged 2025' });
    assert.equal(created.displayName, 'Logged 2025');
    const dup = await graphError(
      client.api(`/users/${MAILBOX}/mailFolders`).post({ displayName: 'logged 2025' }),
    );
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.code, 'ErrorFolderExists');
    const moved = await client
      .api(`/users/${MAILBOX}/messages/${emu.listFolder(MAILBOX, 'inbox')[0]!.id}/move`)
      .post({ destinationId: created.id });
    assert.equal(moved.parentFolderId, created.id);
  });

  it('answers errors with Graph’s body: code, message, innerError request-id/date/client-request-id', async () => {
    const res = await fetch(`${emu.baseUrl}/v1.0/users/nobody@contoso.example/mailFolders`, {
      headers: {
        Authorization: `Bearer ${await appToken(emu)}`,
        'client-request-id': 'c0ffee00-0000-4000-8000-000000000001',
      },
    });
    assert.equal(res.status, 404);
    const body = (await res.json()) as {
      error: { code: string; message: string; innerError: Record<string, string> };
    };
    assert.deepEqual(Object.keys(body), ['error']);
    assert.deepEqual(Object.keys(body.error), ['code', 'message', 'innerError']);
    assert.equal(body.error.code, 'ErrorInvalidUser');
    assert.equal(body.error.innerError['client-request-id'], 'c0ffee00-0000-4000-8000-000000000001');
    assert.match(body.error.innerError.date!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    assert.equal(body.error.innerError['request-id'], res.headers.get('request-id'));

    const noToken = await fetch(`${emu.baseUrl}/v1.0/users/${MAILBOX}/mailFolders`);
    assert.equal(noToken.status, 401);
    assert.equal(
      ((await noToken.json()) as { error: { code: string } }).error.code,
      'InvalidAuthenticationToken',
    );

    assert.equal(
      (await graphError(client.api(`/users/${MAILBOX}/messages/not-an-id`).get())).code,
      'ErrorInvalidIdMalformed',
    );
  });

  it('reports mailbox states: access policy 403 ErrorAccessDenied, unlicensed 404 MailboxNotEnabledForRESTAPI', async () => {
    emu.setMailboxState(MAILBOX, 'accessDenied');
    const denied = await graphError(client.api(INBOX).get());
    assert.equal(denied.statusCode, 403);
    assert.equal(denied.code, 'ErrorAccessDenied');
    emu.setMailboxState(MAILBOX, 'notLicensed');
    const unlicensed = await graphError(client.api(INBOX).get());
    assert.equal(unlicensed.statusCode, 404);
    assert.equal(unlicensed.code, 'MailboxNotEnabledForRESTAPI');
  });

  it('runs $batch parts separately, each with its own status, dependsOn ordering and 424 on failure', async () => {
    const [a, b] = emu.listFolder(MAILBOX, 'inbox');
    const res = await client.api('/$batch').post({
      requests: [
        {
          id: '1',
          method: 'POST',
          url: `/users/${MAILBOX}/messages/${a!.id}/move`,
          headers: { 'Content-Type': 'application/json', ...IMMUTABLE },
          body: { destinationId: 'archive' },
        },
        {
          id: '2',
          method: 'GET',
          url: `/users/${MAILBOX}/messages/${b!.id}?$select=subject`,
          dependsOn: ['1'],
        },
        {
          id: '3',
          method: 'GET',
          url: `/users/${MAILBOX}/messages/AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAA=`,
        },
        { id: '4', method: 'GET', url: `/users/${MAILBOX}/mailFolders`, dependsOn: ['3'] },
      ],
    });
    const byId = new Map(
      (res.responses as { id: string; status: number; body: { id?: string; subject?: string } }[]).map(
        (r) => [r.id, r],
      ),
    );
    assert.equal(byId.get('1')?.status, 201);
    assert.equal(byId.get('1')?.body.id, a!.id);
    assert.equal(byId.get('2')?.body.subject, b!.subject);
    assert.equal(byId.get('3')?.status, 404);
    assert.equal(byId.get('4')?.status, 424);

    const tooMany = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users/x/mailFolders',
    }));
    assert.equal((await graphError(client.api('/$batch').post({ requests: tooMany }))).statusCode, 400);
    const dupIds = [
      { id: '1', method: 'GET', url: '/me' },
      { id: '1', method: 'GET', url: '/me' },
    ];
    assert.equal((await graphError(client.api('/$batch').post({ requests: dupIds }))).statusCode, 400);
  });
});

// Smaller Graph and Entra behaviours other helpers lean on: id translation, updates, MIME, directory users,
// /me rules, the sign-in picker and the demo webLink page.
import assert from 'node:assert/strict';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { GraphEmulator } from '../../../scripts/graph-emulator/index.js';
import {
  appToken,
  CLIENT,
  graphClient,
  graphError,
  MAILBOX,
  startTestEmulator,
  USER,
} from './test-helpers.js';

describe('Graph emulator: extras', () => {
  let emu: GraphEmulator;
  let client: Client;

  beforeEach(async () => {
    emu = await startTestEmulator();
    client = graphClient(emu, await appToken(emu));
  });

  afterEach(async () => {
    await emu.close();
  });

  it('translates between regular and immutable ids', async () => {
    const [msg] = emu.listFolder(MAILBOX, 'inbox');
    const regular = (await client.api(`/users/${MAILBOX}/messages/${msg!.id}`).select('subject').get())
      .id as string;
    const res = await client.api(`/users/${MAILBOX}/translateExchangeIds`).post({
      inputIds: [regular, 'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZh='],
      sourceIdType: 'restId',
      targetIdType: 'restImmutableEntryId',
    });
    assert.equal(res.value[0].targetId, msg!.id);
    assert.equal(res.value[1].errorDetails.code, 'ErrorItemNotFound');
  });

  it('updates isRead and categories, refuses other properties, and serves MIME', async () => {
    const [msg] = emu.listFolder(MAILBOX, 'inbox');
    const path = `/users/${MAILBOX}/messages/${msg!.id}`;
    const updated = await client.api(path).patch({ isRead: true, categories: ['Logged'] });
    assert.equal(updated.isRead, true);
    assert.deepEqual(updated.categories, ['Logged']);
    assert.notEqual(updated.changeKey, msg!.changeKey);
    assert.equal((await graphError(client.api(path).patch({ subject: 'x' }))).statusCode, 400);
    const mime: string = await client
      .api(`${path}/$value`)
      .getStream()
      .then(async (s: ReadableStream) => new Response(s).text());
    assert.match(mime, /^From: "Northwind Orders" <orders@northwind\.example>\r\nSender: "Lars Berg"/m);
    assert.match(mime, /Message-ID: <VI1PR03MB3004\.northwind\.example>/);
  });

  it('resolves directory users and keeps /me for delegated tokens', async () => {
    const user = await client.api(`/users/${USER.username}`).get();
    assert.equal(user.id, USER.oid);
    const missing = await graphError(client.api('/users/ghost@contoso.example').get());
    assert.equal(missing.code, 'Request_ResourceNotFound');
    const me = await graphError(client.api('/me/mailFolders').get());
    assert.equal(me.statusCode, 400);
  });

  it('shows an account picker at /authorize without a known login_hint', async () => {
    const url = new URL(`${emu.authority}/oauth2/v2.0/authorize`);
    url.search = new URLSearchParams({
      client_id: CLIENT.clientId,
      response_type: 'code',
      redirect_uri: 'https://localhost/cb',
      scope: 'openid',
    }).toString();
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(
      await page.text(),
      new RegExp(`login_hint=${encodeURIComponent(USER.username).replace(/\./g, '\\.')}`),
    );
  });

  it('opens a message through its webLink', async () => {
    const [msg] = emu.listFolder(MAILBOX, 'inbox');
    const page = await fetch(String(msg!.webLink));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Order confirmation 10042/);
  });

  it('pages top-level folders 10 at a time and hides hidden well-known folders', async () => {
    await client.api(`/users/${MAILBOX}/mailFolders`).post({ displayName: 'Eleventh' });
    const first = await client.api(`/users/${MAILBOX}/mailFolders`).get();
    assert.equal(first.value.length, 10);
    const rest = await client.api(first['@odata.nextLink']).get();
    const names = [...first.value, ...rest.value].map((f: { displayName: string }) => f.displayName);
    assert.equal(names.length, 11);
    assert.ok(names.includes('Eleventh') && names.includes('Inbox'));
    assert.ok(!names.includes('Deletions'));
    const hidden = await client.api(`/users/${MAILBOX}/mailFolders/recoverableitemsdeletions`).get();
    assert.equal(hidden.isHidden, true);
  });
});

import assert from 'node:assert/strict';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { GRAPH, graphError, harness, json, MAILBOX_PATH, message } from './fakeGraph.js';

const isCode = (code: string) => (err: unknown) => err instanceof MailSourceError && err.code === code;

describe('graph MailSource (real Graph SDK over a fake network)', () => {
  it('lists the Inbox with the immutable-id preference and a bearer token on every request', async () => {
    // A nextLink whose query mixes encoded and plain names: the SDK would reorder it, we must not.
    const nextLink = `${GRAPH}/v1.0/users/shared%40contoso.com/mailFolders/inbox/messages?%24skip=2&$top=2&$select=id,subject`;
    const h = harness((req, i) =>
      i === 0
        ? json(200, { value: [message('m1'), message('m2')], '@odata.nextLink': nextLink })
        : json(200, { value: [message('m3')] }),
    );
    const first = await h.source.listInbox({ receivedFrom: '2025-03-01T00:00:00Z', pageSize: 2 });
    assert.deepEqual(
      first.messages.map((m) => m.id),
      ['m1', 'm2'],
    );
    assert.equal(first.next, nextLink);
    const second = await h.source.listNext(first.next!);
    assert.deepEqual(
      second.messages.map((m) => m.id),
      ['m3'],
    );
    assert.equal(second.next, null);

    assert.equal(h.sent.length, 2);
    const firstUrl = new URL(h.sent[0]!.url);
    assert.equal(firstUrl.pathname, `${MAILBOX_PATH}/mailFolders/inbox/messages`);
    assert.equal(firstUrl.searchParams.get('$filter'), 'receivedDateTime ge 2025-03-01T00:00:00.000Z');
    assert.equal(h.sent[1]!.url, nextLink);
    for (const req of h.sent) {
      assert.equal(req.method, 'GET');
      assert.equal(req.headers.get('prefer'), 'IdType="ImmutableId"');
      assert.equal(req.headers.get('authorization'), 'Bearer token-0');
    }
  });

  it('refuses a nextLink to another host without sending anything', async () => {
    const h = harness(() => json(200, { value: [] }));
    await assert.rejects(
      h.source.listNext('https://evil.example/v1.0/users/x/messages'),
      isCode('invalid_request'),
    );
    assert.equal(h.sent.length, 0);
  });

  it('getMessage returns null for a missing item but fails for a missing mailbox', async () => {
    const h = harness((req) =>
      req.url.includes('/messages/gone')
        ? graphError(404, 'ErrorItemNotFound')
        : graphError(404, 'ErrorInvalidUser'),
    );
    assert.equal(await h.source.getMessage('gone'), null);
    await assert.rejects(h.source.getMessage('other'), isCode('mailbox_not_found'));
  });

  it('moves a message and returns it as it is afterwards', async () => {
    const h = harness(() => json(201, message('m1', { parentFolderId: 'archive-id' })));
    const moved = await h.source.move('m1', 'Archive');
    assert.equal(moved.id, 'm1');
    assert.equal(moved.parentFolderId, 'archive-id');
    assert.equal(h.sent[0]!.method, 'POST');
    assert.equal(new URL(h.sent[0]!.url).pathname, `${MAILBOX_PATH}/messages/m1/move`);
    assert.deepEqual(h.sent[0]!.body, { destinationId: 'archive' });
    assert.equal(h.sent[0]!.headers.get('prefer'), 'IdType="ImmutableId"');
  });

  it('delete succeeds whether the message existed or not', async () => {
    const h = harness((_req, i) => (i === 0 ? json(204, null) : graphError(404, 'ErrorItemNotFound')));
    await h.source.delete('m1');
    await h.source.delete('m1');
    assert.deepEqual(
      h.sent.map((r) => r.method),
      ['DELETE', 'DELETE'],
    );
  });

  it('resolves a well-known folder by name', async () => {
    const h = harness(() => json(200, { id: 'AQMk-archive', displayName: 'Arkiv' }));
    assert.deepEqual(await h.source.resolveFolder('archive'), { id: 'AQMk-archive', displayName: 'Arkiv' });
    assert.equal(new URL(h.sent[0]!.url).pathname, `${MAILBOX_PATH}/mailFolders/archive`);
  });

  it('resolves a display name, and creates the folder when asked', async () => {
    const name = "Kunde's mail";
    const h = harness((req) => {
      if (req.method === 'POST')
        return json(201, { id: 'new-id', displayName: (req.body as { displayName: string }).displayName });
      return json(200, { value: [] });
    });
    await assert.rejects(h.source.resolveFolder(name), isCode('not_found'));
    assert.deepEqual(await h.source.resolveFolder(name, { create: true }), {
      id: 'new-id',
      displayName: name,
    });
    const lookup = new URL(h.sent[0]!.url);
    assert.equal(lookup.searchParams.get('$filter'), "displayName eq 'Kunde''s mail'");
    assert.equal(h.sent.at(-1)!.method, 'POST');
    assert.equal(new URL(h.sent.at(-1)!.url).pathname, `${MAILBOX_PATH}/mailFolders`);
  });

  it('tries an id-shaped name as a folder id first, then as a display name', async () => {
    const h = harness((req) => {
      if (req.url.includes('/mailFolders/InterlogArchive2025?'))
        return graphError(400, 'ErrorInvalidIdMalformed');
      return json(200, { value: [{ id: 'found-id', displayName: 'InterlogArchive2025' }] });
    });
    assert.deepEqual(await h.source.resolveFolder('InterlogArchive2025'), {
      id: 'found-id',
      displayName: 'InterlogArchive2025',
    });
    assert.equal(h.sent.length, 2);
  });

  it('looks a plain display name up by name only', async () => {
    const h = harness(() => json(200, { value: [{ id: 'arkiv-id', displayName: '..' }] }));
    assert.deepEqual(await h.source.resolveFolder('..'), { id: 'arkiv-id', displayName: '..' });
    assert.equal(h.sent.length, 1);
    assert.equal(new URL(h.sent[0]!.url).searchParams.get('$filter'), "displayName eq '..'");
  });

  it('uses the folder someone else created between lookup and create', async () => {
    let created = false;
    const h = harness((req) => {
      if (req.method === 'POST') {
        created = true;
        return graphError(409, 'ErrorFolderExists');
      }
      return json(200, { value: created ? [{ id: 'theirs', displayName: 'Logged mail' }] : [] });
    });
    assert.deepEqual(await h.source.resolveFolder('Logged mail', { create: true }), {
      id: 'theirs',
      displayName: 'Logged mail',
    });
  });
});

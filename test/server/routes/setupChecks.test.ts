// "Check connection" of inputs not saved yet (issue 16): POST /logging/setup-checks runs the validate route's
// checks on a draft and stores nothing, so a mistyped mailbox leaves no setup behind and a stored setup keeps its
// inputs until they are saved. Secrets in the body are never logged or echoed.
import assert from 'node:assert/strict';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const MAILBOX = 'sales-log@contoso.example';
const TYPO = 'sales-lgo@contoso.example';
const SECRET = DEFAULT_CLIENT.clientSecret!;
const WRONG = `${SECRET}-wrong-9c1d`;

describe('setup checks (admin): "Check connection" validates a draft and stores nothing', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('setupcheck');
  let h: ApiHarness;
  let emu: GraphEmulator;
  const responses: string[] = [];
  before(async () => {
    emu = await startGraphEmulator({ enforceLimits: false });
    emu.addMailbox({ address: MAILBOX, displayName: 'Sales log' });
    h = await startApiHarness(tdb().conn, {
      sourceEnv: { graphBaseUrl: emu.baseUrl, authorityHost: emu.baseUrl },
    });
  });
  after(async () => {
    await h?.close();
    await emu?.close();
  });

  const draft = (over: Record<string, unknown> = {}) => ({
    mailbox: MAILBOX,
    authMode: 'app',
    tenantId: emu.tenantId,
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: SECRET,
    ...over,
  });
  const check = async (body: object) => {
    const r = await h.request('POST', '/api/v1/logging/setup-checks', { token: 'admin', body });
    responses.push(r.text, JSON.stringify([...r.headers]));
    return r;
  };
  const stored = () => h.raw('loggingSetups').find({}).toArray();

  it('a mistyped mailbox fails its check and leaves no setup; neither does a wrong secret', async () => {
    const typo = await check(draft({ mailbox: TYPO }));
    assert.equal(typo.status, 200, typo.text);
    assert.deepEqual([typo.json.ok, typo.json.code], [false, 'mailbox_not_found'], typo.text);
    assert.match(typo.json.steps[0].message, new RegExp(`There is no mailbox ${TYPO}`));
    const wrong = await check(draft({ clientSecret: WRONG }));
    assert.deepEqual([wrong.json.ok, wrong.json.code], [false, 'auth_failed'], wrong.text);
    assert.deepEqual(await stored(), [], 'no setup document');
    const list = await h.request('GET', '/api/v1/logging/setups', { token: 'admin' });
    assert.deepEqual(list.json.items, [], 'the console lists no mailbox');
  });

  it('a passing check answers as validate does (every step ok) and still stores nothing', async () => {
    const ok = await check(draft({ mailbox: MAILBOX.toUpperCase() }));
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual([ok.json.ok, ok.json.code], [true, null], ok.text);
    assert.deepEqual(
      ok.json.steps.map((s: { name: string; ok: boolean }) => [s.name, s.ok]),
      [
        ['connection', true],
        ['inbox', true],
        ['archive_folder', true],
        ['quarantine_folder', true],
      ],
    );
    assert.deepEqual(await stored(), []);
  });

  it('a stored setup keeps its inputs while changed ones are checked; an empty secret means the stored one', async () => {
    const put = await h.request('PUT', `/api/v1/logging/setups/${MAILBOX}`, {
      token: 'admin',
      body: { tenantId: emu.tenantId, clientId: DEFAULT_CLIENT.clientId, clientSecret: SECRET },
    });
    assert.equal(put.status, 201, put.text);
    const [before] = await stored();
    const wrong = await check(draft({ clientSecret: WRONG }));
    assert.deepEqual([wrong.json.ok, wrong.json.code], [false, 'auth_failed'], wrong.text);
    const otherClient = await check(draft({ clientId: '00000000-0000-4000-8000-00000000beef' }));
    assert.equal(otherClient.json.ok, false, otherClient.text);
    const { clientSecret: _typed, ...withoutSecret } = draft();
    const kept = await check(withoutSecret);
    assert.equal(kept.json.ok, true, kept.text);
    assert.deepEqual(await stored(), [before], 'the stored setup is exactly as saved (no outcome recorded)');
  });

  it('refuses a check without any secret when none is stored (problem+json, stable code)', async () => {
    const { clientSecret: _typed, ...withoutSecret } = draft({ mailbox: TYPO });
    const r = await check(withoutSecret);
    assert.equal(r.status, 400, r.text);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.deepEqual([r.json.code, r.json.errors[0].path], ['validation_failed', 'body.clientSecret']);
    const both = await check(draft({ certificateThumbprint: 'a'.repeat(40) }));
    assert.deepEqual([both.status, both.json.code], [400, 'validation_failed'], both.text);
    const notAddress = await check(draft({ mailbox: 'sales-log' }));
    assert.deepEqual([notAddress.status, notAddress.json.errors[0].path], [400, 'body.mailbox']);
    assert.equal((await stored()).length, 1, 'only the setup saved above');
  });

  it('delegated access: a sign-in counts only for the stored app registration, and the check touches none', async () => {
    const job = 'delegated-log@contoso.example';
    const none = await check(
      draft({ mailbox: job, authMode: 'delegated', jobAccount: 'job@contoso.example' }),
    );
    assert.deepEqual([none.json.ok, none.json.code], [false, 'auth_failed'], none.text);
    assert.match(none.json.steps[0].message, /no job account is signed in/);
    // A stored delegated setup with a signed-in job account (its token cache); a check of another client id
    // must not use that sign-in, nor clear it.
    const put = await h.request('PUT', `/api/v1/logging/setups/${job}`, {
      token: 'admin',
      body: {
        authMode: 'delegated',
        tenantId: emu.tenantId,
        clientId: DEFAULT_CLIENT.clientId,
        clientSecret: SECRET,
      },
    });
    assert.equal(put.status, 201, put.text);
    const cache = h.secrets.seal('{"Account":{}}');
    await h.raw('loggingSetups').updateOne({ mailbox: job }, { $set: { tokenCacheSealed: cache } });
    const [before] = await h.raw('loggingSetups').find({ mailbox: job }).toArray();
    const changed = await check(
      draft({ mailbox: job, authMode: 'delegated', clientId: '00000000-0000-4000-8000-00000000beef' }),
    );
    assert.deepEqual([changed.json.ok, changed.json.code], [false, 'auth_failed'], changed.text);
    assert.match(changed.json.steps[0].message, /no job account is signed in/);
    assert.deepEqual(await h.raw('loggingSetups').find({ mailbox: job }).toArray(), [before]);
  });

  it('never shows a typed secret in any response or any captured log line', () => {
    for (const secret of [SECRET, WRONG]) {
      assert.ok(!responses.some((r) => r.includes(secret)), 'a response contains a secret');
      assert.ok(!h.logs.some((l) => l.includes(secret)), 'a log line contains a secret');
    }
    assert.ok(h.logs.length > 5, 'log lines were captured');
  });
});

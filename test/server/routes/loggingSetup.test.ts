import assert from 'node:assert/strict';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../../scripts/graph-emulator/index.js';
import type { GraphEmulator } from '../../../scripts/graph-emulator/types.js';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';

const MAILBOX = 'sales-log@contoso.example';
const SECRET = DEFAULT_CLIENT.clientSecret!;
const CERT_KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-not-a-real-key-9f8e7d\n-----END PRIVATE KEY-----';

describe('email-logging setup per mailbox (admin): secrets in, never out; validate; run now; runs; quarantine', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('setup');
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

  const call = async (method: string, path: string, body?: object) => {
    const r = await h.request(method, `/api/v1/logging/setups${path}`, { token: 'admin', body });
    responses.push(r.text, JSON.stringify([...r.headers]));
    return r;
  };

  it('creates a setup, seals the secret, and shows only "set"/"not set"', async () => {
    const r = await call('PUT', `/${MAILBOX.toUpperCase()}`, {
      enabled: true,
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: SECRET,
      policy: { unmatched: 'keep', blocklist: ['News@Letters.example', '*@spam.example'] },
    });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(
      [r.json.mailbox, r.json.clientSecret, r.json.certificateKey, r.json.tokenCache, r.json.batchSize],
      [MAILBOX, 'set', 'not set', 'not set', 50],
    );
    assert.deepEqual(r.json.policy.blocklist, ['news@letters.example', '@spam.example']);
    const stored = await h.raw('loggingSetups').findOne({ mailbox: MAILBOX });
    assert.notEqual(stored?.clientSecretSealed, SECRET);
    assert.equal(h.secrets.open(stored!.clientSecretSealed), SECRET);
    const list = await call('GET', '');
    assert.deepEqual(
      list.json.items.map((s: { mailbox: string }) => s.mailbox),
      [MAILBOX],
    );
  });

  it('validates against the mailbox (the emulator) and records the outcome', async () => {
    const ok = await call('POST', `/${MAILBOX}/validate`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.ok, true, ok.text);
    assert.deepEqual(
      ok.json.steps.map((s: { ok: boolean }) => s.ok),
      [true, true, true, true],
    );
    const wrong = await call('PUT', `/${MAILBOX}`, { clientSecret: `${SECRET}-wrong` });
    assert.deepEqual([wrong.json.consentGiven, wrong.json.tokenCache], [false, 'not set']);
    const bad = await call('POST', `/${MAILBOX}/validate`);
    assert.deepEqual([bad.json.ok, bad.json.code], [false, 'auth_failed'], bad.text);
    assert.equal((await call('GET', `/${MAILBOX}`)).json.lastValidationOk, false);
    await call('PUT', `/${MAILBOX}`, { clientSecret: SECRET, certificateKey: CERT_KEY });
  });

  it('refuses an invalid policy with the field named, and unknown or operator keys', async () => {
    const move = await call('PUT', `/${MAILBOX}`, { policy: { unmatched: 'move' } });
    assert.deepEqual([move.status, move.json.errors[0].path], [400, 'body.policy.unmatchedFolder']);
    const entry = await call('PUT', `/${MAILBOX}`, {
      policy: { blocklist: ['ok@x.example', 'not an entry'] },
    });
    assert.deepEqual([entry.status, entry.json.errors[0].path], [400, 'body.policy.blocklist.1']);
    const op = await call('PUT', `/${MAILBOX}`, { $set: { enabled: false } });
    assert.equal(op.status, 400);
    const sealed = await call('PUT', `/${MAILBOX}`, { clientSecretSealed: 'v1.x.y.z' });
    assert.equal(sealed.status, 400, 'the sealed form cannot be written directly');
  });

  it('runs now, and lists recent runs with their errors and quarantined messages', async () => {
    const run = await call('POST', `/${MAILBOX}/run`);
    assert.equal(run.status, 202);
    assert.equal((await call('GET', `/${MAILBOX}`)).json.runRequestedAt, run.json.requestedAt);
    assert.equal((await call('POST', '/nobody@contoso.example/run')).status, 404);
    const at = new Date('2025-03-03T10:00:00Z');
    await h.raw('jobRuns').insertOne({
      runId: 'r1',
      mailbox: MAILBOX,
      instanceId: 'i1',
      trigger: 'schedule',
      startedAt: at,
      finishedAt: at,
      outcome: 'partial',
      counts: { read: 3, logged: 1 },
      errors: [{ context: 'archive', code: 'transient', message: 'Graph 503', messageId: 'AAk', at }],
    });
    await h.raw('messageStates').insertOne(<never>{
      _id: `${MAILBOX}#AAq`,
      mailbox: MAILBOX,
      messageId: 'AAq',
      internetMessageId: null,
      subject: 'Undeliverable',
      state: 'quarantined',
      reason: 'The message has no sender address.',
      code: 'empty_sender',
      attempts: 0,
      updatedAt: at,
    });
    const runs = await call('GET', `/${MAILBOX}/runs`);
    assert.deepEqual(runs.json.items[0].errors, [
      { context: 'archive', code: 'transient', message: 'Graph 503', messageId: 'AAk', at: at.toISOString() },
    ]);
    const q = await call('GET', `/${MAILBOX}/quarantine`);
    assert.deepEqual(
      q.json.items.map((m: { code: string }) => m.code),
      ['empty_sender'],
    );
    assert.deepEqual((await call('GET', `/${MAILBOX}/quarantine?state=failing`)).json.items, []);
  });

  it('never shows a secret in any response or any captured log line', () => {
    for (const secret of [SECRET, `${SECRET}-wrong`, 'not-a-real-key-9f8e7d']) {
      assert.ok(!responses.some((r) => r.includes(secret)), 'a response contains a secret');
      assert.ok(!h.logs.some((l) => l.includes(secret)), 'a log line contains a secret');
    }
    assert.ok(h.logs.length > 10, 'log lines were captured');
    assert.ok(responses.length > 10);
  });
});

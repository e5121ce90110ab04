import assert from 'node:assert/strict';
import {
  delegatedSignInFor,
  mailSourceForSetup,
  tokenCacheStoreFor,
} from '../../../server/mailsource/sourceForSetup.js';
import { MailSourceError } from '../../../server/mailsource/MailSource.js';
import { createMemoryCacheStore } from '../../../server/mailsource/graph/tokenCachePlugin.js';
import { startEngineHarness, MAILBOX, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';

describe('delegated auth: the MSAL token cache is stored sealed in the setup document', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('tokencache');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn);
  });
  after(() => h?.close());

  it('round-trips through MongoDB and never stores the cache in clear text', async () => {
    const store = tokenCacheStoreFor(MAILBOX, h.env);
    assert.equal(await store.load(), null);
    const cache = JSON.stringify({ RefreshToken: { k: { secret: 'refresh-token-value-123' } } });
    await store.save(cache);
    assert.equal(await tokenCacheStoreFor(MAILBOX, h.env).load(), cache);
    const raw = JSON.stringify(await h.db.models.LoggingSetup.findOne({ mailbox: MAILBOX }).lean());
    assert.ok(!raw.includes('refresh-token-value-123'), 'the refresh token is not readable in the database');
    assert.match((await h.setup()).tokenCacheSealed!, /^v1\./);
  });

  it('a running job never overwrites the cache "Renew token" stored after it loaded (compare-and-set)', async () => {
    const job = tokenCacheStoreFor(MAILBOX, h.env);
    await job.load();
    const renewed = JSON.stringify({ Account: { k: { username: 'new.job@contoso.example' } } });
    await h.deps.setups.replaceTokenCache(MAILBOX, h.secrets.seal(renewed));
    await job.save(JSON.stringify({ Account: { k: { username: 'old.job@contoso.example' } } }));
    assert.equal(await tokenCacheStoreFor(MAILBOX, h.env).load(), renewed, 'the new sign-in wins');

    // A store that loaded the new version saves over it, and again after its own save.
    const next = tokenCacheStoreFor(MAILBOX, h.env);
    await next.load();
    await next.save('{"v":1}');
    await next.save('{"v":2}');
    assert.equal(await tokenCacheStoreFor(MAILBOX, h.env).load(), '{"v":2}');
  });
});

describe('delegated auth: the job uses the account the consent flow signed in', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('delegatedacct');
  const ANNA = {
    username: 'anna.job@contoso.example',
    oid: '0a1b2c3d-0000-4000-8000-00000000000a',
    name: 'Anna',
  };
  const BO = { username: 'bo.job@contoso.example', oid: '0a1b2c3d-0000-4000-8000-00000000000b', name: 'Bo' };
  const redirectUri = 'https://interlog.example/api/v1/logging/consent/callback';
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn, {
      emulator: { users: [ANNA, BO], enforceLimits: false },
      setup: { authMode: 'delegated' },
    });
  });
  after(() => h?.close());

  /** Signs `username` in through the emulator's authorize endpoint into `store` (MSAL adds the account). */
  async function signIn(store: ReturnType<typeof createMemoryCacheStore>, username: string) {
    const auth = delegatedSignInFor(await h.setup(), h.env, store);
    const { url, codeVerifier } = await auth.getAuthCodeUrl({ redirectUri, state: 's', loginHint: username });
    const res = await fetch(url, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    return auth.acquireTokenByCode({ code, redirectUri, codeVerifier });
  }

  const readInboxAs = async () => {
    h.emu.stats.reset();
    await mailSourceForSetup(await h.setup(), h.env).listInbox({ receivedFrom: null, pageSize: 1 });
    return Object.keys(h.emu.stats.byPrincipal);
  };

  it('picks delegatedAccount.homeAccountId from a cache holding two accounts', async () => {
    const store = createMemoryCacheStore();
    const anna = await signIn(store, ANNA.username);
    const bo = await signIn(store, BO.username);
    assert.notEqual(anna.homeAccountId, bo.homeAccountId);
    const account = (a: typeof anna) => ({
      homeAccountId: a.homeAccountId,
      username: a.username,
      consentedAt: new Date(),
      consentedBy: 'annette.admin@contoso.example',
    });
    await h.env.setups.upsert(MAILBOX, {
      tokenCacheSealed: h.secrets.seal(store.value!),
      delegatedAccount: account(anna),
    });
    assert.deepEqual(await readInboxAs(), [`user:${ANNA.username}`]);
    await h.env.setups.upsert(MAILBOX, { delegatedAccount: account(bo) });
    assert.deepEqual(await readInboxAs(), [`user:${BO.username}`]);

    // Without the account named, MSAL cannot choose between two: the admin is asked to sign in again.
    await h.env.setups.upsert(MAILBOX, { delegatedAccount: null });
    await assert.rejects(readInboxAs(), (err: unknown) => {
      assert.ok(err instanceof MailSourceError);
      assert.equal(err.code, 'auth_failed');
      return true;
    });
  });

  it('refuses to build a sign-in for an app-only setup', async () => {
    const setup = { ...(await h.setup()), authMode: 'app' as const };
    assert.throws(() => delegatedSignInFor(setup, h.env, createMemoryCacheStore()), MailSourceError);
  });
});

// Delegated sign-in of the job account through the API: POST .../consent, the emulator's authorize endpoint as a
// browser walks it, and the callback, with the real MSAL Node, database and (emulated) Entra ID. The admin's
// browser is a cookie jar: the start's HttpOnly cookie must come back with the callback.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { DEFAULT_CLIENT, startGraphEmulator } from '../../../../scripts/graph-emulator/index.js';
import { consentCookieName } from '../../../../server/services/loggingConsent.js';
import type { GraphEmulator } from '../../../../scripts/graph-emulator/types.js';
import { useTestDatabase } from '../../../support/db.js';
import { ADMIN_EMAIL, startApiHarness, type ApiHarness } from '../apiHarness.js';

const MAILBOX = 'crm-log@contoso.example';
const APP_MAILBOX = 'app-log@contoso.example';
const BARE_MAILBOX = 'bare-log@contoso.example';
const JOB = {
  username: 'crm-job@contoso.example',
  oid: '5d9b7c1e-0000-4000-8000-0000000000a1',
  name: 'CRM job',
};
const JOB2 = {
  username: 'crm-job2@contoso.example',
  oid: '5d9b7c1e-0000-4000-8000-0000000000a2',
  name: 'Job 2',
};
const CALLBACK = '/api/v1/logging/consent/callback';
const REDIRECT_URI = `https://localhost:3000${CALLBACK}`; // the harness's PUBLIC_URL

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('base64url');

describe('delegated sign-in of the job account: consent start, callback, replay, expiry, IdP errors', function () {
  this.timeout(90_000);
  const tdb = useTestDatabase('consent');
  let h: ApiHarness;
  let emu: GraphEmulator;
  /** Everything the API answered, to search for secrets at the end. */
  const seen: string[] = [];
  /** Values that must never appear in an answer or a log line. */
  const secrets = new Set<string>([DEFAULT_CLIENT.clientSecret!]);
  /** States: the start's answer hands them to the browser, but no log line may hold one. */
  const states = new Set<string>();
  /** The admin's browser: cookies the API set (name -> value), as a browser keeps them. */
  const jar = new Map<string, string>();
  const setCookies: string[] = [];
  function keepCookies(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      setCookies.push(line);
      const [pair] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (/Max-Age=0(;|$)/.test(line)) jar.delete(name);
      else jar.set(name, value);
      if (value) secrets.add(value);
    }
  }
  const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  before(async () => {
    emu = await startGraphEmulator({ enforceLimits: false, users: [JOB, JOB2] });
    for (const address of [MAILBOX, APP_MAILBOX, BARE_MAILBOX]) emu.addMailbox({ address });
    h = await startApiHarness(tdb().conn, {
      sourceEnv: { graphBaseUrl: emu.baseUrl, authorityHost: emu.baseUrl },
    });
    const registration = {
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
    };
    await put(MAILBOX, { ...registration, authMode: 'delegated', jobAccount: JOB.username });
    await put(APP_MAILBOX, { ...registration, authMode: 'app' });
    await put(BARE_MAILBOX, { authMode: 'delegated', tenantId: emu.tenantId, jobAccount: JOB.username });
  });
  after(async () => {
    await h?.close();
    await emu?.close();
  });

  async function put(mailbox: string, body: object) {
    const r = await h.request('PUT', `/api/v1/logging/setups/${mailbox}`, { token: 'admin', body });
    assert.ok(r.status === 200 || r.status === 201, r.text);
    seen.push(r.text);
    return r.json;
  }

  async function start(mailbox: string, token = 'admin', body?: object) {
    const r = await h.request('POST', `/api/v1/logging/setups/${mailbox}/consent`, { token, body });
    seen.push(r.text);
    keepCookies(r.headers);
    return r;
  }

  /** The authorize URL as the browser follows it: the emulator redirects to our callback with code and state. */
  async function authorize(url: string): Promise<URL> {
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302, await res.text());
    const back = new URL(res.headers.get('location')!);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    secrets.add(back.searchParams.get('code')!);
    states.add(back.searchParams.get('state')!);
    return back;
  }

  /** The callback as the browser calls it (another browser: other cookies); the redirect is not followed. */
  async function callback(query: string, cookies = jar): Promise<{ status: number; location: URL }> {
    const res = await fetch(`${h.url}${CALLBACK}${query}`, {
      redirect: 'manual',
      headers: cookies.size > 0 ? { cookie: cookieHeader(cookies) } : {},
    });
    const text = await res.text();
    seen.push(text);
    if (cookies === jar) keepCookies(res.headers);
    assert.equal(res.status, 303, text);
    const location = res.headers.get('location')!;
    assert.ok(location.startsWith('/admin'), location);
    return { status: res.status, location: new URL(location, 'https://console.invalid') };
  }

  /** The console's view of the outcome: the hash's query. */
  const outcome = (location: URL) => new URLSearchParams(location.hash.split('?')[1] ?? '');

  const storedSetup = (mailbox = MAILBOX) => h.raw('loggingSetups').findOne({ mailbox });

  it('starts only for admins, only for delegated setups with a credential', async () => {
    assert.equal((await start(MAILBOX, 'salesperson')).status, 403);
    const anonymous = await h.request('POST', `/api/v1/logging/setups/${MAILBOX}/consent`);
    assert.equal(anonymous.status, 401);
    const app = await start(APP_MAILBOX);
    assert.deepEqual([app.status, app.json.code], [409, 'consent_not_delegated'], app.text);
    const bare = await start(BARE_MAILBOX);
    assert.deepEqual([bare.status, bare.json.code], [409, 'consent_no_credential'], bare.text);
    await put(MAILBOX, { jobAccount: null });
    const unnamed = await start(MAILBOX);
    assert.deepEqual([unnamed.status, unnamed.json.code], [409, 'consent_no_job_account'], unnamed.text);
    await put(MAILBOX, { jobAccount: JOB.username });
    const missing = await start('nobody-here@contoso.example');
    assert.deepEqual([missing.status, missing.json.code], [404, 'not_found']);
    const unknownKey = await start(MAILBOX, 'admin', { returnTo: 'logging', next: 'https://evil.example' });
    assert.equal(unknownKey.status, 400);
    assert.equal(await h.raw('consentRequests').countDocuments(), 0, 'nothing stored for a refused start');
    assert.equal(jar.size, 0, 'and no cookie set');
  });

  it('signs the job account in: the setup gets the account and a sealed cache, the console an ok', async () => {
    const r = await start(MAILBOX, 'admin', { returnTo: 'wizard', keep: { lang: 'da' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const url = new URL(r.json.url);
    assert.equal(url.origin, emu.baseUrl);
    assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URI);
    assert.equal(url.searchParams.get('login_hint'), JOB.username);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    const state = url.searchParams.get('state')!;
    assert.ok(state.length >= 43, 'at least 256 random bits');
    const cookie = r.headers.getSetCookie()[0] ?? '';
    assert.match(
      cookie,
      new RegExp(
        `^${consentCookieName(state)}=[\\w-]{43}; Max-Age=600; Path=/; HttpOnly; Secure; SameSite=Lax$`,
      ),
    );

    const pending = await h.raw('consentRequests').findOne({});
    assert.equal(pending?._id, sha256(state), 'only the hash of the state is stored');
    assert.ok(!JSON.stringify(pending).includes(state));
    const verifier = h.secrets.open(pending!.codeVerifierSealed);
    secrets.add(verifier);
    assert.ok(!r.text.includes(verifier), 'the PKCE verifier stays on the server');

    const back = await authorize(r.json.url);
    const { location } = await callback(back.search);
    assert.equal(jar.size, 0, 'the callback removed its cookie');
    assert.equal(location.pathname, '/admin');
    assert.equal(location.search, '?lang=da');
    assert.equal(location.hash.split('?')[0], '#/wizard');
    assert.deepEqual(Object.fromEntries(outcome(location)), { mailbox: MAILBOX, consent: 'ok' });

    const setup = await storedSetup();
    assert.equal(setup?.delegatedAccount.username, JOB.username);
    assert.ok(setup?.delegatedAccount.homeAccountId.includes(JOB.oid));
    assert.equal(setup?.delegatedAccount.consentedBy, ADMIN_EMAIL);
    assert.deepEqual([setup?.consentGiven, setup?.jobAccount], [true, JOB.username]);
    assert.match(setup?.tokenCacheSealed, /^v1\./);
    const cache = JSON.parse(h.secrets.open(setup!.tokenCacheSealed));
    for (const kind of ['RefreshToken', 'AccessToken', 'IdToken'])
      for (const entry of Object.values(cache[kind] ?? {}) as { secret: string }[]) secrets.add(entry.secret);
    assert.equal(Object.keys(cache.RefreshToken).length, 1);
    assert.equal(await h.raw('consentRequests').countDocuments(), 0, 'the request was used up');

    const view = await h.request('GET', `/api/v1/logging/setups/${MAILBOX}`, { token: 'admin' });
    seen.push(view.text);
    assert.deepEqual(
      { ...view.json.delegatedAccount, consentedAt: typeof view.json.delegatedAccount.consentedAt },
      { username: JOB.username, consentedBy: ADMIN_EMAIL, consentedAt: 'string' },
    );
    assert.equal(view.json.tokenCache, 'set');
    assert.ok(!view.text.includes(setup!.delegatedAccount.homeAccountId), 'MSAL ids stay on the server');

    // The loop's token is now the job account's: Validate reads the mailbox as that user.
    emu.stats.reset();
    const valid = await h.request('POST', `/api/v1/logging/setups/${MAILBOX}/validate`, { token: 'admin' });
    assert.equal(valid.json.ok, true, valid.text);
    assert.deepEqual(Object.keys(emu.stats.byPrincipal), [`user:${JOB.username}`]);

    // Replayed (the browser's Back button, or someone who saw the URL): refused, nothing changes.
    const replay = await callback(back.search);
    assert.deepEqual(Object.fromEntries(outcome(replay.location)), {
      consent: 'error',
      code: 'consent_state_invalid',
    });
    assert.deepEqual((await storedSetup())?.delegatedAccount, setup?.delegatedAccount);
  });

  it('lets exactly one of two simultaneous callbacks with the same state through', async () => {
    const back = await authorize((await start(MAILBOX)).json.url);
    const both = await Promise.all([callback(back.search), callback(back.search)]);
    const outcomes = both.map((b) => outcome(b.location).get('code') ?? outcome(b.location).get('consent'));
    // The loser is refused for its state, before its code is ever sent to Entra ID.
    assert.deepEqual(outcomes.sort(), ['consent_state_invalid', 'ok']);
  });

  it('refuses an expired sign-in and removes it', async () => {
    const state = 'expired-state-0123456789-abcdefghijklmnopqrstuvw';
    const now = Date.now();
    await h.raw('consentRequests').insertOne({
      _id: sha256(state),
      mailbox: MAILBOX,
      codeVerifierSealed: h.secrets.seal('v'.repeat(43)),
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      requestedBy: 't:o',
      requestedByEmail: ADMIN_EMAIL,
      browserNonceHash: sha256('expired-nonce'),
      expectedAccount: JOB.username,
      returnTo: 'logging',
      keep: { lang: null, devUser: null },
      createdAt: new Date(now - 11 * 60_000),
      expiresAt: new Date(now - 60_000),
    } as never);
    const before = await storedSetup();
    const { location } = await callback(
      `?code=some-code&state=${state}`,
      new Map([[consentCookieName(state), 'expired-nonce']]),
    );
    assert.deepEqual(Object.fromEntries(outcome(location)), {
      mailbox: MAILBOX,
      consent: 'error',
      code: 'consent_expired',
    });
    assert.equal(location.hash.split('?')[0], '#/logging');
    assert.equal(await h.raw('consentRequests').countDocuments(), 0);
    assert.deepEqual((await storedSetup())?.tokenCacheSealed, before?.tokenCacheSealed);
  });

  it('reports a declined sign-in (Cancel on the account picker) and stores nothing', async () => {
    // Without the login hint the emulator shows its account picker (as Entra ID does for "another account").
    await put(BARE_MAILBOX, { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret });
    const r = await start(BARE_MAILBOX, 'admin', { keep: { devUser: ADMIN_EMAIL } });
    assert.equal(r.status, 200, r.text);
    const url = new URL(r.json.url);
    url.searchParams.delete('login_hint');
    const picker = await (await fetch(url)).text();
    const cancel = /<a href="([^"]+)">Cancel<\/a>/.exec(picker)?.[1]?.replaceAll('&#38;', '&');
    assert.ok(cancel, picker);
    const { location } = await callback(new URL(cancel).search);
    assert.equal(location.search, `?devUser=${encodeURIComponent(ADMIN_EMAIL)}`);
    assert.deepEqual(Object.fromEntries(outcome(location)), {
      mailbox: BARE_MAILBOX,
      consent: 'error',
      code: 'consent_denied',
      aadsts: '65004',
    });
    const setup = await storedSetup(BARE_MAILBOX);
    assert.deepEqual([setup?.delegatedAccount, setup?.tokenCacheSealed], [null, null]);

    const other = await callback(
      `?error=server_error&error_description=${encodeURIComponent('AADSTS50000: boom')}&state=none`,
    );
    assert.deepEqual(outcome(other.location).get('code'), 'consent_state_invalid');
    assert.deepEqual(
      (await callback('')).location.hash,
      '#/logging?consent=error&code=consent_state_invalid',
    );
  });

  it('refuses a code that cannot be redeemed, and a setup that changed during the sign-in', async () => {
    const r = await start(MAILBOX);
    const state = new URL(r.json.url).searchParams.get('state')!;
    const bad = await callback(`?code=0.Anot-a-code&state=${state}`);
    assert.equal(outcome(bad.location).get('code'), 'consent_failed');
    assert.equal(outcome(bad.location).get('aadsts'), '70008');

    const back = await authorize((await start(MAILBOX)).json.url);
    await put(MAILBOX, { authMode: 'app' });
    const changed = await callback(back.search);
    assert.equal(outcome(changed.location).get('code'), 'consent_setup_changed');
    const setup = await storedSetup();
    assert.deepEqual(
      [setup?.delegatedAccount, setup?.tokenCacheSealed],
      [null, null],
      'mode change signs out',
    );
    await put(MAILBOX, { authMode: 'delegated' });
  });

  it('Renew token: a new sign-in replaces the cached account; resending the same credential keeps it', async () => {
    await put(MAILBOX, { jobAccount: JOB.username });
    await callback((await authorize((await start(MAILBOX)).json.url)).search);
    assert.equal((await storedSetup())?.delegatedAccount.username, JOB.username);
    await put(MAILBOX, { jobAccount: JOB2.username }); // the login hint of the next sign-in
    await callback((await authorize((await start(MAILBOX)).json.url)).search);
    const setup = await storedSetup();
    assert.equal(setup?.delegatedAccount.username, JOB2.username);
    const cache = JSON.parse(h.secrets.open(setup!.tokenCacheSealed));
    const accounts = Object.values(cache.Account) as { username: string }[];
    assert.deepEqual(
      accounts.map((a) => a.username),
      [JOB2.username],
      'only the new account is cached',
    );
    emu.stats.reset();
    const valid = await h.request('POST', `/api/v1/logging/setups/${MAILBOX}/validate`, { token: 'admin' });
    assert.equal(valid.json.ok, true, valid.text);
    assert.deepEqual(Object.keys(emu.stats.byPrincipal), [`user:${JOB2.username}`]);

    // The wizard saves its whole connection form on every check: the same values are no change.
    const same = await put(MAILBOX, {
      authMode: 'delegated',
      tenantId: emu.tenantId,
      clientId: DEFAULT_CLIENT.clientId,
      clientSecret: DEFAULT_CLIENT.clientSecret,
      certificateThumbprint: null,
      certificateKey: null,
    });
    assert.deepEqual([same.delegatedAccount?.username, same.tokenCache], [JOB2.username, 'set']);
    const changed = await put(MAILBOX, { clientSecret: 'another-secret' });
    assert.deepEqual(
      [changed.delegatedAccount, changed.tokenCache, changed.consentGiven],
      [null, 'not set', false],
    );
  });

  it('refuses a callback from a browser without the sign-in cookie, or with another one; the admin can still finish', async () => {
    await put(MAILBOX, { jobAccount: JOB.username, clientSecret: DEFAULT_CLIENT.clientSecret });
    const before = await storedSetup();
    const back = await authorize((await start(MAILBOX)).json.url);
    const name = consentCookieName(back.searchParams.get('state')!);
    for (const cookies of [new Map<string, string>(), new Map([[name, 'A'.repeat(43)]])]) {
      const { location } = await callback(back.search, cookies);
      assert.deepEqual(Object.fromEntries(outcome(location)), {
        mailbox: MAILBOX,
        consent: 'error',
        code: 'consent_other_browser',
      });
    }
    assert.deepEqual((await storedSetup())?.tokenCacheSealed, before?.tokenCacheSealed, 'nothing stored');
    const own = await callback(back.search);
    assert.equal(outcome(own.location).get('consent'), 'ok', 'the refusals did not use the sign-in up');
    assert.ok(h.logs.some((l) => l.includes('consent callback from another browser')));
  });

  it('refuses a sign-in by another account than the job account named, and stores nothing', async () => {
    await put(MAILBOX, { jobAccount: JOB.username });
    const before = await storedSetup();
    const url = new URL((await start(MAILBOX)).json.url);
    url.searchParams.set('login_hint', JOB2.username); // someone picks their own account on Microsoft's page
    const { location } = await callback((await authorize(url.href)).search);
    assert.deepEqual(Object.fromEntries(outcome(location)), {
      mailbox: MAILBOX,
      consent: 'error',
      code: 'consent_wrong_account',
    });
    const after = await storedSetup();
    assert.deepEqual(
      [after?.delegatedAccount, after?.tokenCacheSealed, after?.jobAccount],
      [before?.delegatedAccount, before?.tokenCacheSealed, JOB.username],
    );
  });

  it('never shows or logs the code, state, verifier, tokens or client secret', async () => {
    assert.ok(secrets.size >= 8 && states.size >= 5, `collected ${secrets.size} secrets`);
    assert.ok(setCookies.length >= 5);
    const logs = h.logs.join('\n');
    assert.match(
      logs,
      /"path":"[^"]*\/consent\/callback"/,
      'the callback request is logged, without its query',
    );
    for (const secret of secrets) {
      assert.ok(!logs.includes(secret), `a log line holds ${secret.slice(0, 6)}…`);
      for (const text of seen) assert.ok(!text.includes(secret), `an answer holds ${secret.slice(0, 6)}…`);
    }
    for (const state of states) assert.ok(!logs.includes(state), 'a log line holds a state');
  });
});

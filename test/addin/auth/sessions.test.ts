import assert from 'node:assert/strict';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { createDevSession } from '../../../addin/auth/dev-session.js';
import { decodeDialogAnswer, encodeDialogAnswer } from '../../../addin/auth/dialog-protocol.js';
import { createEntraSession } from '../../../addin/auth/entra-session.js';
import { SignInCancelledError, SignInRequiredError } from '../../../addin/auth/session.js';
import { ScriptedOfficeHost } from '../../../addin/office/scripted-host.js';

describe('addin/auth/dev-session', () => {
  it('keeps a dev token until shortly before it expires, then fetches a new one', async () => {
    let now = 0;
    let minted = 0;
    const session = createDevSession({
      email: 'jo@contoso.com',
      now: () => now,
      fetchToken: async (email) => ({ access_token: `${email}#${++minted}`, expires_in: 600 }),
    });
    assert.equal(await session.getAccessToken(), 'jo@contoso.com#1');
    now = 7 * 60_000;
    assert.equal(await session.getAccessToken(), 'jo@contoso.com#1');
    now = 9 * 60_000; // inside the renewal margin
    assert.equal(await session.getAccessToken(), 'jo@contoso.com#2');
    assert.equal(await session.getAccessToken({ forceRefresh: true }), 'jo@contoso.com#3');
  });

  it('shares one token request among calls that start together, and asks again after a failure', async () => {
    let minted = 0;
    let fail = true;
    const session = createDevSession({
      email: 'jo@contoso.com',
      now: () => 0,
      fetchToken: async (email) => {
        minted++;
        await new Promise((r) => setTimeout(r, 5));
        if (fail) throw new Error('offline');
        return { access_token: `${email}#${minted}` };
      },
    });
    const failed = await Promise.allSettled([session.getAccessToken(), session.getAccessToken()]);
    assert.deepEqual(
      failed.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(minted, 1, 'the pane start-up, /me and /lookup: one request');
    fail = false;
    assert.deepEqual(await Promise.all([session.getAccessToken(), session.getAccessToken()]), [
      'jo@contoso.com#2',
      'jo@contoso.com#2',
    ]);
  });

  it('needs a user address', async () => {
    const session = createDevSession({
      email: '',
      now: () => 0,
      fetchToken: async () => assert.fail('no call'),
    });
    await assert.rejects(session.getAccessToken(), SignInRequiredError);
  });
});

describe('addin/auth/dialog-protocol', () => {
  it('round-trips a token and turns anything malformed into an error answer', () => {
    assert.deepEqual(decodeDialogAnswer(encodeDialogAnswer({ accessToken: 'a', expiresOn: 5 })), {
      accessToken: 'a',
      expiresOn: 5,
    });
    assert.deepEqual(decodeDialogAnswer('{"error":"user_cancelled"}'), { error: 'user_cancelled' });
    assert.deepEqual(decodeDialogAnswer('not json'), { error: 'malformed_answer' });
    assert.deepEqual(decodeDialogAnswer('{"accessToken":""}'), { error: 'malformed_answer' });
  });
});

/** Just enough of MSAL's PublicClientApplication: an account cache, silent from cache, a scripted popup. */
class FakePca {
  account: { username: string } | null = null;
  constructor(
    readonly kind: 'nested' | 'standard',
    private readonly popup: () => Promise<void>,
  ) {}
  getActiveAccount() {
    return this.account;
  }
  getAllAccounts() {
    return this.account ? [this.account] : [];
  }
  setActiveAccount(a: { username: string }) {
    this.account = a;
  }
  silentCalls = 0;
  async acquireTokenSilent() {
    this.silentCalls++;
    await new Promise((r) => setTimeout(r, 1));
    if (!this.account) throw Object.assign(new Error('no account'), { errorCode: 'no_account_error' });
    return { accessToken: `${this.kind}-silent`, account: this.account };
  }
  async acquireTokenPopup() {
    await this.popup();
    return { accessToken: `${this.kind}-popup`, account: { username: 'jo@contoso.com' } };
  }
}

function entra(options: {
  naa: boolean;
  popup?: () => Promise<void>;
  dialog?: (url: string) => Promise<string>;
}) {
  const host = new ScriptedOfficeHost({
    userEmail: 'jo@contoso.com',
    supportedSets: options.naa ? ['NestedAppAuth 1.1'] : [],
    ...(options.dialog ? { dialog: options.dialog } : {}),
  });
  const made: FakePca[] = [];
  const make = (kind: 'nested' | 'standard') => async () => {
    const pca = new FakePca(kind, options.popup ?? (async () => {}));
    made.push(pca);
    return pca as unknown as IPublicClientApplication;
  };
  const session = createEntraSession({
    settings: { clientId: 'client', apiScope: 'api://client/access_as_user' },
    host,
    origin: 'https://localhost:3000',
    now: () => 0,
    loadMsal: async () => ({
      createNestablePublicClientApplication: make('nested'),
      createStandardPublicClientApplication: make('standard'),
    }),
  });
  return { session, made };
}

const msalError = (errorCode: string) => Object.assign(new Error(errorCode), { errorCode });

describe('addin/auth/entra-session', () => {
  it('uses Nested App Authentication where Outlook supports it', async () => {
    const { session } = entra({ naa: true });
    await session.signIn();
    assert.equal(await session.getAccessToken(), 'nested-silent');
  });

  it('shares one silent request among calls that start together (start-up, /me, /lookup)', async () => {
    const { session, made } = entra({ naa: true });
    await session.signIn();
    const before = made[0]!.silentCalls;
    assert.deepEqual(await Promise.all([session.getAccessToken(), session.getAccessToken()]), [
      'nested-silent',
      'nested-silent',
    ]);
    assert.equal(made[0]!.silentCalls - before, 1);
    await session.getAccessToken({ forceRefresh: true });
    assert.equal(made[0]!.silentCalls - before, 2, 'a refresh after a 401 asks again');
  });

  it('asks for sign-in when no token can be had silently, and is silent after the popup', async () => {
    const { session } = entra({ naa: false });
    await assert.rejects(session.getAccessToken(), SignInRequiredError);
    await session.signIn();
    assert.equal(await session.getAccessToken(), 'standard-silent');
  });

  it('falls back to the Office dialog when the popup cannot open', async () => {
    const opened: string[] = [];
    const { session } = entra({
      naa: false,
      popup: async () => {
        throw msalError('popup_window_error');
      },
      dialog: async (url) => {
        opened.push(url);
        return encodeDialogAnswer({ accessToken: 'from-dialog', expiresOn: 3_600_000 });
      },
    });
    await session.signIn();
    assert.deepEqual(opened, ['https://localhost:3000/auth-dialog.html']);
    assert.equal(await session.getAccessToken(), 'from-dialog');
  });

  it('reports a cancelled sign-in (popup closed, dialog closed or failed)', async () => {
    const cancelled = entra({ naa: true, popup: async () => Promise.reject(msalError('user_cancelled')) });
    await assert.rejects(cancelled.session.signIn(), SignInCancelledError);
    const closed = entra({
      naa: false,
      popup: async () => Promise.reject(msalError('popup_window_error')),
      dialog: async () => Promise.reject(new Error('12006')),
    });
    await assert.rejects(closed.session.signIn(), SignInCancelledError);
    const refused = entra({
      naa: false,
      popup: async () => Promise.reject(msalError('popup_window_error')),
      dialog: async () => encodeDialogAnswer({ error: 'access_denied' }),
    });
    await assert.rejects(refused.session.signIn(), SignInCancelledError);
  });
});

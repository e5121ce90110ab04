// Signs the job account of a delegated setup in (the wizard's "Sign in with the job account", the Email logging
// page's "Renew token"): MSAL Node's authorization-code flow with PKCE. `start` keeps the PKCE verifier (sealed)
// under the hash of a random single-use state; `complete` takes that request out exactly once, redeems the code
// into an empty token cache and stores the cache (sealed) with the signed-in account on the setup, replacing
// whatever account was signed in before. Codes, tokens and verifiers never leave this file except sealed.
// The state alone would let anyone who sees the authorize URL finish the sign-in with their own account, so
// the sign-in is also bound to the admin's browser (a nonce in an HttpOnly cookie the start sets, checked before
// the request is used) and to the job account the admin named (anyone else who signs in is refused).
import crypto from 'node:crypto';
import type { Caller } from '../http/auth/identity.js';
import { AppError } from '../http/problem.js';
import type { DelegatedSignIn } from '../mailsource/sourceForSetup.js';
import type { Logger } from '../logging/logger.js';
import type { TokenCacheStore } from '../mailsource/sourceForSetup.js';
import { createMemoryCacheStore } from '../mailsource/sourceForSetup.js';
import { MailSourceError } from '../mailsource/MailSource.js';
import type { ConsentRequest, ConsentRequestRepository } from '../repositories/consentRequests.js';
import type { LoggingSetup, LoggingSetupRepository } from '../repositories/loggingSetups.js';
import type { SecretBox } from '../security/secretBox.js';
import type {
  ConsentOutcomeCode,
  ConsentReturnPage,
  ConsentStartRequest,
} from '../../shared/api/loggingConsent.js';
import { refuse } from './errors.js';

/** Entra ID's own limit for an authorization code is 10 minutes; a sign-in left longer is started again. */
export const CONSENT_TTL_MS = 10 * 60_000;

/**
 * The browser cookie of one sign-in, named after its state's hash so two sign-ins in one browser do not
 * overwrite each other. `__Host-`: Secure, Path=/, no Domain, so no sibling host can set or read it.
 */
export function consentCookieName(state: string): string {
  return `__Host-interlog-consent-${hashState(state).slice(0, 16)}`;
}

/** The cookie's attributes: SameSite=Lax still sends it on Entra ID's top-level redirect back (a GET). */
export function consentCookie(name: string, value: string, maxAgeSec: number): string {
  return `${name}=${value}; Max-Age=${maxAgeSec}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

export interface LoggingConsentDeps {
  setups: LoggingSetupRepository;
  requests: ConsentRequestRepository;
  secrets: SecretBox;
  /** MSAL for a delegated setup with the given token cache (mailsource/sourceForSetup.ts delegatedSignInFor). */
  signInFor: (setup: LoggingSetup, cache: TokenCacheStore) => DelegatedSignIn;
  now: () => Date;
  /** The single-use state; 256 random bits unless a test fixes it. */
  newState?: () => string;
}

export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

export interface ConsentStart {
  url: string;
  expiresAt: Date;
  /** The Set-Cookie value binding this sign-in to the admin's browser. */
  cookie: string;
}

/** Where the browser goes back to, and what it finds there. */
export interface ConsentResult {
  mailbox: string | null;
  returnTo: ConsentReturnPage;
  keep: { lang: string | null; devUser: string | null };
  outcome: { ok: true; username: string } | { ok: false; code: ConsentOutcomeCode; aadsts: string | null };
  /** A Set-Cookie value that removes the sign-in's browser cookie, once the request was used. */
  clearCookie: string | null;
}

const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('base64url');

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Entra's error number (digits only, so it is safe in a URL and a log line), e.g. "65004". */
function aadstsOf(text: string | null | undefined): string | null {
  return /AADSTS(\d{1,9})/.exec(text ?? '')?.[1] ?? null;
}

function hasCredential(s: LoggingSetup): boolean {
  return !!s.clientSecretSealed || (!!s.certificateKeySealed && !!s.certificateThumbprint);
}

export class LoggingConsentService {
  constructor(private readonly d: LoggingConsentDeps) {}

  async start(
    mailbox: string,
    caller: Caller,
    req: ConsentStartRequest,
    redirectUri: string,
  ): Promise<ConsentStart> {
    const setup = await this.d.setups.get(mailbox);
    if (!setup) throw refuse.notFound('The logging setup');
    if (setup.authMode !== 'delegated') {
      throw new AppError(
        409,
        'consent_not_delegated',
        'The setup uses app-only access: only delegated access signs a job account in',
      );
    }
    if (!setup.tenantId || !setup.clientId || !hasCredential(setup)) {
      throw new AppError(
        409,
        'consent_no_credential',
        'Save the tenant id, client id and a client secret or certificate before signing the job account in',
      );
    }
    if (!setup.jobAccount) {
      throw new AppError(
        409,
        'consent_no_job_account',
        'Name the job account before signing it in: only that account may sign in',
      );
    }
    const state = this.d.newState?.() ?? crypto.randomBytes(32).toString('base64url');
    let started: { url: string; codeVerifier: string };
    try {
      started = await this.d
        .signInFor(setup, createMemoryCacheStore())
        .getAuthCodeUrl({ redirectUri, state, loginHint: setup.jobAccount ?? undefined });
    } catch (err) {
      if (!(err instanceof MailSourceError)) throw err;
      throw new AppError(502, 'consent_start_failed', err.message);
    }
    const now = this.d.now();
    const expiresAt = new Date(now.getTime() + CONSENT_TTL_MS);
    const nonce = crypto.randomBytes(32).toString('base64url');
    await this.d.requests.removeExpired(now); // FerretDB has no TTL monitor
    await this.d.requests.create({
      _id: hashState(state),
      mailbox,
      codeVerifierSealed: this.d.secrets.seal(started.codeVerifier),
      tenantId: setup.tenantId,
      clientId: setup.clientId,
      requestedBy: caller.userId,
      requestedByEmail: caller.email,
      browserNonceHash: hashState(nonce),
      expectedAccount: setup.jobAccount.toLowerCase(),
      returnTo: req.returnTo ?? 'logging',
      keep: { lang: req.keep?.lang ?? null, devUser: req.keep?.devUser ?? null },
      createdAt: now,
      expiresAt,
    });
    const cookie = consentCookie(consentCookieName(state), nonce, CONSENT_TTL_MS / 1000);
    return { url: started.url, expiresAt, cookie };
  }

  /**
   * Never throws for what Entra ID or a browser can send: every outcome becomes a result to redirect with.
   * `cookieOf` reads a cookie of the calling browser.
   */
  async complete(
    p: CallbackParams,
    cookieOf: (name: string) => string | null,
    redirectUri: string,
    log: Logger,
  ): Promise<ConsentResult> {
    const invalid = (code: ConsentOutcomeCode, clearCookie: string | null = null): ConsentResult => ({
      mailbox: null,
      returnTo: 'logging',
      keep: { lang: null, devUser: null },
      outcome: { ok: false, code, aadsts: null },
      clearCookie,
    });
    if (!p.state) return invalid('consent_state_invalid');
    const name = consentCookieName(p.state);
    const pending = await this.d.requests.peek(hashState(p.state));
    if (!pending) return invalid('consent_state_invalid');
    // Checked before the request is used: a stranger's callback neither completes nor spoils the admin's.
    const nonce = cookieOf(name);
    if (!nonce || !sameHash(hashState(nonce), pending.browserNonceHash)) {
      log.warn(
        { mailbox: pending.mailbox, cookie: nonce ? 'wrong' : 'none' },
        'consent callback from another browser',
      );
      // Back to the page the sign-in started from (nothing secret: whoever has the state knows which it is).
      return {
        mailbox: pending.mailbox,
        returnTo: pending.returnTo,
        keep: { lang: pending.keep?.lang ?? null, devUser: pending.keep?.devUser ?? null },
        outcome: { ok: false, code: 'consent_other_browser', aadsts: null },
        clearCookie: null,
      };
    }
    const request = await this.d.requests.take(hashState(p.state));
    const clearCookie = consentCookie(name, '', 0);
    if (!request) return invalid('consent_state_invalid', clearCookie);
    const result = (outcome: ConsentResult['outcome']): ConsentResult => ({
      mailbox: request.mailbox,
      returnTo: request.returnTo,
      keep: { lang: request.keep?.lang ?? null, devUser: request.keep?.devUser ?? null },
      outcome,
      clearCookie,
    });
    const failed = (code: ConsentOutcomeCode, aadsts: string | null = null) => {
      log.warn({ mailbox: request.mailbox, code, aadsts }, 'job account sign-in did not complete');
      return result({ ok: false, code, aadsts });
    };

    if (request.expiresAt.getTime() <= this.d.now().getTime()) return failed('consent_expired');
    if (p.error) {
      const aadsts = aadstsOf(p.error_description);
      // 65004: the user declined consent; access_denied is also what a cancelled sign-in answers.
      const denied = p.error === 'access_denied' || aadsts === '65004';
      return failed(denied ? 'consent_denied' : 'consent_idp_error', aadsts);
    }
    if (!p.code) return failed('consent_idp_error');
    const setup = await this.d.setups.get(request.mailbox);
    if (!setup || !this.sameRegistration(setup, request)) return failed('consent_setup_changed');

    // An empty cache: the new sign-in replaces the previous account instead of joining it.
    const cache = createMemoryCacheStore();
    let account: { homeAccountId: string; username: string };
    try {
      account = await this.d.signInFor(setup, cache).acquireTokenByCode({
        code: p.code,
        redirectUri,
        codeVerifier: this.d.secrets.open(request.codeVerifierSealed),
      });
    } catch (err) {
      if (!(err instanceof MailSourceError)) throw err;
      return failed('consent_failed', aadstsOf(err.providerCode) ?? aadstsOf(err.message));
    }
    if (!cache.value) return failed('consent_failed');
    // The redeemed tokens are thrown away with the cache: they are not the account the admin named.
    const accountTenant = account.homeAccountId.split('.')[1]?.toLowerCase();
    if (
      account.username.toLowerCase() !== request.expectedAccount ||
      accountTenant !== setup.tenantId?.toLowerCase()
    ) {
      log.warn(
        { mailbox: request.mailbox, expected: request.expectedAccount, username: account.username },
        'job account sign-in refused: another account signed in',
      );
      return failed('consent_wrong_account');
    }
    // Whatever version a running job loaded, this sign-in wins (its save after this one is refused).
    await this.d.setups.replaceTokenCache(request.mailbox, this.d.secrets.seal(cache.value), {
      delegatedAccount: {
        homeAccountId: account.homeAccountId,
        username: account.username,
        consentedAt: this.d.now(),
        consentedBy: request.requestedByEmail ?? request.requestedBy,
      },
      consentGiven: true,
      // Business Central's "Renew token" reassigns the job's user to whoever signed in.
      jobAccount: account.username.toLowerCase(),
    });
    log.info({ mailbox: request.mailbox, username: account.username }, 'job account signed in');
    return result({ ok: true, username: account.username });
  }

  private sameRegistration(setup: LoggingSetup, request: ConsentRequest): boolean {
    return (
      setup.authMode === 'delegated' &&
      setup.tenantId === request.tenantId &&
      setup.clientId === request.clientId &&
      hasCredential(setup)
    );
  }
}

// Signs the job account of a delegated setup in (the wizard's "Sign in with the job account", the Email logging
// page's "Renew token"): MSAL Node's authorization-code flow with PKCE. `start` keeps the PKCE verifier (sealed)
// under the hash of a random single-use state; `complete` takes that request out exactly once, redeems the code
// into an empty token cache and stores the cache (sealed) with the signed-in account on the setup, replacing
// whatever account was signed in before. Codes, tokens and verifiers never leave this file except sealed.
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

/** Where the browser goes back to, and what it finds there. */
export interface ConsentResult {
  mailbox: string | null;
  returnTo: ConsentReturnPage;
  keep: { lang: string | null; devUser: string | null };
  outcome: { ok: true; username: string } | { ok: false; code: ConsentOutcomeCode; aadsts: string | null };
}

const hashState = (state: string) => crypto.createHash('sha256').update(state).digest('base64url');

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
  ): Promise<{ url: string; expiresAt: Date }> {
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
    await this.d.requests.removeExpired(now); // FerretDB has no TTL monitor
    await this.d.requests.create({
      _id: hashState(state),
      mailbox,
      codeVerifierSealed: this.d.secrets.seal(started.codeVerifier),
      tenantId: setup.tenantId,
      clientId: setup.clientId,
      requestedBy: caller.userId,
      requestedByEmail: caller.email,
      returnTo: req.returnTo ?? 'logging',
      keep: { lang: req.keep?.lang ?? null, devUser: req.keep?.devUser ?? null },
      createdAt: now,
      expiresAt,
    });
    return { url: started.url, expiresAt };
  }

  /** Never throws for what Entra ID or a browser can send: every outcome becomes a result to redirect with. */
  async complete(p: CallbackParams, redirectUri: string, log: Logger): Promise<ConsentResult> {
    const request = p.state ? await this.d.requests.take(hashState(p.state)) : null;
    if (!request) {
      return {
        mailbox: null,
        returnTo: 'logging',
        keep: { lang: null, devUser: null },
        outcome: { ok: false, code: 'consent_state_invalid', aadsts: null },
      };
    }
    const result = (outcome: ConsentResult['outcome']): ConsentResult => ({
      mailbox: request.mailbox,
      returnTo: request.returnTo,
      keep: { lang: request.keep?.lang ?? null, devUser: request.keep?.devUser ?? null },
      outcome,
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

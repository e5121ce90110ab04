// An AuthSession hands the API client bearer tokens. Silent by default; when it cannot be silent it throws
// SignInRequiredError and the pane shows a "Sign in" button whose click calls signIn() (popups need a gesture).

export interface AuthSession {
  readonly mode: 'entra' | 'dev';
  /** A token without any UI; throws SignInRequiredError when the user has to act. */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Interactive sign-in; call from a click handler. Throws SignInCancelledError when the user gave up. */
  signIn(): Promise<void>;
}

export class SignInRequiredError extends Error {
  constructor(override readonly cause?: unknown) {
    super('Sign-in required');
    this.name = 'SignInRequiredError';
  }
}

export class SignInCancelledError extends Error {
  constructor(override readonly cause?: unknown) {
    super('Sign-in was cancelled');
    this.name = 'SignInCancelledError';
  }
}

/** A token kept until shortly before it expires. `now` is injected (milliseconds since the epoch). */
export class TokenCache {
  private token: string | null = null;
  private expiresAt = 0;

  constructor(
    private readonly now: () => number,
    /** Renew this long before expiry, so a token never expires in flight. */
    private readonly marginMs = 2 * 60_000,
  ) {}

  get(): string | null {
    return this.token !== null && this.now() < this.expiresAt - this.marginMs ? this.token : null;
  }

  set(token: string, expiresAtMs: number): void {
    this.token = token;
    this.expiresAt = expiresAtMs;
  }

  clear(): void {
    this.token = null;
    this.expiresAt = 0;
  }
}

// Errors the API client raises. Components branch on `code` (stable, from problem+json) or the class, never on
// message text.
// No zod here (types only): the pane's first render carries this file, and the schemas come with the contract.
import type { Problem, ProblemFieldError } from '../../shared/api/problem.js';
import type { z } from 'zod/mini';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's `code`; `invalid_response` when the server's answer broke the contract. */
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly fieldErrors: z.infer<typeof ProblemFieldError>[] = [],
  ) {
    super(`${status} ${code}: ${title}`);
    this.name = 'ApiError';
  }
}

/**
 * Whether trying again can help: no answer at all, a timeout, throttling or a server error. A refusal (400-422:
 * the request itself is wrong, or not allowed) answers the same way again, so it gets no Retry button.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof ApiError) return error.status >= 500 || [401, 408, 429].includes(error.status); // 401: a new token may do
  return true; // an unexpected failure in the pane: trying again is the only thing a user can do
}

/** The request never got an HTTP answer (offline, DNS, TLS, timeout). Safe to retry reads. */
export class NetworkError extends Error {
  constructor(override readonly cause: unknown) {
    super('The server could not be reached');
    this.name = 'NetworkError';
  }
}

/** Builds an ApiError from a non-2xx response body (problem+json, or anything else the path produced), read with
 *  the contract's `Problem` schema. */
export function apiErrorFromBody(status: number, body: unknown, problem: typeof Problem): ApiError {
  const parsed = problem.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    return new ApiError(status, p.code, p.title, p.detail, p.errors ?? []);
  }
  return new ApiError(status, status === 401 ? 'unauthenticated' : `http_${status}`, `HTTP ${status}`);
}

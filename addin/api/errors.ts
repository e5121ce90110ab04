// Errors the API client raises. Components branch on `code` (stable, from problem+json) or the class, never on
// message text.
import { Problem, type ProblemFieldError } from '../../shared/api/problem.js';
import type { z } from 'zod';

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

/** The request never got an HTTP answer (offline, DNS, TLS, timeout). Safe to retry reads. */
export class NetworkError extends Error {
  constructor(override readonly cause: unknown) {
    super('The server could not be reached');
    this.name = 'NetworkError';
  }
}

/** Builds an ApiError from a non-2xx response body (problem+json, or anything else the path produced). */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  const parsed = Problem.safeParse(body);
  if (parsed.success) {
    const p = parsed.data;
    return new ApiError(status, p.code, p.title, p.detail, p.errors ?? []);
  }
  return new ApiError(status, status === 401 ? 'unauthenticated' : `http_${status}`, `HTTP ${status}`);
}

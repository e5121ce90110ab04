// Error bodies as Graph and Entra ID send them. Graph: {"error":{"code","message","innerError":{...}}} where
// callers branch on `code`; Entra: {"error","error_description":"AADSTSnnn: ...","error_codes":[n],...}.
import { randomUUID } from 'node:crypto';

/** A Graph error a handler throws; the pipeline turns it into the JSON body. */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

/** Graph's innerError date: ISO 8601 without milliseconds or zone, e.g. 2024-05-01T12:00:00. */
export function graphDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function graphErrorBody(
  code: string,
  message: string,
  ids: { requestId: string; clientRequestId: string },
  nowMs: number,
): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return {
    error: {
      code,
      message,
      innerError: {
        'request-id': ids.requestId,
        date: graphDate(nowMs),
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

export const notFoundItem = (): GraphHttpError =>
  new GraphHttpError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

export const badRequest = (message: string, code = 'BadRequest'): GraphHttpError =>
  new GraphHttpError(400, code, message);

/** An Entra ID (AADSTS) token-endpoint error, as a response status and JSON body. */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = 'EntraError';
  }

  body(nowMs: number, correlationId: string | undefined): Record<string, unknown> {
    const traceId = randomUUID();
    const correlation = correlationId ?? randomUUID();
    const timestamp = new Date(nowMs).toISOString().replace('T', ' ').slice(0, 19) + 'Z';
    return {
      error: this.error,
      error_description: `AADSTS${this.aadsts}: ${this.description} Trace ID: ${traceId} Correlation ID: ${correlation} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}

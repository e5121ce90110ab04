// A thin typed wrapper over the real Graph SDK client: every call names its exact URL, goes through our policy
// middleware, and fails only with a MailSourceError.
import {
  AuthenticationHandler,
  Client,
  GraphError,
  ResponseType,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { MailSourceError } from '../MailSource.js';
import { toMailSourceError } from './errorMapping.js';
import type { RequestWeight } from './mailboxLimiter.js';
import { GraphPolicyMiddleware, GraphRequestState, type PolicyDeps } from './policyMiddleware.js';

export const GRAPH_API_VERSION = 'v1.0';
/** Graph's limit on the parts of one JSON batch. */
export const GRAPH_BATCH_MAX_PARTS = 20;
/** Graph hands at most this many parts of a batch to Outlook at once; each holds a mailbox concurrency slot. */
export const GRAPH_BATCH_PARALLELISM = 4;

/** One part of a JSON batch; `url` is relative to the version (e.g. /users/{id}/messages/{id}/move). */
export interface GraphBatchPart {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphHttp {
  /** Base for building URLs, e.g. https://graph.microsoft.com/v1.0 */
  readonly apiRoot: string;
  /** `headers`: extra request headers (a Prefer value is merged with the immutable-id preference). */
  get(url: string, headers?: Record<string, string>): Promise<unknown>;
  /** A binary answer (an attachment's $value), whole. */
  getBytes(url: string): Promise<Buffer>;
  post(url: string, body: unknown): Promise<unknown>;
  patch(url: string, body: unknown): Promise<unknown>;
  delete(url: string): Promise<void>;
  /**
   * POSTs a JSON batch envelope through the same policy as any request (token, Prefer, retry of a throttled
   * envelope, timeout), weighed by its parts against the mailbox limits. Resolves with the envelope's body
   * (`{ responses }`): the parts' own statuses are the caller's to read.
   */
  batch(parts: GraphBatchPart[]): Promise<unknown>;
}

/** What a batch of `parts` parts costs: each part is a request, and up to GRAPH_BATCH_PARALLELISM run at once. */
export function batchWeight(parts: number): RequestWeight {
  return { slots: Math.min(parts, GRAPH_BATCH_PARALLELISM), tokens: parts };
}

/** Last link: the network call. `fetch` is injectable so the whole chain can be exercised without a network. */
class FetchHandler implements Middleware {
  constructor(private readonly fetchImpl: typeof fetch) {}
  async execute(context: Context): Promise<void> {
    context.response = await this.fetchImpl(context.request, context.options);
  }
}

export interface GraphHttpOptions extends PolicyDeps {
  graphBaseUrl: string;
  graphHostname: string;
  fetch?: typeof fetch;
}

export function createGraphHttp(opts: GraphHttpOptions): GraphHttp {
  const client = Client.initWithMiddleware({
    baseUrl: `${opts.graphBaseUrl}/`,
    defaultVersion: GRAPH_API_VERSION,
    // The SDK only attaches the bearer token to https URLs on these hostnames (compared without the port).
    customHosts: new Set([opts.graphHostname]),
    middleware: [
      new GraphPolicyMiddleware(opts),
      new AuthenticationHandler({ getAccessToken: () => opts.tokenProvider.getAccessToken() }),
      new FetchHandler(opts.fetch ?? globalThis.fetch),
    ],
  });

  async function send<T>(
    method: string,
    url: string,
    call: (req: ReturnType<Client['api']>) => Promise<T>,
    weight?: RequestWeight,
  ): Promise<T> {
    const state = new GraphRequestState(url, weight);
    try {
      return await call(client.api(url).middlewareOptions([state]));
    } catch (err) {
      if (state.failure) throw state.failure;
      throw fromSdkError(err, method, url);
    }
  }

  const apiRoot = `${opts.graphBaseUrl}/${GRAPH_API_VERSION}`;
  return {
    apiRoot,
    get: (url, headers) => send('GET', url, (req) => (headers ? req.headers(headers) : req).get()),
    getBytes: async (url) =>
      Buffer.from(
        await send(
          'GET',
          url,
          (req) => req.responseType(ResponseType.ARRAYBUFFER).get() as Promise<ArrayBuffer>,
        ),
      ),
    post: (url, body) => send('POST', url, (req) => req.post(body)),
    patch: (url, body) => send('PATCH', url, (req) => req.patch(body)),
    delete: async (url) => {
      await send('DELETE', url, (req) => req.delete());
    },
    batch: async (parts) => {
      if (parts.length < 1 || parts.length > GRAPH_BATCH_MAX_PARTS) {
        throw new RangeError(`a batch has 1 to ${GRAPH_BATCH_MAX_PARTS} parts: ${parts.length}`);
      }
      const url = `${apiRoot}/$batch`;
      return send('POST', url, (req) => req.post({ requests: parts }), batchWeight(parts.length));
    },
  };
}

/** Errors raised after our middleware returned (an unreadable 2xx body, a body read cut by the timeout). */
function fromSdkError(err: unknown, method: string, url: string): MailSourceError {
  if (err instanceof MailSourceError) return err;
  const path = new URL(url).pathname;
  if (err instanceof GraphError && err.statusCode >= 400) {
    return toMailSourceError({ status: err.statusCode, code: err.code, retryAfterMs: null, method, path });
  }
  return new MailSourceError('transient', `Graph response could not be read for ${path}.`);
}

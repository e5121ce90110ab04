// A thin typed wrapper over the real Graph SDK client: every call names its exact URL, goes through our policy
// middleware, and fails only with a MailSourceError.
import {
  AuthenticationHandler,
  Client,
  GraphError,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { MailSourceError } from '../MailSource.js';
import { toMailSourceError } from './errorMapping.js';
import { GraphPolicyMiddleware, GraphRequestState, type PolicyDeps } from './policyMiddleware.js';

export const GRAPH_API_VERSION = 'v1.0';

export interface GraphHttp {
  /** Base for building URLs, e.g. https://graph.microsoft.com/v1.0 */
  readonly apiRoot: string;
  get(url: string): Promise<unknown>;
  post(url: string, body: unknown): Promise<unknown>;
  delete(url: string): Promise<void>;
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
  ): Promise<T> {
    const state = new GraphRequestState(url);
    try {
      return await call(client.api(url).middlewareOptions([state]));
    } catch (err) {
      if (state.failure) throw state.failure;
      throw fromSdkError(err, method, url);
    }
  }

  return {
    apiRoot: `${opts.graphBaseUrl}/${GRAPH_API_VERSION}`,
    get: (url) => send('GET', url, (req) => req.get()),
    post: (url, body) => send('POST', url, (req) => req.post(body)),
    delete: async (url) => {
      await send('DELETE', url, (req) => req.delete());
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

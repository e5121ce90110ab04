// Confidential-client authentication at the token endpoint: client secret (form or HTTP Basic) or a
// certificate-signed client_assertion, failing with the AADSTS codes Entra ID uses.
import * as jose from 'jose';
import { EntraError } from './errors.js';
import type { ClientRegistration } from './types.js';

export interface ClientState {
  reg: ClientRegistration;
  secretRevoked: boolean;
  consented: boolean;
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function basicAuth(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const [id = '', secret = ''] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
  return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
}

async function checkAssertion(state: ClientState, assertion: string, tokenEndpoint: string, nowMs: number) {
  const id = state.reg.clientId;
  if (!state.reg.certificatePem) {
    throw new EntraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. No certificate is registered for app '${id}'.`,
    );
  }
  const alg = jose.decodeProtectedHeader(assertion).alg ?? 'RS256';
  const key = await jose.importX509(state.reg.certificatePem, alg);
  // Entra tolerates five minutes of clock skew (MSAL rounds its nbf up to the next second).
  try {
    await jose.jwtVerify(assertion, key, {
      audience: tokenEndpoint,
      issuer: id,
      subject: id,
      currentDate: new Date(nowMs),
      clockTolerance: 300,
    });
  } catch (e) {
    if (e instanceof jose.errors.JWTExpired) {
      throw new EntraError(
        401,
        'invalid_client',
        700024,
        'Client assertion is not within its valid time range.',
      );
    }
    throw new EntraError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. ${(e as Error).message}`,
    );
  }
}

/** The registered client the request authenticates as, or an EntraError. */
export async function authenticateClient(
  form: Record<string, string>,
  authorizationHeader: string | undefined,
  clients: Map<string, ClientState>,
  ctx: { tenantId: string; tokenEndpoint: string; nowMs: number },
): Promise<ClientState> {
  const basic = basicAuth(authorizationHeader);
  const clientId = form.client_id ?? basic?.id;
  if (!clientId) {
    throw new EntraError(
      400,
      'invalid_request',
      900144,
      "The request body must contain the following parameter: 'client_id'.",
    );
  }
  const state = clients.get(clientId);
  if (!state) {
    throw new EntraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${ctx.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  if (form.client_assertion) {
    if (form.client_assertion_type !== ASSERTION_TYPE) {
      throw new EntraError(400, 'invalid_request', 50027, 'Invalid client_assertion_type.');
    }
    await checkAssertion(state, form.client_assertion, ctx.tokenEndpoint, ctx.nowMs);
    return state;
  }
  const secret = form.client_secret ?? basic?.secret;
  if (!secret) {
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (state.secretRevoked || !state.reg.clientSecret || secret !== state.reg.clientSecret) {
    throw new EntraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  return state;
}

// The life of one Graph request (plain or a $batch part): faults, token check, mailbox resolution and access,
// per-app-per-mailbox limits, latency/hold, handler, then Graph's response headers and error body.
import { randomUUID } from 'node:crypto';
import { badRequest, graphErrorBody, GraphHttpError } from './errors.js';
import type { FaultInjector } from './faults.js';
import {
  json,
  wantsImmutableIds,
  type GraphRequest,
  type GraphResponse,
  type MailboxCall,
} from './graph-http.js';
import type { MailboxLimits } from './limits.js';
import { routeMailbox } from './mailbox-router.js';
import type { StatsRecorder } from './stats.js';
import type { MailStore, StoredMailbox } from './store.js';
import type { Principal, TokenService } from './tokens.js';
import type { DirectoryUserSeed, UserRegistration } from './types.js';
import { listDirectoryUsers } from './directory-users.js';

export interface PipelineDeps {
  store: MailStore;
  tokens: TokenService;
  limits: MailboxLimits;
  faults: FaultInjector;
  stats: StatsRecorder;
  users: UserRegistration[];
  /** The tenant's directory as GET /users lists it. */
  directory: DirectoryUserSeed[];
  baseUrl: () => string;
  now: () => number;
  latencyMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A pending promise while tests hold requests (holdRequests), else undefined. */
  gate: () => Promise<void> | undefined;
  /** /subscriptions (change notifications); not a mailbox request, so no mailbox limits. */
  subscriptions?: { handle(req: GraphRequest, principal: Principal): Promise<GraphResponse> };
}

/** A response plus the callback to run once it has been delivered (frees the concurrency slot). */
export interface Outcome {
  response: GraphResponse;
  finish: () => void;
}

export type BatchRunner = (req: GraphRequest) => Promise<GraphResponse>;

const accessDenied = () =>
  new GraphHttpError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export class GraphPipeline {
  batchRunner: BatchRunner | undefined;

  constructor(private readonly d: PipelineDeps) {}

  /** Request ids, Preference-Applied and Graph's usual headers on every answer. */
  private decorate(req: GraphRequest, res: GraphResponse): GraphResponse {
    const headers: Record<string, string> = {
      'request-id': req.requestId,
      'client-request-id': req.clientRequestId,
      'x-ms-ags-diagnostic': JSON.stringify({
        ServerInfo: { DataCenter: 'Emulator', Slice: 'E', Ring: '0', ScaleUnit: '000', RoleInstance: 'EMU' },
      }),
      'Cache-Control': 'no-cache',
      ...res.headers,
    };
    if (wantsImmutableIds(req.headers)) headers['Preference-Applied'] = 'IdType="ImmutableId"';
    if (res.status >= 200 && typeof res.body === 'object') headers['OData-Version'] = '4.0';
    return { ...res, headers };
  }

  errorResponse(req: GraphRequest, e: unknown): GraphResponse {
    const err =
      e instanceof GraphHttpError
        ? e
        : new GraphHttpError(500, 'UnknownError', String((e as Error)?.message ?? e));
    const ids = { requestId: req.requestId, clientRequestId: req.clientRequestId };
    return json(err.status, graphErrorBody(err.code, err.message, ids, this.d.now()), err.headers);
  }

  async handle(req: GraphRequest): Promise<Outcome> {
    const isBatch = req.segments.length === 1 && req.segments[0] === '$batch';
    if (!isBatch) this.d.stats.arrived();
    let mailbox: string | undefined;
    let release: (() => void) | undefined;
    let reason: 'concurrency' | 'budget' | undefined;
    const done = (res: GraphResponse): Outcome => {
      const response = this.decorate(req, res);
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        release?.();
        const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
        if (!isBatch) this.d.stats.finished(res.reset ? 0 : res.status, mailbox, code, reason);
      };
      return { response, finish };
    };
    try {
      let faultDelay = 0;
      let answerAfter: GraphHttpError | null = null;
      for (const fault of this.d.faults.match(req.method, `/v1.0${req.rawPath}`)) {
        if (fault.kind === 'reset') return done({ status: 0, headers: {}, reset: true });
        if (fault.kind === 'error' && !fault.afterCarryingOut) throw fault.error;
        if (fault.kind === 'error') answerAfter ??= fault.error;
        else faultDelay += fault.ms;
      }
      const principal = await this.d.tokens.verifyGraph(req.headers.authorization);
      if (isBatch) {
        if (req.method !== 'POST')
          throw new GraphHttpError(405, 'BadRequest', 'Batch requests must use POST.');
        // The global latency applies to the parts, which are mailbox requests; the envelope only gets faults'.
        if (faultDelay > 0) await this.d.sleep(faultDelay);
        return done(await this.batchRunner!(req));
      }
      this.d.stats.principal(
        principal.user ? `user:${principal.user.username}` : `app:${principal.clientId}`,
      );
      if (req.segments[0]?.toLowerCase() === 'subscriptions' && this.d.subscriptions)
        return done(await this.d.subscriptions.handle(req, principal));
      if (req.segments.length === 1 && req.segments[0]!.toLowerCase() === 'users') {
        if (req.method !== 'GET')
          throw new GraphHttpError(405, 'BadRequest', 'The emulator only reads users.');
        return done(listDirectoryUsers(req.query, principal, this.d.directory, this.d.baseUrl()));
      }
      const { upn, rest } = this.target(req, principal);
      if (rest.length === 0) return done(this.directoryUser(req, upn));
      const mb = this.d.store.mailbox(upn);
      if (!mb) throw new GraphHttpError(404, 'ErrorInvalidUser', `The requested user '${upn}' is invalid.`);
      mailbox = mb.address;
      this.checkAccess(req, mb, principal);
      const admission = this.d.limits.admit(principal.clientId, mb.address);
      if (!admission.ok) {
        reason = admission.reason;
        throw admission.error;
      }
      release = admission.release;
      const delay = this.d.latencyMs + faultDelay;
      if (delay > 0) await this.d.sleep(delay);
      await this.d.gate();
      const call: MailboxCall = {
        req,
        mailbox: mb,
        principal,
        immutable: wantsImmutableIds(req.headers),
        baseUrl: this.d.baseUrl(),
        rest,
      };
      const response = routeMailbox(this.d.store, call);
      if (answerAfter) throw answerAfter; // carried out, yet answered with an error
      return done(response);
    } catch (e) {
      return done(this.errorResponse(req, e));
    }
  }

  private target(req: GraphRequest, principal: Principal): { upn: string; rest: string[] } {
    const [first = '', second, ...rest] = req.segments;
    if (first.toLowerCase() === 'me') {
      if (!principal.user) throw badRequest('/me request is only valid with delegated authentication flow.');
      return { upn: principal.user.username, rest: second === undefined ? [] : [second, ...rest] };
    }
    if (first.toLowerCase() === 'users' && second) return { upn: second, rest };
    throw badRequest(`Resource not found for the segment '${first}'.`);
  }

  private directoryUser(req: GraphRequest, upn: string): GraphResponse {
    if (req.method !== 'GET') throw new GraphHttpError(405, 'BadRequest', 'The emulator only reads users.');
    const mb = this.d.store.mailbox(upn);
    const user = this.d.users.find((u) => u.username.toLowerCase() === upn.toLowerCase() || u.oid === upn);
    if (!mb && !user) {
      throw new GraphHttpError(
        404,
        'Request_ResourceNotFound',
        `Resource '${upn}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    const address = mb?.address ?? user!.username;
    return json(200, {
      '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users/$entity`,
      id: user?.oid ?? mb!.id,
      displayName: user?.name ?? mb!.displayName,
      mail: address,
      userPrincipalName: address,
    });
  }

  /** Mailbox state first (it wins whoever asks), then the token's permissions. */
  checkAccess(req: GraphRequest, mb: StoredMailbox, principal: Principal): void {
    if (mb.state === 'accessDenied') {
      throw new GraphHttpError(
        403,
        'ErrorAccessDenied',
        'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
      );
    }
    if (mb.state === 'notLicensed') {
      throw new GraphHttpError(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    }
    const write =
      WRITE_METHODS.has(req.method) &&
      !(req.segments.at(-1) ?? '').toLowerCase().startsWith('translateexchangeids');
    if (principal.kind === 'app') {
      const ok =
        principal.roles.includes('Mail.ReadWrite') || (!write && principal.roles.includes('Mail.Read'));
      if (!ok) throw accessDenied();
      return;
    }
    const own = principal.user!.username.toLowerCase() === mb.address;
    const suffix = own ? ['', '.Shared'] : ['.Shared'];
    const wanted = (write ? ['Mail.ReadWrite'] : ['Mail.Read', 'Mail.ReadWrite']).flatMap((p) =>
      suffix.map((s) => p + s),
    );
    if (!wanted.some((s) => principal.scopes.some((x) => x.toLowerCase() === s.toLowerCase())))
      throw accessDenied();
    if (!own) {
      const reg = this.d.users.find((u) => u.oid === principal.user!.oid);
      if (reg?.mailboxAccess && !reg.mailboxAccess.some((a) => a.toLowerCase() === mb.address))
        throw accessDenied();
    }
  }

  static newRequestId(): string {
    return randomUUID();
  }
}

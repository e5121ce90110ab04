// One concise line per request (method, path, status, duration, a hash of who asked) through pino-http: no
// headers, no query string (a sign-in callback's code and state never reach a log), nothing for static files
// or health checks, so an idle deployment's log stays small. Server errors are logged at `error`.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logging/logger.js';

type Caller = { tenantId: string; userId: string };

/** Files the add-in and console load: logged by nobody (the browser's own cache makes them rare anyway). */
const STATIC_FILE = /\.(?:html|js|css|map|png|svg|ico|woff2?|txt)$/i;

/** The path as the client asked for it (a mounted router sees only the rest in `url`), without the query. */
const pathOf = (req: IncomingMessage) =>
  ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0]!;

/** Which user asked, without saying who: the same user always gets the same 12 characters. */
export function userHash(caller: { tenantId?: string; userId?: string } | undefined): string | undefined {
  if (!caller?.userId || caller.userId === 'anonymous') return undefined;
  return crypto
    .createHash('sha256')
    .update(`${caller.tenantId ?? ''}/${caller.userId}`)
    .digest('hex')
    .slice(0, 12);
}

function ignored(req: IncomingMessage): boolean {
  const p = pathOf(req);
  if (p === '/healthz') return true;
  if (p.startsWith('/api/') || p.startsWith('/hooks/')) return false;
  return (req.method === 'GET' || req.method === 'HEAD') && (STATIC_FILE.test(p) || p === '/');
}

const withUser = (res: ServerResponse, line: object) => ({
  ...line,
  user: userHash((res as ServerResponse & { locals?: { caller?: Caller } }).locals?.caller),
});

export function requestLog(log: Logger) {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const id = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || crypto.randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: ignored },
    quietReqLogger: true,
    customAttributeKeys: { responseTime: 'ms' },
    // Method and path, the status, who: no headers, no remote address, no query string.
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    // Who asked, added to the line itself: as `customProps`, it cost a child logger at the start and another at
    // the answer (perf at 500 lookups/s: pino-http's child loggers took ~5% of the server's CPU); and only
    // when the line is written (a hash per request for nothing at LOG_LEVEL=warn).
    customSuccessObject: (_req: IncomingMessage, res: ServerResponse, line: object) =>
      log.isLevelEnabled('info') ? withUser(res, line) : line,
    customErrorObject: (_req: IncomingMessage, res: ServerResponse, _err: Error, line: object) =>
      withUser(res, line),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  });
}

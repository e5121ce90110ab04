// The public endpoints Microsoft Graph POSTs to (under PUBLIC_URL, no sign-in: Graph sends no token; the
// clientState inside each notification is what tells ours from forged ones). Both answer the validation
// handshake (the decoded validationToken echoed as text/plain with 200, well within Graph's 10 s) and answer a
// notification collection with 202 before doing anything with it (Graph wants an answer within seconds and
// slows down, then drops, endpoints that answer late). Rate-limited per client address.
import express, { type Request, type RequestHandler, type Router } from 'express';
import { sendProblem } from '../http/problem.js';
import { apiHeaders } from '../http/security.js';
import type { Logger } from '../logging/logger.js';
import { problemRateLimit } from '../routes/mount.js';
import type { NotificationReceiver } from './receiver.js';

/** Graph's tokens are short sentences; anything much longer is not Graph. */
const MAX_TOKEN_LENGTH = 1024;
/** Graph batches notifications; a collection larger than this is refused. */
const MAX_ITEMS = 1000;
/**
 * Per client address. Graph sends from many addresses and batches busy mailboxes, so this only stops a flood
 * from one source; it is far above what one deployment's mail produces.
 */
const RATE_LIMIT = { windowMs: 60_000, limit: 3000 };

function validationToken(req: Request): string | null {
  const token = req.query.validationToken;
  return typeof token === 'string' ? token : null;
}

function endpoint(handle: (value: unknown[]) => Promise<void>, log: Logger): RequestHandler {
  return (req, res) => {
    const token = validationToken(req);
    if (token !== null) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH)
        return sendProblem(res, 400, 'invalid_validation_token', 'The validation token is empty or too long');
      // text/plain and nosniff (apiHeaders): the echoed token can never be read as markup.
      res.status(200).type('text/plain').send(token);
      return;
    }
    const value = (req.body as { value?: unknown } | undefined)?.value;
    if (!Array.isArray(value) || value.length > MAX_ITEMS)
      return sendProblem(
        res,
        400,
        'invalid_notification',
        'Expected a notification collection: {"value":[...]}',
      );
    res.status(202).end();
    handle(value).catch((err: unknown) => log.error({ err }, 'notification handling failed'));
  };
}

export function notificationRouter(receiver: NotificationReceiver, log: Logger): Router {
  const router = express.Router();
  router.use(apiHeaders, problemRateLimit(RATE_LIMIT));
  const json = express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] });
  router.post(
    '/notifications',
    json,
    endpoint((v) => receiver.changes(v), log),
  );
  router.post(
    '/lifecycle',
    json,
    endpoint((v) => receiver.lifecycle(v), log),
  );
  return router;
}

// HTTPS front end of the Graph side: turns an Express request under /v1.0 into a GraphRequest, runs the
// pipeline, writes the answer, and frees the request's concurrency slot once the answer is delivered.
import type { NextFunction, Request, Response } from 'express';
import { GraphHttpError } from './errors.js';
import type { GraphRequest } from './graph-http.js';
import { GraphPipeline } from './graph-pipeline.js';
import type { StatsRecorder } from './stats.js';

function headerRecord(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function toGraphRequest(req: Request, body: unknown): GraphRequest {
  const url = new URL(req.originalUrl, 'https://emulator.invalid');
  const rawPath = url.pathname.replace(/^\/v1\.0/i, '') || '/';
  const headers = headerRecord(req);
  return {
    method: req.method.toUpperCase(),
    rawPath,
    segments: rawPath.split('/').filter(Boolean).map(safeDecode),
    query: url.searchParams,
    headers,
    body,
    requestId: GraphPipeline.newRequestId(),
    clientRequestId: headers['client-request-id'] ?? GraphPipeline.newRequestId(),
  };
}

export function graphFront(pipeline: GraphPipeline, stats: StatsRecorder) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    stats.httpRequests += 1;
    try {
      const outcome = await pipeline.handle(toGraphRequest(req, req.body));
      const { response } = outcome;
      // A client that gave up while the request was held or delayed: free its slot, nothing to write.
      if (response.reset || req.socket.destroyed) {
        if (response.reset) req.socket.destroy();
        outcome.finish();
        return;
      }
      res.once('finish', outcome.finish);
      res.once('close', outcome.finish);
      res.status(response.status).set(response.headers);
      if (response.body === undefined) res.end();
      else if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) res.send(response.body);
      else res.send(JSON.stringify(response.body));
    } catch (e) {
      next(e);
    }
  };
}

/** Malformed JSON bodies get Graph's error shape instead of Express's HTML page. */
export function graphBodyErrors(pipeline: GraphPipeline) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(err);
    const greq = toGraphRequest(req, undefined);
    const answer = pipeline.errorResponse(
      greq,
      new GraphHttpError(400, 'BadRequest', 'Unable to read JSON request payload.'),
    );
    res.status(400).set(answer.headers).send(JSON.stringify(answer.body));
  };
}

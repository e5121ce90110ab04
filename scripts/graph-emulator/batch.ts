// JSON batching (POST /v1.0/$batch): at most 20 parts with unique ids; each part runs through the full
// pipeline (it counts for throttling and can get its own 429), Graph dispatches up to 4 parts at a time,
// `dependsOn` orders parts and a failed dependency answers 424. The outer 200 says nothing about the parts.
import { badRequest, graphErrorBody } from './errors.js';
import { json, requireObjectBody, type GraphRequest, type GraphResponse } from './graph-http.js';
import { GraphPipeline } from './graph-pipeline.js';

interface Part {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

const MAX_PARTS = 20;
/** Graph hands at most four parts of a batch to Outlook at once. */
const DISPATCH_PARALLELISM = 4;

function parseParts(req: GraphRequest): Part[] {
  const requests = requireObjectBody(req).requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest('Invalid batch payload format.');
  if (requests.length > MAX_PARTS)
    throw badRequest(`The number of requests in a batch exceeds the limit of ${MAX_PARTS}.`);
  const parts = requests.map((raw: unknown): Part => {
    const r = (raw ?? {}) as Record<string, unknown>;
    if (
      typeof r.id !== 'string' ||
      r.id === '' ||
      typeof r.method !== 'string' ||
      typeof r.url !== 'string'
    ) {
      throw badRequest('Invalid batch payload format: each request needs id, method and url.');
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r.headers ?? {}) as Record<string, unknown>))
      headers[k.toLowerCase()] = String(v);
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    return { id: r.id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn };
  });
  const ids = new Set(parts.map((p) => p.id));
  if (ids.size !== parts.length) throw badRequest('Batch request ids must be unique.');
  for (const p of parts) {
    if (p.dependsOn.some((d) => !ids.has(d) || d === p.id))
      throw badRequest(`Request '${p.id}' depends on an unknown request.`);
  }
  return parts;
}

function partRequest(envelope: GraphRequest, part: Part): GraphRequest {
  if (/^[a-z]+:/i.test(part.url))
    throw badRequest('Batch request URLs must be relative to the version, e.g. /users/{id}/messages.');
  const url = new URL(part.url.replace(/^\/+/, ''), 'https://batch.invalid/v1.0/');
  const rawPath = url.pathname.slice('/v1.0'.length);
  const headers: Record<string, string> = {
    ...part.headers,
    authorization: envelope.headers.authorization ?? '',
  };
  if (headers.prefer === undefined && envelope.headers.prefer !== undefined)
    headers.prefer = envelope.headers.prefer;
  return {
    method: part.method,
    rawPath,
    segments: rawPath.split('/').filter(Boolean).map(decodeURIComponent),
    query: url.searchParams,
    headers,
    body: part.body,
    requestId: GraphPipeline.newRequestId(),
    clientRequestId: headers['client-request-id'] ?? envelope.clientRequestId,
  };
}

function failedDependency(envelope: GraphRequest, id: string, nowMs: number) {
  const ids = { requestId: envelope.requestId, clientRequestId: envelope.clientRequestId };
  return {
    id,
    status: 424,
    headers: { 'Content-Type': 'application/json' },
    body: graphErrorBody('FailedDependency', 'Dependent request failed.', ids, nowMs),
  };
}

export function createBatchRunner(pipeline: GraphPipeline, now: () => number) {
  return async (envelope: GraphRequest): Promise<GraphResponse> => {
    const parts = parseParts(envelope);
    const responses: Record<string, unknown>[] = [];
    const status = new Map<string, number>();
    const pending = new Set(parts);
    let reset = false;
    await new Promise<void>((resolve) => {
      let running = 0;
      const pump = () => {
        let progressed = true;
        while (progressed) {
          progressed = false;
          for (const part of [...pending]) {
            if (running >= DISPATCH_PARALLELISM) break;
            if (!part.dependsOn.every((d) => status.has(d))) continue;
            pending.delete(part);
            progressed = true;
            if (part.dependsOn.some((d) => status.get(d)! >= 400)) {
              status.set(part.id, 424);
              responses.push(failedDependency(envelope, part.id, now()));
              continue;
            }
            running += 1;
            void runPart(part).then(() => {
              running -= 1;
              pump();
            });
          }
        }
        if (running === 0) {
          // Whatever is still pending waits on a cycle: it can never run.
          for (const part of pending) {
            status.set(part.id, 424);
            responses.push(failedDependency(envelope, part.id, now()));
          }
          pending.clear();
          resolve();
        }
      };
      const runPart = async (part: Part) => {
        let res: GraphResponse;
        try {
          const outcome = await pipeline.handle(partRequest(envelope, part));
          outcome.finish();
          res = outcome.response;
        } catch (e) {
          res = pipeline.errorResponse(envelope, e);
        }
        if (res.reset) reset = true;
        status.set(part.id, res.reset ? 502 : res.status);
        responses.push({
          id: part.id,
          status: res.status,
          headers: res.headers,
          ...(res.body === undefined ? {} : { body: res.body }),
        });
      };
      pump();
    });
    if (reset) return { status: 0, headers: {}, reset: true };
    return json(200, { responses });
  };
}

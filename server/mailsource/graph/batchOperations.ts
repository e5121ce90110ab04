// Moves and deletes as Graph JSON batches: 20 parts per envelope, each part with the meaning of the single
// request (a delete of a missing message succeeds). Parts answered 429 are sent again in a later batch after
// the longest Retry-After among them, within the same throttle budget as single requests; other failures are
// final (a write that failed with a 5xx may have happened: the engine re-reads the message on its next run).
import { MailSourceError, type MailOperation, type MailOperationResult } from '../MailSource.js';
import { GRAPH_BATCH_MAX_PARTS, type GraphBatchPart } from './client.js';
import { errorCodeFromBody, toMailSourceError } from './errorMapping.js';
import { translateMessage } from './pageTranslator.js';
import { IMMUTABLE_ID_PREFERENCE } from './policyMiddleware.js';
import { wellKnownFolderName, type GraphUrls } from './requests.js';
import { decideRetry, parseRetryAfterMs, type RetryPolicy } from './retryPolicy.js';

/** An operation ready to go out as a batch part; `index` is its place in the caller's list. */
export interface BatchItem {
  index: number;
  op: MailOperation;
  part: GraphBatchPart;
}

/** One part's answer from the envelope's `responses`. */
export interface PartResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type PartOutcome =
  | { kind: 'done'; result: MailOperationResult }
  | { kind: 'throttled'; error: MailSourceError; retryAfterMs: number | null };

export function asMailSourceError(err: unknown): MailSourceError {
  return err instanceof MailSourceError ? err : new MailSourceError('transient', String(err));
}

const failed = (error: MailSourceError): MailOperationResult => ({ ok: false, error });

/**
 * The batch part for an operation, or its result when it cannot be sent. `urls` must be built on an empty API
 * root, so paths come out relative to the version as batch parts want them. The part id is the index.
 */
export function buildPart(
  op: MailOperation,
  index: number,
  urls: GraphUrls,
): BatchItem | MailOperationResult {
  const headers: Record<string, string> = { Prefer: IMMUTABLE_ID_PREFERENCE };
  try {
    if (op.kind === 'delete') {
      return {
        index,
        op,
        part: { id: String(index), method: 'DELETE', url: urls.messageDelete(op.id), headers },
      };
    }
    const destinationId = wellKnownFolderName(op.destination) ?? op.destination.trim();
    if (!destinationId) throw new MailSourceError('invalid_request', 'A destination folder is required.');
    headers['Content-Type'] = 'application/json';
    const part = {
      id: String(index),
      method: 'POST',
      url: urls.move(op.id),
      headers,
      body: { destinationId },
    };
    return { index, op, part };
  } catch (err) {
    return failed(asMailSourceError(err));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope's answers by part id; anything malformed is left out (its part then counts as unanswered). */
export function readBatchResponses(envelope: unknown): Map<string, PartResponse> {
  const answers = new Map<string, PartResponse>();
  const responses = isObject(envelope) ? envelope.responses : undefined;
  if (!Array.isArray(responses)) return answers;
  for (const raw of responses) {
    if (!isObject(raw) || typeof raw.id !== 'string' || typeof raw.status !== 'number') continue;
    const headers: Record<string, string> = {};
    if (isObject(raw.headers)) {
      for (const [name, value] of Object.entries(raw.headers)) headers[name.toLowerCase()] = String(value);
    }
    answers.set(raw.id, { status: raw.status, headers, body: raw.body });
  }
  return answers;
}

/** What a part's answer means for its operation, with the single requests' rules. */
export function partOutcome(item: BatchItem, answer: PartResponse | undefined, nowMs: number): PartOutcome {
  const { method, url } = item.part;
  const path = url.split('?')[0]!;
  if (!answer) {
    const error = new MailSourceError(
      'transient',
      `Graph's batch response has no answer for ${method} ${path}.`,
    );
    return { kind: 'done', result: failed(error) };
  }
  const retryAfterMs = parseRetryAfterMs(answer.headers['retry-after'], nowMs);
  if (answer.status >= 200 && answer.status < 300) {
    try {
      const message = item.op.kind === 'move' ? translateMessage(answer.body) : null;
      return { kind: 'done', result: { ok: true, message } };
    } catch (err) {
      return { kind: 'done', result: failed(asMailSourceError(err)) };
    }
  }
  const code = errorCodeFromBody(answer.body);
  const error = toMailSourceError({ status: answer.status, code, retryAfterMs, method, path });
  if (answer.status === 429) return { kind: 'throttled', error, retryAfterMs };
  if (item.op.kind === 'delete' && error.code === 'not_found') {
    return { kind: 'done', result: { ok: true, message: null } };
  }
  return { kind: 'done', result: failed(error) };
}

export interface BatchDeps {
  /** POSTs one envelope (GraphHttp.batch); rejects with a MailSourceError when the whole envelope failed. */
  send(parts: GraphBatchPart[]): Promise<unknown>;
  retry: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

/** The longest Retry-After among throttled parts, or null when none gave one (the policy's backoff then). */
export function longestRetryAfter(outcomes: Array<{ retryAfterMs: number | null }>): number | null {
  const given = outcomes.map((o) => o.retryAfterMs).filter((ms): ms is number => ms !== null);
  return given.length === 0 ? null : Math.max(...given);
}

/** Sends one chunk (at most 20 items), resending throttled parts, and writes each item's result. */
async function runChunk(items: BatchItem[], results: MailOperationResult[], deps: BatchDeps): Promise<void> {
  let todo = items;
  let rounds = 0;
  let waitedMs = 0;
  for (;;) {
    rounds++;
    let envelope: unknown;
    try {
      envelope = await deps.send(todo.map((item) => item.part));
    } catch (err) {
      const error = asMailSourceError(err);
      for (const item of todo) results[item.index] = failed(error);
      return;
    }
    const answers = readBatchResponses(envelope);
    const throttled: Array<{ item: BatchItem; error: MailSourceError; retryAfterMs: number | null }> = [];
    for (const item of todo) {
      const outcome = partOutcome(item, answers.get(item.part.id), deps.now());
      if (outcome.kind === 'done') results[item.index] = outcome.result;
      else throttled.push({ item, error: outcome.error, retryAfterMs: outcome.retryAfterMs });
    }
    if (throttled.length === 0) return;
    // Every round so far ended with throttled parts, so the rounds are the throttled attempts of these parts.
    const outcome = { kind: 'status' as const, status: 429, retryAfterMs: longestRetryAfter(throttled) };
    const progress = { attempt: rounds, throttled: rounds, waitedMs };
    const decision = decideRetry('POST', outcome, progress, deps.retry, deps.random);
    if (!decision.retry) {
      for (const t of throttled) results[t.item.index] = failed(t.error);
      return;
    }
    await deps.sleep(decision.delayMs);
    waitedMs += decision.delayMs;
    todo = throttled.map((t) => t.item);
  }
}

/**
 * Applies the operations in batches of at most 20, one result per operation in order. Chunks go out
 * concurrently (the mailbox limiter serialises them as their weight requires). Never rejects.
 */
export async function applyInBatches(
  operations: MailOperation[],
  urls: GraphUrls,
  deps: BatchDeps,
): Promise<MailOperationResult[]> {
  const results: MailOperationResult[] = new Array<MailOperationResult>(operations.length);
  const items: BatchItem[] = [];
  operations.forEach((op, index) => {
    const built = buildPart(op, index, urls);
    if ('part' in built) items.push(built);
    else results[index] = built;
  });
  const chunks: BatchItem[][] = [];
  for (let i = 0; i < items.length; i += GRAPH_BATCH_MAX_PARTS) {
    chunks.push(items.slice(i, i + GRAPH_BATCH_MAX_PARTS));
  }
  await Promise.all(chunks.map((chunk) => runChunk(chunk, results, deps)));
  return results;
}

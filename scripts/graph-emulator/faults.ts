// Fault injection for Graph requests: rules matched by method and path, fired with a seeded probability so
// a run repeats exactly. 429/503/504/404 answer with a Graph error body ('404-after' once the request was
// carried out), 'reset' destroys the socket,
// 'latency' delays the request while it holds its concurrency slot.
import { GraphHttpError } from './errors.js';
import type { Prng } from './prng.js';
import type { FaultControl, FaultRule } from './types.js';

export type FaultOutcome =
  | { kind: 'error'; error: GraphHttpError; afterCarryingOut: boolean }
  | { kind: 'reset' }
  | { kind: 'latency'; ms: number };

const NOT_FOUND = {
  code: 'ErrorItemNotFound',
  message: 'The specified object was not found in the store.',
};
const DEFAULTS: Record<'429' | '503' | '504' | '404' | '404-after', { code: string; message: string }> = {
  '404': NOT_FOUND,
  '404-after': NOT_FOUND,
  '429': { code: 'TooManyRequests', message: 'Too many requests.' },
  '503': { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry.' },
  '504': { code: 'GatewayTimeout', message: 'The request timed out at the gateway.' },
};

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
}

export class FaultInjector implements FaultControl {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  constructor(private readonly random: Prng) {}

  add(rule: FaultRule): number {
    const id = this.nextId;
    this.nextId += 1;
    this.rules.push({ id, rule, remaining: rule.times ?? Infinity });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  /** Outcomes of every rule that fires for this request (latencies add up; the first error or reset wins). */
  match(method: string, path: string): FaultOutcome[] {
    const out: FaultOutcome[] = [];
    for (const active of [...this.rules]) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.pathPattern) {
        rule.pathPattern.lastIndex = 0;
        if (!rule.pathPattern.test(path)) continue;
      }
      // Only probabilistic rules draw, so certain rules never shift the sequence the others see.
      const p = rule.probability ?? 1;
      if (p < 1 && this.random() >= p) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.remove(active.id);
      out.push(this.outcome(rule));
    }
    return out;
  }

  private outcome(rule: FaultRule): FaultOutcome {
    if (rule.kind === 'reset') return { kind: 'reset' };
    if (rule.kind === 'latency') return { kind: 'latency', ms: rule.latencyMs ?? 1000 };
    const d = DEFAULTS[rule.kind];
    const headers: Record<string, string> = {};
    if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);
    else if (rule.kind === '429') headers['Retry-After'] = '1';
    const status = rule.kind === '404-after' ? 404 : Number(rule.kind);
    return {
      kind: 'error',
      error: new GraphHttpError(status, rule.code ?? d.code, rule.message ?? d.message, headers),
      afterCarryingOut: rule.kind === '404-after',
    };
  }
}

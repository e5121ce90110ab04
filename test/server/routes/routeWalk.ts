// Calls every route of server/routes/index.ts (allRouteSpecs, so a new route is walked without anyone adding it
// here) with one caller's token: the route's valid sample request (samples.ts), the same request with each path
// parameter set to each of the given targets, and any extra requests a test adds per route. Returns every
// answer, for tests that assert what must never appear in one.
import type { ClientConfig } from '../../../shared/api/config.js';
import { allRouteSpecs } from '../../../server/routes/index.js';
import type { ApiHarness, TokenKind } from './apiHarness.js';
import { samples, type Fixture, type SampleRequest } from './samples.js';

export interface WalkTargets {
  entryNumbers: number[];
  contactNumbers: string[];
  opportunityNumbers: string[];
  salespersonCodes: string[];
  mailboxes: string[];
}

export interface WalkAnswer {
  route: string;
  request: string;
  status: number;
  text: string;
}

export type ExtraRequests = Record<string, (t: WalkTargets) => SampleRequest[]>;

/** Every route's method, path and name, as the server mounts them. */
export function everyRoute(h: ApiHarness): { name: string; method: string; path: string }[] {
  const session = { clientConfig: {} as ClientConfig, internalDomains: [], devIssuer: null };
  return allRouteSpecs(h.services, session, 'https://localhost:3000').map((s) => ({
    name: s.name,
    method: s.method.toUpperCase(),
    path: s.path,
  }));
}

function valuesFor(param: string, path: string, t: WalkTargets): (string | number)[] | null {
  if (param === 'entryNumber') return t.entryNumbers;
  if (param === 'code') return t.salespersonCodes;
  if (param === 'mailbox') return t.mailboxes;
  if (param === 'number' && path.startsWith('/contacts')) return t.contactNumbers;
  if (param === 'number' && path.startsWith('/opportunities')) return t.opportunityNumbers;
  return null;
}

/** The route's path with each parameter set to each target (one parameter varied at a time). */
function targetedPaths(path: string, t: WalkTargets): string[] {
  const params = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
  const out: string[] = [];
  for (const p of params) {
    for (const v of valuesFor(p, path, t) ?? []) {
      const filled = path.replace(`:${p}`, encodeURIComponent(String(v)));
      // Other parameters of the same route keep a target of their own kind, else the route is skipped.
      const rest = [...filled.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      let full: string | null = filled;
      for (const r of rest) {
        const first = valuesFor(r, path, t)?.[0];
        full = first === undefined ? null : full!.replace(`:${r}`, encodeURIComponent(String(first)));
        if (full === null) break;
      }
      if (full !== null) out.push(full);
    }
  }
  return out;
}

export async function walkEveryRoute(
  h: ApiHarness,
  fixture: Fixture,
  token: TokenKind,
  targets: WalkTargets,
  extra: ExtraRequests = {},
): Promise<{ answers: WalkAnswer[]; missingSamples: string[] }> {
  const answers: WalkAnswer[] = [];
  const missingSamples: string[] = [];
  for (const route of everyRoute(h)) {
    const sampleOf = samples[route.name];
    // A route without a sample yet (the matrix test demands one) is still walked, with its targets and no body.
    if (!sampleOf) missingSamples.push(route.name);
    const sample = sampleOf
      ? await sampleOf(h, fixture)
      : { path: targetedPaths(route.path, targets)[0] ?? route.path };
    const query = sample.path.includes('?') ? sample.path.slice(sample.path.indexOf('?')) : '';
    const requests: SampleRequest[] = [
      sample,
      ...targetedPaths(route.path, targets).map((p) => ({ ...sample, path: p + query })),
      ...(extra[route.name]?.(targets) ?? []),
    ];
    for (const r of requests) {
      const res = await h.request(route.method, `/api/v1${r.path}`, {
        token,
        body: r.body,
        raw: r.raw,
        contentType: r.contentType,
      });
      answers.push({
        route: `${route.method} ${route.path}`,
        request: `${route.method} ${r.path}`,
        status: res.status,
        text: res.text,
      });
    }
  }
  return { answers, missingSamples };
}

// Fuzzing every route (fast-check) as a salesperson and as an admin: random paths, query strings, bodies and
// content types never get a 5xx, always get problem+json with a code, and a refusal writes nothing.
// `npm test` runs 20 cases per route and role; `npm run fuzz` runs 200 (API_PROPERTY_RUNS).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fc from 'fast-check';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from './apiHarness.js';
import {
  createFixture,
  operationsOf,
  samples,
  type Fixture,
  type Operation,
  type SampleRequest,
} from './samples.js';

// Keys that would matter if an input ever reached MongoDB as it came.
const NASTY_KEYS = ['$where', '$gt', '$ne', '$set', '__proto__', 'constructor', 'prototype', 'a.b', ''];

interface RandomRequest {
  path: string;
  query: [string, string][] | null;
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
  contentType: string | null;
}

/** A digest of every document in the database: equal before and after means nothing was written. */
async function digest(h: ApiHarness): Promise<string> {
  const hash = crypto.createHash('sha256');
  const db = h.db.conn.db!;
  for (const { name } of (await db.listCollections().toArray()).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    hash.update(name).update(JSON.stringify(docs));
  }
  return hash.digest('hex');
}

function requestArb(op: Operation, sample: SampleRequest): fc.Arbitrary<RandomRequest> {
  const [basePath, baseQuery] = sample.path.split('?') as [string, string | undefined];
  const segments = basePath.split('/');
  const templateSegments = op.template.split('/');
  const paramIndexes = templateSegments.flatMap((s, i) => (s.startsWith('{') ? [i] : []));
  const text = fc.string({ maxLength: 40, unit: fc.constantFrom('grapheme', 'binary') as never });
  const path = fc.oneof(
    { arbitrary: fc.constant(basePath), weight: 3 },
    ...(paramIndexes.length > 0
      ? [
          fc
            .tuple(
              fc.constantFrom(...paramIndexes),
              fc.oneof(text, fc.constantFrom(...NASTY_KEYS, '0', '-1', '1e9', '99999999999999999999', '%zz')),
            )
            .map(([i, v]) =>
              segments.map((s, j) => (j === i ? (v === '%zz' ? v : encodeURIComponent(v)) : s)).join('/'),
            ),
        ]
      : []),
  );
  const knownKeys = [
    ...new URLSearchParams(baseQuery ?? '').keys(),
    'limit',
    'cursor',
    'search',
    'status',
    'state',
    'email',
  ];
  const query = fc.oneof(
    fc.constant(null),
    { arbitrary: fc.constant([...new URLSearchParams(baseQuery ?? '')] as [string, string][]), weight: 2 },
    fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...knownKeys, ...NASTY_KEYS), text),
        fc.oneof(text, fc.constantFrom('0', '51', '-1', 'abc', '[]')),
      ),
      { maxLength: 4 },
    ),
  );
  const sampleBody = sample.body as Record<string, unknown> | undefined;
  const mutated =
    sampleBody && typeof sampleBody === 'object'
      ? fc
          .array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...Object.keys(sampleBody), ...NASTY_KEYS), text),
              fc.jsonValue({ maxDepth: 2 }),
            ),
            { minLength: 1, maxLength: 3 },
          )
          .map((pairs) => {
            const copy: Record<string, unknown> = JSON.parse(JSON.stringify(sampleBody));
            for (const [k, v] of pairs)
              Object.defineProperty(copy, k, {
                value: v,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            return copy;
          })
      : fc.jsonValue({ maxDepth: 2 });
  const body: fc.Arbitrary<RandomRequest['body']> =
    op.method === 'GET'
      ? fc.constant({ kind: 'none' as const })
      : fc.oneof(
          fc.constant({ kind: 'none' as const }),
          fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })),
          { arbitrary: mutated.map((value) => ({ kind: 'json' as const, value })), weight: 3 },
          ...(sampleBody !== undefined
            ? [{ arbitrary: fc.constant({ kind: 'json' as const, value: sampleBody }), weight: 2 }]
            : []),
          fc
            .oneof(
              text,
              fc.constantFrom('{', '{"a":', 'null', '[]', 'kind,name\n"unterminated', 'x,y\n1,2,3'),
            )
            .map((t) => ({ kind: 'raw' as const, text: t })),
          ...(sample.raw
            ? [{ arbitrary: fc.constant({ kind: 'raw' as const, text: sample.raw }), weight: 3 }]
            : []),
        );
  const contentType = fc.oneof(
    { arbitrary: fc.constant(null), weight: 6 },
    fc.constantFrom(
      'application/json',
      'text/csv',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ),
  );
  return fc.record({ path, query, body, contentType });
}

describe('property: random bodies and query strings on every route (fast-check)', function () {
  // npm run fuzz: 200 cases per route and role take most of an hour on 2 idle cores and over 100 minutes on
  // busy ones; the bound is generous so that a slow machine is not reported as a failure.
  this.timeout(Math.max(600_000, Number(process.env.API_PROPERTY_RUNS ?? 20) * 60_000));
  const tdb = useTestDatabase('property');
  let h: ApiHarness;
  let fixture: Fixture;
  let operations: Operation[];
  before(async () => {
    h = await startApiHarness(tdb().conn);
    fixture = await createFixture(h);
    operations = await operationsOf(h);
  });
  after(() => h?.close());

  for (const role of ['salesperson', 'admin'] as const)
    it(`as ${role}: never answers 5xx, answers every error as problem+json with a code, and writes nothing when it refuses`, async () => {
      for (const op of operations) {
        const sample = await samples[op.name]!(h, fixture);
        await fc.assert(
          fc.asyncProperty(requestArb(op, sample), async (req) => {
            const qs = req.query === null ? '' : `?${new URLSearchParams(req.query)}`;
            const before = await digest(h);
            const body =
              req.body.kind === 'none'
                ? undefined
                : req.body.kind === 'raw'
                  ? req.body.text
                  : JSON.stringify(req.body.value);
            const headers: Record<string, string> = { authorization: `Bearer ${await h.token(role)}` };
            if (body !== undefined)
              headers['content-type'] = req.contentType ?? (sample.contentType || 'application/json');
            const res = await fetch(`${h.url}/api/v1${req.path}${qs}`, { method: op.method, headers, body });
            const text = await res.text();
            const where = `${role}: ${op.method} ${req.path}${qs} -> ${res.status} ${text.slice(0, 300)}`;
            if (process.env.API_PROPERTY_DEBUG) console.log(op.name, res.status, text.slice(0, 120));
            assert.ok(res.status < 500, where);
            if (res.status >= 400) {
              assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, where);
              const problem = JSON.parse(text);
              assert.equal(typeof problem.code, 'string', where);
              assert.equal(problem.status, res.status, where);
              assert.equal(await digest(h), before, `refused but wrote: ${where}`);
            }
          }),
          { numRuns: Number(process.env.API_PROPERTY_RUNS ?? 20), seed: 4242, endOnFailure: true },
        );
      }
    });
});

import assert from 'node:assert/strict';
import { useTestDatabase } from '../../support/db.js';
import { startApiHarness, type ApiHarness } from '../routes/apiHarness.js';

describe('API hardening: limits, headers, CORS, request ids and log redaction, problem+json everywhere', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('hardening');
  let h: ApiHarness;
  before(async () => {
    h = await startApiHarness(tdb().conn);
  });
  after(() => h?.close());

  it('limits JSON bodies to 100 kb and CSV uploads to 5 MB (413 body_too_large), and refuses malformed JSON', async () => {
    const big = { addresses: ['a@b.example'], internetMessageId: `<${'x'.repeat(110_000)}>` };
    const json = await h.request('POST', '/api/v1/lookup', { token: 'salesperson', body: big });
    assert.deepEqual([json.status, json.json.code], [413, 'body_too_large']);
    const csv = await h.request('POST', '/api/v1/contacts/import', {
      token: 'admin',
      raw: `kind,name\n${'person,A\n'.repeat(600_000)}`,
      contentType: 'text/csv',
    });
    assert.deepEqual([csv.status, csv.json.code], [413, 'body_too_large']);
    const malformed = await h.request('POST', '/api/v1/lookup', {
      token: 'salesperson',
      raw: '{"addresses": [',
    });
    assert.deepEqual([malformed.status, malformed.json.code], [400, 'malformed_json']);
    const form = await h.request('POST', '/api/v1/lookup', {
      token: 'salesperson',
      raw: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    assert.deepEqual([form.status, form.json.code], [415, 'unsupported_media_type']);
  });

  it('checks the token before reading a body: no token means 401 even for a huge or broken body', async () => {
    const r = await h.request('POST', '/api/v1/lookup', { raw: '{'.repeat(200_000) });
    assert.equal(r.status, 401);
  });

  it('refuses unknown keys and query operators instead of passing them on', async () => {
    const r = await h.request('POST', '/api/v1/lookup', {
      token: 'salesperson',
      body: { addresses: ['a@b.example'], $where: '1' },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(r.json.errors, [{ path: 'body', message: 'Unrecognized key: "$where"' }]);
    const q = await h.request('GET', '/api/v1/contacts?search[$gt]=a', { token: 'salesperson' });
    assert.equal(q.status, 400);
    const nested = await h.request('POST', '/api/v1/lookup', {
      token: 'salesperson',
      body: { addresses: [{ $gt: '' }] },
    });
    assert.equal(nested.status, 400);
  });

  it('sends API security headers: nothing may frame or run the API', async () => {
    const r = await h.request('GET', '/api/v1/me', { token: 'salesperson' });
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-powered-by'), null);
    const missing = await h.request('DELETE', '/api/v1/me', { token: 'salesperson' });
    assert.deepEqual([missing.status, missing.json.code], [404, 'route_not_found']);
    assert.match(missing.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });

  it('allows cross-origin calls only from the add-in origin', async () => {
    const preflight = (origin: string) =>
      h.request('OPTIONS', '/api/v1/lookup', {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const own = await preflight('https://localhost:3000');
    assert.equal(own.status, 204);
    assert.equal(own.headers.get('access-control-allow-origin'), 'https://localhost:3000');
    const evil = await preflight('https://evil.example');
    assert.notEqual(evil.headers.get('access-control-allow-origin'), 'https://evil.example');
    assert.notEqual(evil.headers.get('access-control-allow-origin'), '*');
  });

  it('tags every request with an id (echoed, logged) and never logs the bearer token', async () => {
    const token = await h.token('salesperson');
    const r = await h.request('GET', '/api/v1/me', { token, headers: { 'x-request-id': 'req-abc-123' } });
    assert.equal(r.headers.get('x-request-id'), 'req-abc-123');
    const lines = h.logs.map((l) => JSON.parse(l)).filter((l) => l.reqId === 'req-abc-123');
    assert.equal(lines.length, 1, 'one line per request');
    const [line] = lines;
    assert.deepEqual(
      [line.req, line.res, line.msg, line.level],
      [{ method: 'GET', path: '/api/v1/me' }, { status: 200 }, 'GET /api/v1/me 200', 30],
    );
    assert.equal(typeof line.ms, 'number');
    assert.match(line.user, /^[0-9a-f]{12}$/, 'who asked, as a hash');
    assert.ok(
      !JSON.stringify(line).includes('salesperson@') && !('headers' in line.req),
      'no address, no headers',
    );
    assert.ok(h.logs.find((l) => l.includes('req-abc-123'))!.length < 300, 'a concise line');
    await h.request('GET', '/api/v1/me', { token, headers: { 'x-request-id': 'req-abc-124' } });
    const again = h.logs.map((l) => JSON.parse(l)).find((l) => l.reqId === 'req-abc-124');
    assert.equal(again.user, line.user, 'the same user, the same hash');
    assert.ok(
      !h.logs.some((l) => l.includes(token.split('.')[2]!)),
      'the token signature never reaches the logs',
    );
    const generated = await h.request('GET', '/api/v1/config');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('logs no query string (a sign-in callback code), no health check and no static file', async () => {
    const before = h.logs.length;
    await h.request('GET', '/api/v1/config?code=0.AAAA-secret-code&state=xyz', {
      headers: { 'x-request-id': 'q-1' },
    });
    await h.request('GET', '/healthz');
    await h.request('GET', '/taskpane.html');
    await h.request('GET', '/assets/icon-32.png');
    const added = h.logs.slice(before).map((l) => JSON.parse(l));
    assert.ok(
      !added.some((l) => JSON.stringify(l).includes('secret-code')),
      'the query never reaches a line',
    );
    const requestLines = added.filter((l) => l.req);
    assert.deepEqual(
      requestLines.map((l) => l.req.path),
      ['/api/v1/config'],
      'only the API request is logged',
    );
  });

  it('rate limits per client with problem+json 429', async () => {
    const limited = await startApiHarness(tdb().conn, {
      seed: false,
      rateLimit: { windowMs: 60_000, limit: 3 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.request('GET', '/api/v1/config')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const r = await limited.request('GET', '/api/v1/config');
      assert.equal(r.json.code, 'rate_limited');
      assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/);
      assert.ok(r.headers.get('ratelimit-policy') || r.headers.get('ratelimit'));
    } finally {
      await limited.close();
    }
  });

  it('documents every route in an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = (await h.request('GET', '/api/v1/openapi.json')).json;
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p),
    );
    assert.equal(new Set(ops.map((o) => o.operationId)).size, ops.length);
    const lookup = doc.paths['/lookup'].post;
    const body = lookup.requestBody.content['application/json'].schema;
    assert.equal(body.additionalProperties, false, 'strict objects are documented as such');
    assert.deepEqual(body.required, ['addresses']);
    assert.deepEqual(lookup.security, [{ bearer: [] }]);
    assert.ok(lookup.responses['401'] && lookup.responses['200']);
    const history = doc.paths['/contacts/{number}/interactions'].get;
    assert.deepEqual(
      history.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
      ['path:number', 'query:cursor', 'query:limit'],
    );
    assert.deepEqual(doc.paths['/config'].get.security, []);
  });
});

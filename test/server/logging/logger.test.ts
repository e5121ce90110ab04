// The logger in both formats: JSON for pipelines, pretty lines for a terminal; credentials redacted in both.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../server/logging/logger.js';

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk, _e, cb) => {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ level: 'info', destination, format }), lines };
}

describe('logger', () => {
  it('writes one JSON object per line by default, with secrets redacted', () => {
    const { log, lines } = capture('json');
    log.info({ client: { clientSecret: 's3cret' }, authorization: 'Bearer abc' }, 'GET /api/v1/me 200');
    const line = JSON.parse(lines.join(''));
    assert.equal(line.msg, 'GET /api/v1/me 200');
    assert.equal(line.client.clientSecret, '[redacted]');
    assert.equal(line.authorization, '[redacted]');
  });

  it('writes human-readable lines when asked (npm start), with the same redaction', () => {
    const { log, lines } = capture('pretty');
    log.info(
      { req: { method: 'GET', path: '/api/v1/me' }, accessToken: 'eyJ.secret.sig' },
      'GET /api/v1/me 200',
    );
    const text = lines.join('');
    assert.match(text, /^\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: GET \/api\/v1\/me 200/);
    assert.doesNotMatch(text, /^\{/, 'not JSON');
    assert.doesNotMatch(text, /eyJ\.secret/);
    assert.equal(text.trim().split('\n').length, 1, 'one line');
  });
});

import assert from 'node:assert/strict';
import {
  classifyGraphFailure,
  errorCodeFromBody,
  toMailSourceError,
} from '../../../../server/mailsource/graph/errorMapping.js';

describe('graph errorMapping', () => {
  it('maps Graph error codes to MailSource codes', () => {
    const cases: Array<[number, string | null, string]> = [
      [401, 'InvalidAuthenticationToken', 'auth_failed'],
      [403, 'ErrorAccessDenied', 'access_denied'],
      [403, 'Authorization_RequestDenied', 'access_denied'],
      [404, 'ErrorInvalidUser', 'mailbox_not_found'],
      [404, 'MailboxNotFound', 'mailbox_not_found'],
      [404, 'ResourceNotFound', 'mailbox_not_found'],
      [404, 'MailboxNotEnabledForRESTAPI', 'not_licensed'],
      [400, 'MailboxNotSupportedForRESTAPI', 'not_licensed'],
      [404, 'ErrorItemNotFound', 'not_found'],
      [429, 'ApplicationThrottled', 'throttled'],
      [503, 'ServiceUnavailable', 'transient'],
      [504, null, 'transient'],
      [500, 'ErrorItemNotFound', 'transient'],
      [400, 'ErrorInvalidIdMalformed', 'invalid_request'],
      [409, 'ErrorFolderExists', 'invalid_request'],
      [400, 'InefficientFilter', 'invalid_request'],
    ];
    for (const [status, code, expected] of cases) {
      assert.equal(classifyGraphFailure(status, code), expected, `${status} ${code}`);
    }
  });

  it('falls back to the status when the code is unknown or absent', () => {
    assert.equal(classifyGraphFailure(401, null), 'auth_failed');
    assert.equal(classifyGraphFailure(403, 'SomethingNew'), 'access_denied');
    assert.equal(classifyGraphFailure(404, null), 'not_found');
    assert.equal(classifyGraphFailure(408, null), 'transient');
    assert.equal(classifyGraphFailure(418, 'Teapot'), 'invalid_request');
  });

  it('builds a MailSourceError with provider code, actionable text and retryAfter only when throttled', () => {
    const throttled = toMailSourceError({
      status: 429,
      code: 'ApplicationThrottled',
      retryAfterMs: 1500,
      method: 'get',
      path: '/v1.0/users/x/messages',
    });
    assert.equal(throttled.code, 'throttled');
    assert.equal(throttled.providerCode, 'ApplicationThrottled');
    assert.equal(throttled.retryAfterMs, 1500);
    assert.match(throttled.message, /GET \/v1\.0\/users\/x\/messages -> 429 ApplicationThrottled/);

    const denied = toMailSourceError({
      status: 403,
      code: 'ErrorAccessDenied',
      retryAfterMs: 5,
      method: 'GET',
      path: '/p',
    });
    assert.equal(denied.code, 'access_denied');
    assert.equal(denied.retryAfterMs, undefined);
    assert.match(denied.message, /access policy/);
  });

  it('reads error.code from Graph error bodies only', () => {
    assert.equal(
      errorCodeFromBody({ error: { code: 'ErrorItemNotFound', message: 'x' } }),
      'ErrorItemNotFound',
    );
    assert.equal(errorCodeFromBody({ error: { message: 'ErrorItemNotFound' } }), null);
    assert.equal(errorCodeFromBody({ error: 'ErrorItemNotFound' }), null);
    assert.equal(errorCodeFromBody('<html>Bad gateway</html>'), null);
    assert.equal(errorCodeFromBody(null), null);
  });
});

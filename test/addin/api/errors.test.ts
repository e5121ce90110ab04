// Which failures the pane offers to retry: those trying again can fix, not refusals that would only repeat.
import assert from 'node:assert/strict';
import { ApiError, isRetryable, NetworkError } from '../../../addin/api/errors.js';

describe('isRetryable', () => {
  it('retries no answer, timeouts, throttling, server errors and an expired sign-in', () => {
    assert.equal(isRetryable(new NetworkError(new Error('offline'))), true);
    for (const status of [401, 408, 429, 500, 502, 503, 504])
      assert.equal(isRetryable(new ApiError(status, 'x', 'x')), true, String(status));
  });

  it('does not retry refusals: they answer the same way again', () => {
    for (const [status, code] of [
      [400, 'validation_failed'],
      [403, 'forbidden'],
      [404, 'not_found'],
      [409, 'privacy_blocked'],
      [422, 'nothing_to_log'],
    ] as const)
      assert.equal(isRetryable(new ApiError(status, code, code)), false, code);
  });
});

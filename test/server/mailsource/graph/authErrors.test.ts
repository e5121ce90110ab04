import assert from 'node:assert/strict';
import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { aadstsNumbers, translateMsalError } from '../../../../server/mailsource/graph/authErrors.js';

// MSAL builds ServerError(error, correlationId, description, suberror, error_codes[0], status) from the token
// endpoint's JSON; error_codes are numbers on the wire, so errorNo may be a number at run time.
const server = (error: string, errorNo: unknown, status = 400, subError?: string): ServerError =>
  new ServerError(
    error,
    'corr-1',
    `Error(s): ${String(errorNo)} - secret-ish description`,
    subError,
    errorNo as string,
    status,
  );

describe('graph authErrors', () => {
  it('explains a wrong client secret (AADSTS7000215)', () => {
    const err = translateMsalError(server('invalid_client', 7000215, 401), 'Token');
    assert.ok(err instanceof MailSourceError);
    assert.equal(err.code, 'auth_failed');
    assert.equal(err.providerCode, 'AADSTS7000215');
    assert.match(err.message, /client secret is wrong: copy the secret's Value \(not its Secret ID\)/);
  });

  it('explains an expired secret, missing consent and an unknown app by AADSTS number', () => {
    assert.match(translateMsalError(server('invalid_client', '7000222', 401), 'T').message, /expired/);
    const consent = new InteractionRequiredAuthError(
      'invalid_grant',
      'c',
      'd',
      'consent_required',
      '',
      '',
      '',
      '65001',
    );
    assert.match(translateMsalError(consent, 'T').message, /admin consent/);
    assert.match(
      translateMsalError(server('unauthorized_client', 700016), 'T').message,
      /not found in this tenant/,
    );
  });

  it('falls back to the MSAL errorCode when the AADSTS number is unknown or absent', () => {
    const err = translateMsalError(server('invalid_client', 1234567, 401), 'T');
    assert.equal(err.code, 'auth_failed');
    assert.match(err.message, /credential was rejected/);
    assert.match(err.message, /AADSTS1234567/);
    const resolution = translateMsalError(new AuthError('endpoints_resolution_error', 'c'), 'T');
    assert.equal(resolution.code, 'auth_failed');
    assert.match(resolution.message, /authority/);
  });

  it('asks for a new sign-in when delegated interaction is required', () => {
    const noTokens = new InteractionRequiredAuthError('no_tokens_found', 'c');
    const err = translateMsalError(noTokens, 'T');
    assert.equal(err.code, 'auth_failed');
    assert.match(err.message, /sign in with the job account again/);
    const revoked = new InteractionRequiredAuthError('invalid_grant', 'c', 'd', '', '', '', '', '50173');
    assert.match(translateMsalError(revoked, 'T').message, /revoked/);
  });

  it('classifies by codes, never by message text', () => {
    // The description mentions AADSTS7000215, but the codes say consent: the codes win.
    const err = new ServerError(
      'invalid_grant',
      'c',
      'AADSTS7000215: Invalid client secret',
      '',
      '65001',
      400,
    );
    assert.match(translateMsalError(err, 'T').message, /admin consent/);
    const textOnly = new Error('AADSTS7000215: Invalid client secret provided');
    const plain = translateMsalError(textOnly, 'T');
    assert.equal(plain.code, 'auth_failed');
    assert.doesNotMatch(plain.message, /client secret is wrong/);
  });

  it('never copies the MSAL description (it can echo request details) into the message', () => {
    const err = translateMsalError(server('invalid_client', 7000215, 401), 'Token');
    assert.doesNotMatch(err.message, /secret-ish description/);
  });

  it('reports network failures and an unavailable sign-in service as transient', () => {
    assert.equal(translateMsalError(new AuthError('network_error', 'c'), 'T').code, 'transient');
    assert.equal(translateMsalError(server('', undefined, 503), 'T').code, 'transient');
  });

  it('collects AADSTS numbers from errorNo and errorCodes', () => {
    assert.deepEqual(aadstsNumbers({ errorNo: 7000215, errorCodes: [7000215, 'AADSTS65001'] }), [
      '7000215',
      '65001',
    ]);
    assert.deepEqual(aadstsNumbers({}), []);
  });
});

// Verified tokens remembered (server/http/auth/verifiedTokens.ts), around the real development issuer (jose,
// ES256): the same token is not verified again until its exp or the age bound, a different or tampered one always
// is, and a refusal is never remembered.
import assert from 'node:assert/strict';
import { createDevIssuer, type DevIssuer } from '../../../../server/http/auth/devIssuer.js';
import { AuthFailure, type TokenVerifier } from '../../../../server/http/auth/identity.js';
import { MAX_AGE_MS, rememberVerified } from '../../../../server/http/auth/verifiedTokens.js';

describe('verified tokens remembered', () => {
  let now = Date.parse('2026-12-01T10:00:00Z');
  let issuer: DevIssuer;
  let calls: string[];
  let verifier: TokenVerifier;
  const counted: TokenVerifier = {
    verify: (token) => {
      calls.push(token);
      return issuer.verify(token);
    },
  };

  beforeEach(async () => {
    now = Date.parse('2026-12-01T10:00:00Z');
    issuer = await createDevIssuer({
      issuer: 'https://localhost/api/v1/dev',
      scope: 'access_as_user',
      now: () => now,
    });
    calls = [];
    verifier = rememberVerified(counted, { now: () => now, capacity: 3 });
  });

  it('verifies a token once, then takes it as verified until the age bound, then verifies it again', async () => {
    const { access_token } = await issuer.issue('jane@fabrikam.example');
    const first = await verifier.verify(access_token);
    assert.deepEqual(await verifier.verify(access_token), first);
    now += MAX_AGE_MS - 1;
    await verifier.verify(access_token);
    assert.equal(calls.length, 1, 'one verification within the age bound');
    now += 1;
    assert.equal((await verifier.verify(access_token)).verifiedEmail, 'jane@fabrikam.example');
    assert.equal(calls.length, 2, 'verified again after it');
  });

  it('never past the token’s exp: then the verifier refuses it', async () => {
    const { access_token, expires_in } = await issuer.issue('jane@fabrikam.example');
    await verifier.verify(access_token);
    for (let t = 0; t < expires_in * 1000 - MAX_AGE_MS; t += MAX_AGE_MS - 1000) {
      now += MAX_AGE_MS - 1000;
      await verifier.verify(access_token); // verified again at each age bound, still valid
    }
    now = Date.parse('2026-12-01T10:00:00Z') + expires_in * 1000;
    await assert.rejects(verifier.verify(access_token), AuthFailure, 'expired');
  });

  it('a different token, a tampered one or one from another key is always verified; refusals are not remembered', async () => {
    const a = (await issuer.issue('jane@fabrikam.example')).access_token;
    const b = (await issuer.issue('john@fabrikam.example')).access_token;
    assert.equal((await verifier.verify(a)).verifiedEmail, 'jane@fabrikam.example');
    assert.equal((await verifier.verify(b)).verifiedEmail, 'john@fabrikam.example');
    const [h, p, s] = a.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...claims, email: 'boss@fabrikam.example' })).toString('base64url'),
      s,
    ].join('.');
    await assert.rejects(verifier.verify(forged), AuthFailure, 'a changed payload with the old signature');
    await assert.rejects(verifier.verify(forged), AuthFailure, 'and again: refusals are not remembered');
    const other = await createDevIssuer({
      issuer: 'https://localhost/api/v1/dev',
      scope: 'access_as_user',
      now: () => now,
    });
    const foreign = (await other.issue('jane@fabrikam.example')).access_token;
    await assert.rejects(verifier.verify(foreign), AuthFailure, 'another key');
    assert.deepEqual(calls, [a, b, forged, forged, foreign]);
  });

  it('requests that carry a new token together share its one verification, a refusal too', async () => {
    const { access_token } = await issuer.issue('jane@fabrikam.example');
    const [a, b] = await Promise.all([verifier.verify(access_token), verifier.verify(access_token)]);
    assert.deepEqual(a, b);
    assert.equal(calls.length, 1);
    const foreign = (
      await (
        await createDevIssuer({
          issuer: 'https://localhost/api/v1/dev',
          scope: 'access_as_user',
          now: () => now,
        })
      ).issue('jane@fabrikam.example')
    ).access_token;
    const refused = await Promise.allSettled([verifier.verify(foreign), verifier.verify(foreign)]);
    assert.deepEqual(
      refused.map((r) => r.status === 'rejected' && r.reason instanceof AuthFailure),
      [true, true],
    );
    assert.equal(calls.length, 2, 'one verification for both');
    await assert.rejects(verifier.verify(foreign), AuthFailure);
    assert.equal(calls.length, 3, 'and the next request verifies it again');
  });

  it('holds a bounded number of tokens, the least recently used leaving first', async () => {
    const tokens = await Promise.all(
      ['a', 'b', 'c', 'd'].map(async (n) => (await issuer.issue(`${n}@x.example`)).access_token),
    );
    for (const t of tokens.slice(0, 3)) await verifier.verify(t);
    await verifier.verify(tokens[0]!); // a is now the most recently used
    await verifier.verify(tokens[3]!); // d pushes out b
    calls = [];
    for (const i of [0, 2, 3, 1]) await verifier.verify(tokens[i]!);
    assert.deepEqual(calls, [tokens[1]], 'only b was verified again');
  });
});

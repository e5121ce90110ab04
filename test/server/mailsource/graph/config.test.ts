import assert from 'node:assert/strict';
import { MailSourceError } from '../../../../server/mailsource/MailSource.js';
import { buildMsalConfiguration, graphScopes } from '../../../../server/mailsource/graph/auth.js';
import { resolveEndpoints, type GraphAuthConfig } from '../../../../server/mailsource/graph/config.js';
import { createMemoryCacheStore } from '../../../../server/mailsource/graph/tokenCachePlugin.js';

const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const base: GraphAuthConfig = {
  tenantId,
  clientId: '11111111-2222-3333-4444-555555555555',
  credential: { kind: 'secret', clientSecret: 's3cr3t' },
  mode: { kind: 'application' },
};

describe('graph config', () => {
  it('defaults to the public cloud', () => {
    const e = resolveEndpoints(base);
    assert.equal(e.authority, `https://login.microsoftonline.com/${tenantId}`);
    assert.equal(e.knownAuthority, 'login.microsoftonline.com');
    assert.equal(e.graphBaseUrl, 'https://graph.microsoft.com');
    assert.equal(e.graphHostname, 'graph.microsoft.com');
    assert.deepEqual(graphScopes(base, e), ['https://graph.microsoft.com/.default']);
  });

  it('takes a local or national authority and Graph host from configuration, port included', () => {
    const e = resolveEndpoints({
      ...base,
      authorityHost: 'https://127.0.0.1:8443/',
      graphBaseUrl: 'https://127.0.0.1:9443/',
    });
    assert.equal(e.authority, `https://127.0.0.1:8443/${tenantId}`);
    assert.equal(e.knownAuthority, '127.0.0.1:8443');
    assert.equal(e.graphBaseUrl, 'https://127.0.0.1:9443');
    assert.equal(e.graphHostname, '127.0.0.1');
    assert.equal(e.graphHost, '127.0.0.1:9443');
  });

  it('refuses http and malformed URLs and a missing tenant', () => {
    const isInvalid = (err: unknown) => err instanceof MailSourceError && err.code === 'invalid_request';
    assert.throws(() => resolveEndpoints({ ...base, authorityHost: 'http://127.0.0.1:8080' }), isInvalid);
    assert.throws(() => resolveEndpoints({ ...base, graphBaseUrl: 'graph.microsoft.com' }), isInvalid);
    assert.throws(() => resolveEndpoints({ ...base, tenantId: ' ' }), isInvalid);
  });

  it('builds an MSAL configuration that trusts exactly the configured authority host', () => {
    const cfg = buildMsalConfiguration(
      base,
      resolveEndpoints({ ...base, authorityHost: 'https://login.microsoftonline.us' }),
    );
    assert.equal(cfg.auth.authority, `https://login.microsoftonline.us/${tenantId}`);
    assert.deepEqual(cfg.auth.knownAuthorities, ['login.microsoftonline.us']);
    assert.equal(cfg.auth.clientSecret, 's3cr3t');
    assert.equal(cfg.auth.clientCertificate, undefined);
    assert.equal(cfg.cache?.cachePlugin, undefined);
  });

  it('passes a certificate credential (SHA-256 thumbprint preferred) and a cache plugin for delegated mode', () => {
    const cfg = buildMsalConfiguration(
      {
        ...base,
        credential: { kind: 'certificate', thumbprintSha256: 'AB12', thumbprint: 'CD34', privateKey: 'PEM' },
        mode: { kind: 'delegated', cacheStore: createMemoryCacheStore() },
      },
      resolveEndpoints(base),
    );
    assert.deepEqual(cfg.auth.clientCertificate, { privateKey: 'PEM', thumbprintSha256: 'AB12' });
    assert.equal(cfg.auth.clientSecret, undefined);
    assert.ok(cfg.cache?.cachePlugin);
  });

  it('asks delegated tokens for Mail.ReadWrite.Shared on the configured Graph resource', () => {
    const delegated: GraphAuthConfig = {
      ...base,
      mode: { kind: 'delegated', cacheStore: createMemoryCacheStore() },
    };
    const e = resolveEndpoints({ ...delegated, graphBaseUrl: 'https://graph.microsoft.us' });
    assert.deepEqual(graphScopes(delegated, e), ['https://graph.microsoft.us/Mail.ReadWrite.Shared']);
  });
});

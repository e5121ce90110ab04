import assert from 'node:assert/strict';
import { tokenCacheStoreFor } from '../../../server/jobs/sourceForSetup.js';
import { startEngineHarness, MAILBOX, type EngineHarness } from '../../support/engineHarness.js';
import { useTestDatabase } from '../../support/db.js';

describe('delegated auth: the MSAL token cache is stored sealed in the setup document', function () {
  this.timeout(60_000);
  const tdb = useTestDatabase('tokencache');
  let h: EngineHarness;
  before(async () => {
    h = await startEngineHarness(tdb().conn);
  });
  after(() => h?.close());

  it('round-trips through MongoDB and never stores the cache in clear text', async () => {
    const store = tokenCacheStoreFor(MAILBOX, h.env);
    assert.equal(await store.load(), null);
    const cache = JSON.stringify({ RefreshToken: { k: { secret: 'refresh-token-value-123' } } });
    await store.save(cache);
    assert.equal(await tokenCacheStoreFor(MAILBOX, h.env).load(), cache);
    const raw = JSON.stringify(await h.db.models.LoggingSetup.findOne({ mailbox: MAILBOX }).lean());
    assert.ok(!raw.includes('refresh-token-value-123'), 'the refresh token is not readable in the database');
    assert.match((await h.setup()).tokenCacheSealed!, /^v1\./);
  });
});

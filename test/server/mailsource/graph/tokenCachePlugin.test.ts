import assert from 'node:assert/strict';
import type { TokenCacheContext } from '@azure/msal-node';
import {
  createCachePlugin,
  createMemoryCacheStore,
} from '../../../../server/mailsource/graph/tokenCachePlugin.js';

function context(changed: boolean, cache: { blob: string }): TokenCacheContext {
  return {
    cacheHasChanged: changed,
    tokenCache: {
      serialize: () => cache.blob,
      deserialize: (s: string) => {
        cache.blob = s;
      },
    },
  } as unknown as TokenCacheContext;
}

describe('graph tokenCachePlugin', () => {
  it('loads the stored cache into MSAL before access', async () => {
    const store = createMemoryCacheStore('{"Account":{}}');
    const cache = { blob: '' };
    await createCachePlugin(store).beforeCacheAccess(context(false, cache));
    assert.equal(cache.blob, '{"Account":{}}');
  });

  it('leaves MSAL alone when nothing is stored yet', async () => {
    const cache = { blob: 'untouched' };
    await createCachePlugin(createMemoryCacheStore()).beforeCacheAccess(context(false, cache));
    assert.equal(cache.blob, 'untouched');
  });

  it('saves only when MSAL changed the cache', async () => {
    const store = createMemoryCacheStore('old');
    const plugin = createCachePlugin(store);
    await plugin.afterCacheAccess(context(false, { blob: 'new' }));
    assert.equal(store.value, 'old');
    await plugin.afterCacheAccess(context(true, { blob: 'new' }));
    assert.equal(store.value, 'new');
  });
});

// MSAL keeps refresh tokens to itself; the only way to survive a restart is to persist its serialized cache.
// This plugin hands that blob to an injected store (the lead encrypts it into a MongoDB document).
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { TokenCacheStore } from './config.js';

export function createCachePlugin(store: TokenCacheStore): ICachePlugin {
  return {
    async beforeCacheAccess(ctx: TokenCacheContext): Promise<void> {
      const serialized = await store.load();
      if (serialized) ctx.tokenCache.deserialize(serialized);
    },
    async afterCacheAccess(ctx: TokenCacheContext): Promise<void> {
      // Only write when MSAL changed something (new tokens, a removed account): reads stay reads.
      if (ctx.cacheHasChanged) await store.save(ctx.tokenCache.serialize());
    },
  };
}

/** A store that lives in memory only; for scripts and tests of the delegated flow. */
export function createMemoryCacheStore(
  initial: string | null = null,
): TokenCacheStore & { value: string | null } {
  const state = {
    value: initial,
    async load(): Promise<string | null> {
      return state.value;
    },
    async save(serialized: string): Promise<void> {
      state.value = serialized;
    },
  };
  return state;
}

// Waiting out the versions' bound (server/repositories/versions.ts): a request that starts after this sees every
// change another instance had finished before it; without the wait it may share a versions read from before.
import { VERSIONS_SHARED_MS } from '../../server/repositories/versions.js';

export const pastVersionsBound = (): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, VERSIONS_SHARED_MS + 2));

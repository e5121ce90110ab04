// The Express app of server/http/app.ts on a loopback port, for the tests of how it serves the add-in's pages:
// no API, a silent log, a healthy database, the built pages from `addinDir`.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp, type AppDeps } from '../../server/http/app.js';
import { createLogger } from '../../server/logging/logger.js';

export async function listenPages(
  addinDir: string,
  more: Partial<AppDeps> = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createApp({
    log: createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
    publicUrl: 'https://localhost:3000',
    addinDir,
    health: async () => ({ database: 'ok' }),
    ...more,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

// Stopping an HTTPS server without failing anyone: no new connections, requests in flight finish, and a
// keep-alive connection takes no new request once shutdown began (its next response says `Connection: close`
// and idle ones are closed at once), so nothing reaches the database after it is closed. What is still open
// after the bound is cut (resolves true then).
import type { Server } from 'node:https';

export function closeGracefully(server: Server, boundMs: number): Promise<boolean> {
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  return new Promise((resolve) => {
    let cutShort = false;
    const cut = setTimeout(() => {
      cutShort = true;
      server.closeAllConnections();
    }, boundMs);
    // A connection that finished its response between two requests is idle: close it rather than wait.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearTimeout(cut);
      clearInterval(sweep);
      resolve(cutShort);
    });
    server.closeIdleConnections();
  });
}

// A loopback TCP forwarder with a fixed port whose target can change: a database server restarted on another
// port (scripts/lib/mongo.ts always picks a free one) stays reachable at the same address, as a production
// server restarted in place would. While there is no target, connections are refused (closed at once).
import net from 'node:net';

export interface TcpProxy {
  port: number;
  /** Forward new connections to this port; null: close every connection and refuse new ones. */
  setTarget(port: number | null): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: number | null = null): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => {}); // a peer that goes away is the point of this proxy, not an error
  };
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  const server = net.createServer((client) => {
    track(client);
    if (target === null) return void client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    setTarget(port) {
      target = port;
      if (port === null) dropAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}

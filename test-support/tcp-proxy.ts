import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';

export interface TcpProxy {
  /** `http://127.0.0.1:PORT`: what the console's profile points at instead of the real endpoint. */
  endpoint: string;
  port: number;
  /** Destroys every open connection (both sides) and refuses new ones until restore(). */
  cut(): void;
  /** Passes connections through again. */
  restore(): void;
  /** Whether the link is cut now. */
  readonly isCut: boolean;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a real etcd member (or any TCP peer) that can drop the
 * link: `cut()` stands for a VPN that went away (every open connection is torn down, new ones
 * are refused), `restore()` for the VPN coming back. Fault injection: the real etcd cannot
 * drop a client's connection by itself, and etcd keeps running (and can be changed and
 * compacted through its own endpoint) while the console is cut off from it.
 */
export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const host = target.host ?? '127.0.0.1';
  const open = new Set<Socket>();
  let isCut = false;
  const server: Server = createServer((client) => {
    if (isCut) {
      // Refused: reset at once, nothing passed on.
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host, port: target.port });
    open.add(client);
    open.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    close() {
      isCut = true;
      for (const socket of open) socket.destroy();
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

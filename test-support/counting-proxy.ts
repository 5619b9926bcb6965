import { createConnection, createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A unix-socket proxy in front of a real Docker engine that passes everything through and
 * counts connections and HTTP requests: a test's way to see a reconnect storm (the engine
 * behind it is real; nothing is changed on the way).
 */
export async function startCountingProxy(targetSocket: string): Promise<{ host: string; connections(): number; requests(): number; close(): Promise<void> }> {
  const dir = mkdtempSync('/tmp/ops-count-');
  const socket = join(dir, 'count.sock');
  let connections = 0;
  let requests = 0;
  const server: Server = createServer((client) => {
    connections++;
    const upstream = createConnection(targetSocket);
    client.on('data', (chunk: Buffer) => {
      requests += (chunk.toString('latin1').match(/^(GET|POST|PUT|DELETE|HEAD) \/\S* HTTP\/1\.[01]\r$/gm) ?? []).length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.writable && client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    host: `unix://${socket}`,
    connections: () => connections,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

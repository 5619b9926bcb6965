import { createConnection, createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A unix-socket proxy in front of a real Docker engine that holds every answer for delayMs.
 * Fault injection: a real engine cannot be made slow on demand, so this stands in for a
 * far-away or overloaded one (the engine behind it is real).
 */
export async function startSlowProxy(targetSocket: string, delayMs: number): Promise<{ host: string; close(): Promise<void> }> {
  const dir = mkdtempSync('/tmp/ops-slow-');
  const socket = join(dir, 'slow.sock');
  const server: Server = createServer((client) => {
    const upstream = createConnection(targetSocket);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => setTimeout(() => client.destroy(), delayMs));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    host: `unix://${socket}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RpcDispatcher } from '../rpc/dispatcher';
import { MAX_MESSAGE_BYTES, RpcSession } from '../rpc/session';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security';

/** Calls a page may send before the app has finished starting; more closes its socket. */
const MAX_EARLY_MESSAGES = 1000;

export interface WebServerOptions {
  /** A promise while the app is still starting: the page loads meanwhile, and its calls wait for it. */
  dispatcher: RpcDispatcher | Promise<RpcDispatcher>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Defaults to a random 32-byte token per launch. */
  token?: string;
  log?: (message: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Wait this long for the frames queued to one socket before a stream's batches are held back. */
const SOCKET_HIGH_WATER_BYTES = 4 * 1024 * 1024;

/**
 * Browser mode: the renderer and the RPC over one loopback HTTP + WebSocket server.
 * It can exec into containers, so it is guarded like a credential: everything lives under
 * /<token>/, the Host header must name the loopback address (no DNS rebinding), and a
 * WebSocket must come from the server's own Origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const prefix = `/${token}/`;
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const hasToken = (path: string) => {
    const candidate = path.slice(1, 1 + token.length);
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b) && (path.length === token.length + 1 || path[token.length + 1] === '/');
  };

  // The built renderer (a few MB), read once: at start-up the console's one thread is busy loading
  // its libraries, and a file answered from memory needs one turn of it, not one per read.
  const files = readTree(rendererDir);

  const server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 421, 'Misdirected request: wrong Host header.');
    const path = decodeSafe((req.url ?? '/').split('?')[0] ?? '/');
    if (path === undefined || !hasToken(path)) return refuse(res, 403, 'Forbidden: open the console with the URL (and its token) printed at start-up.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    if (path === `/${token}`) {
      res.writeHead(302, { ...SECURITY_HEADERS, Location: prefix });
      res.end();
      return;
    }
    const relative = path.slice(prefix.length) || 'index.html';
    const file = resolve(join(rendererDir, relative));
    if (!file.startsWith(rendererDir + sep)) return refuse(res, 404, 'Not found.');
    const body = files.get(file) ?? (await readFile(file).catch(() => undefined));
    if (!body) return refuse(res, 404, 'Not found.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = decodeSafe((req.url ?? '/').split('?')[0] ?? '/');
    const reason = !allowedHosts().has(req.headers.host ?? '')
      ? 'wrong Host header'
      : path === undefined || !hasToken(path) || path !== `${prefix}rpc`
        ? 'missing or wrong token'
        : !allowedOrigins().has(req.headers.origin ?? '')
          ? `foreign Origin ${JSON.stringify(req.headers.origin ?? null)}`
          : undefined;
    if (reason) {
      options.log?.(`refused WebSocket: ${reason}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nForbidden: ${reason}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    let session: RpcSession | undefined;
    let closed = false;
    // Messages that came before the app finished starting (a page is quicker than the connectors).
    const early: string[] = [];
    void Promise.resolve(options.dispatcher).then((dispatcher) => {
      if (closed) return;
      session = new RpcSession(
        dispatcher,
        (message) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
        },
        () => ws.bufferedAmount < SOCKET_HIGH_WATER_BYTES,
      );
      for (const text of early.splice(0)) session.handleText(text);
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '\u0000binary' : data.toString();
      if (session) session.handleText(text);
      else if (early.length < MAX_EARLY_MESSAGES) early.push(text);
      else ws.close(1008, 'too many messages before the console was ready');
    });
    const close = () => {
      closed = true;
      session?.close();
    };
    ws.on('close', close);
    ws.on('error', close);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const entries = (() => {
    try {
      return readdirSync(dir, { recursive: true, withFileTypes: true });
    } catch {
      return []; // no built renderer: every page request is answered 404, as before
    }
  })();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    files.set(resolve(file), readFileSync(file));
  }
  return files;
}

function decodeSafe(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

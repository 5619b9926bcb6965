import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serveAction, serveCreate, serveImageHistory, serveInspect, serveList, serveTop } from './containers-endpoints';
import { sendEmpty, sendError, sendJson, sendNotFound, sendPing } from './docker-http';
import { serveEvents } from './events-endpoint';
import type { ExecEndpoint } from './exec-endpoint';
import { serveLogs } from './logs-endpoint';
import type { SimEngine } from './sim-engine';
import { info, version } from './sim-shapes';
import { serveStats } from './stats-endpoint';

const MAX_API = [1, 41];
const MIN_API = [1, 12];

/**
 * Splits Docker's optional `/v1.xx` prefix off a path (docker-modem adds it when given a
 * version); answers a version this engine does not speak as Docker does.
 */
export function apiPath(url: string): { path: string; query: URLSearchParams; versionError?: string } {
  const parsed = new URL(url, 'http://engine');
  const match = /^\/v(\d+)\.(\d+)(\/.*)$/.exec(parsed.pathname);
  if (!match) return { path: parsed.pathname, query: parsed.searchParams };
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const cmp = (a: number[]) => major - a[0]! || minor - a[1]!;
  const versionError =
    cmp(MAX_API) > 0
      ? `client version ${major}.${minor} is too new. Maximum supported API version is ${MAX_API.join('.')}`
      : cmp(MIN_API) < 0
        ? `client version ${major}.${minor} is too old. Minimum supported API version is ${MIN_API.join('.')}, please upgrade your client to a newer version`
        : undefined;
  return { path: match[3]!, query: parsed.searchParams, versionError };
}

async function readJson<T>(req: IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return (text ? JSON.parse(text) : {}) as T;
}

const CONTAINER = /^\/containers\/([^/]+)(?:\/([a-z]+))?$/;

/** Routes one request of the Engine API to the simulated engine. */
export async function route(engine: SimEngine, execs: ExecEndpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const { path, query, versionError } = apiPath(req.url ?? '/');
  if (versionError) return sendError(res, 400, versionError);
  if (path === '/_ping' && (method === 'GET' || method === 'HEAD')) return sendPing(res, method);
  if (method === 'GET') {
    if (path === '/version') return sendJson(res, 200, version());
    if (path === '/info') return sendJson(res, 200, info(engine.list(), engine.name, engine.root));
    if (path === '/events') return serveEvents(engine, query, req, res);
    if (path === '/containers/json') return serveList(engine, query, res);
    const image = /^\/images\/(.+)\/history$/.exec(path);
    if (image) return serveImageHistory(engine, decodeURIComponent(image[1]!), res);
    const exec = /^\/exec\/([^/]+)\/json$/.exec(path);
    if (exec) return execs.inspect(exec[1]!, res);
    const container = CONTAINER.exec(path);
    if (container) {
      const [, ref, what] = container as unknown as [string, string, string | undefined];
      const id = decodeURIComponent(ref);
      if (what === 'json') return serveInspect(engine, id, res);
      if (what === 'logs') return serveLogs(engine, id, query, req, res);
      if (what === 'stats') return serveStats(engine, id, query, req, res);
      if (what === 'top') return serveTop(engine, id, res);
    }
  }
  if (method === 'POST') {
    if (path === '/containers/create') return serveCreate(engine, query, await readJson(req), res);
    const resize = /^\/exec\/([^/]+)\/resize$/.exec(path);
    if (resize) return sendEmpty(res, 200);
    const container = CONTAINER.exec(path);
    if (container?.[2] === 'exec') return execs.create(decodeURIComponent(container[1]!), await readJson(req), res);
    if (container?.[2]) return serveAction(engine, decodeURIComponent(container[1]!), container[2], query, res);
  }
  if (method === 'DELETE') {
    const container = CONTAINER.exec(path);
    if (container && !container[2]) return serveAction(engine, decodeURIComponent(container[1]!), 'remove', query, res);
  }
  sendNotFound(res);
}

/** A hijacked request (Connection: Upgrade): only exec start is one. */
export function routeUpgrade(execs: ExecEndpoint, req: IncomingMessage, socket: Duplex): void {
  const { path } = apiPath(req.url ?? '/');
  const start = /^\/exec\/([^/]+)\/start$/.exec(path);
  if (req.method === 'POST' && start) return execs.startHijacked(start[1]!, req, socket);
  const body = JSON.stringify({ message: 'page not found' }) + '\n';
  socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

import type { ServerResponse } from 'node:http';
import { fixture } from './fixtures';

/**
 * How dockerd 20.10 answers over HTTP: its own headers in its order (recorded), Go's
 * net/http framing (a body under 2048 bytes written at once gets a Content-Length, a larger one
 * or a stream is chunked), and errors as `{"message": ...}`.
 */

type Recorded = Record<string, { status: number; headers: Array<[string, string]> }>;
const recorded = fixture<Recorded>('headers');

/** The engine's own headers (Api-Version, Docker-Experimental, Ostype, Server), as recorded. */
const ENGINE_HEADERS = recorded.version!.headers.filter(([name]) => !['Content-Type', 'Content-Length', 'Transfer-Encoding'].includes(name));
const PING_HEADERS = recorded.ping!.headers.filter(([name]) => !['Content-Type', 'Content-Length'].includes(name));

/** Go's bufferBeforeChunkingSize: a handler's first 2048 bytes are held to decide the framing. */
const GO_CHUNKING_THRESHOLD = 2048;

/** Node adds Connection and Keep-Alive headers that Go does not send: leave them out. */
function dropNodeHeaders(res: ServerResponse): void {
  res.removeHeader('Connection');
}

function begin(res: ServerResponse, status: number, contentType: string | undefined, headers = ENGINE_HEADERS): void {
  res.statusCode = status;
  dropNodeHeaders(res);
  // Docker's order: its headers sorted by name, the content type among them.
  const all: Array<[string, string]> = [...headers];
  if (contentType) all.push(['Content-Type', contentType]);
  all.sort(([a], [b]) => a.localeCompare(b));
  for (const [name, value] of all) res.setHeader(name, value);
}

/** A whole answer, framed as Go frames it. */
export function sendBody(res: ServerResponse, status: number, contentType: string | undefined, body: string | Buffer, headers = ENGINE_HEADERS): void {
  begin(res, status, contentType, headers);
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  if (bytes.length < GO_CHUNKING_THRESHOLD) {
    res.setHeader('Content-Length', bytes.length);
    res.end(bytes);
    return;
  }
  // Written before the end, so that Node frames it chunked (as Go does past its buffer) rather than sizing it.
  res.write(bytes);
  res.end();
}

/** Docker's JSON answers end with a newline (json.Encoder). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendBody(res, status, 'application/json', JSON.stringify(value) + '\n');
}

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { message });
}

/** 204/304 answers: headers only. */
export function sendEmpty(res: ServerResponse, status: number): void {
  begin(res, status, undefined);
  res.end();
}

export function sendPing(res: ServerResponse, method: string): void {
  begin(res, 200, 'text/plain; charset=utf-8', PING_HEADERS);
  res.setHeader('Content-Length', 2);
  res.end(method === 'HEAD' ? undefined : 'OK');
}

/** Docker's answer to a path it does not serve (no engine headers: the router answers it). */
export function sendNotFound(res: ServerResponse): void {
  begin(res, 404, 'application/json', []);
  const body = JSON.stringify({ message: 'page not found' }) + '\n';
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** A stream (events, stats, logs): chunked, headers sent at once as Docker flushes them. */
export function beginStream(res: ServerResponse, contentType: string | undefined): void {
  begin(res, 200, contentType);
  res.flushHeaders();
}

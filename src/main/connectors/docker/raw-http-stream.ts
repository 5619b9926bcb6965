import { connect as netConnect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

/** Where an engine listens, for a plain HTTP/1.1 request of our own (see openRawHttpStream). */
export type RawTarget =
  | { socketPath: string }
  | { host: string; port: number; tls?: { ca?: Buffer | string; cert?: Buffer | string; key?: Buffer | string; rejectUnauthorized: boolean } };

/** The longest response head we accept (Docker's are a few hundred bytes). */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * A GET whose body comes back as a stream of large buffers: one per socket read, however many
 * HTTP chunks it held. Docker writes a following log one line per chunk, and Node's HTTP
 * client turns each chunk into a stream push and an event: under a flood that is most of the
 * main side's time. Here the chunked encoding is taken apart in one pass over each read.
 * Statuses other than 2xx reject with Docker's JSON message and the status (as dockerode's
 * errors do), so callers map them the same way.
 */
export function openRawHttpStream(target: RawTarget, path: string, signal?: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const socket: Socket =
      'socketPath' in target
        ? netConnect({ path: target.socketPath })
        : target.tls
          ? tlsConnect({ host: target.host, port: target.port, servername: isIp(target.host) ? undefined : target.host, ...target.tls })
          : netConnect({ host: target.host, port: target.port });
    let head: Buffer = Buffer.alloc(0);
    let body: Readable | undefined;
    const decoder = new ChunkedDecoder();
    let chunked = false;
    let remaining = Infinity; // Content-Length, when not chunked
    let settled = false;

    const fail = (error: Error) => {
      socket.destroy();
      if (body) body.destroy(error);
      else if (!settled) {
        settled = true;
        reject(error);
      }
    };
    const onAbort = () => {
      socket.destroy();
      if (body) body.destroy();
      else if (!settled) {
        settled = true;
        reject(abortError());
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal?.removeEventListener('abort', onAbort);

    socket.once('socketPath' in target || !target.tls ? 'connect' : 'secureConnect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\nUser-Agent: ops-console\r\nConnection: close\r\n\r\n`);
    });
    socket.on('error', (error) => fail(error));
    socket.on('close', () => {
      cleanup();
      if (!body) {
        if (!settled) fail(Object.assign(new Error('The engine closed the connection before answering'), { code: 'ECONNRESET' }));
        return;
      }
      if (!body.destroyed) body.push(null);
    });

    const deliver = (bytes: Buffer) => {
      if (!body) return;
      let out: Buffer;
      if (chunked) {
        const result = decoder.push(bytes);
        if (result.error) return fail(new Error(`Malformed chunked body from the engine: ${result.error}`));
        out = result.data;
        if (result.done) socket.end();
      } else {
        out = bytes.length > remaining ? bytes.subarray(0, remaining) : bytes;
        remaining -= out.length;
        if (remaining <= 0) socket.end();
      }
      if (out.length && !body.push(out)) socket.pause();
    };

    socket.on('data', (data: Buffer) => {
      if (body) return deliver(data);
      head = head.length ? Buffer.concat([head, data]) : data;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) fail(new Error('The engine answered with an over-long response head'));
        return;
      }
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
      const headers = new Map<string, string>();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      if (!Number.isFinite(status)) return fail(new Error(`The engine answered with no HTTP status (${JSON.stringify(lines[0] ?? '')})`));
      chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
      if (headers.has('content-length')) remaining = Number(headers.get('content-length'));
      const rest = head.subarray(end + 4);
      head = Buffer.alloc(0);
      body = new Readable({ highWaterMark: 256 * 1024, read: () => socket.resume(), destroy: (error, callback) => (socket.destroy(), callback(error)) });
      if (status >= 200 && status < 300) {
        settled = true;
        resolve(body);
        if (rest.length) deliver(rest);
        return;
      }
      // An error: read its (short) body, then reject with Docker's message.
      const parts: Buffer[] = [];
      body.on('data', (part: Buffer) => parts.push(part));
      body.on('end', () => {
        settled = true;
        const text = Buffer.concat(parts).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        reject(Object.assign(new Error(`(HTTP code ${status}) ${text.trim() || 'no message'}`), { statusCode: status, json }));
      });
      if (rest.length) deliver(rest);
    });
  });
}

/**
 * HTTP/1.1 chunked transfer encoding, taken apart across reads: the data of every complete or
 * partial chunk in a read comes back as one buffer (copied together when a read held several).
 */
export class ChunkedDecoder {
  /** Bytes of the current chunk still to come; -1 while reading a size line. */
  private left = -1;
  /** Bytes of a size line (or of the CRLF after a chunk) split across reads. */
  private line = '';
  /** Expecting the CRLF that ends a chunk's data. */
  private crlf = 0;
  private finished = false;

  push(bytes: Buffer): { data: Buffer; done: boolean; error?: string } {
    // The data of the read's chunks, copied together (never longer than the read): a Buffer
    // object per chunk, and so per line, is what this is here to avoid.
    let out: Buffer | undefined;
    let first: { start: number; end: number } | undefined;
    let size = 0;
    const take = (start: number, end: number) => {
      if (!first) first = { start, end };
      else {
        if (!out) {
          out = Buffer.allocUnsafe(bytes.length);
          bytes.copy(out, 0, first.start, first.end);
        }
        bytes.copy(out, size, start, end);
      }
      size += end - start;
    };
    let at = 0;
    while (at < bytes.length && !this.finished) {
      if (this.crlf > 0) {
        // Skip the CRLF after a chunk's data (it may be split across reads).
        const skip = Math.min(this.crlf, bytes.length - at);
        this.crlf -= skip;
        at += skip;
        continue;
      }
      if (this.left > 0) {
        const length = Math.min(this.left, bytes.length - at);
        take(at, at + length);
        this.left -= length;
        at += length;
        if (this.left === 0) {
          this.left = -1;
          this.crlf = 2;
        }
        continue;
      }
      const newline = bytes.indexOf(10, at);
      if (newline < 0) {
        this.line += bytes.toString('latin1', at);
        if (this.line.length > 1024) return { data: Buffer.alloc(0), done: false, error: 'size line too long' };
        at = bytes.length;
        break;
      }
      const sizeLine = (this.line + bytes.toString('latin1', at, newline)).trim();
      this.line = '';
      at = newline + 1;
      const size = parseInt(sizeLine.split(';')[0]!, 16);
      if (!Number.isFinite(size) || size < 0) return { data: Buffer.alloc(0), done: false, error: `bad chunk size ${JSON.stringify(sizeLine.slice(0, 40))}` };
      if (size === 0) this.finished = true;
      else this.left = size;
    }
    const data = out ? out.subarray(0, size) : first ? bytes.subarray(first.start, first.end) : Buffer.alloc(0);
    return { data, done: this.finished };
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

function abortError(): Error {
  return Object.assign(new Error('The request was aborted'), { name: 'AbortError', code: 'ABORT_ERR' });
}

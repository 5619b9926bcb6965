import { StringDecoder } from 'node:string_decoder';

/** One log line as Docker stored it. */
export interface LogRecord {
  /** RFC 3339 with exactly nine fraction digits, so that string order is time order. */
  ts: string;
  stream: 'out' | 'err';
  text: string;
}

/** Lines longer than this are cut for viewing (downloads use their own limit). */
export const MAX_LINE_CHARS = 256 * 1024;

const NINE_DIGITS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

/** Pads Docker's RFC3339Nano (trailing zeros trimmed) to nine fraction digits. */
export function normaliseTimestamp(ts: string): string | undefined {
  // Most of Docker's timestamps already have nine digits: no new string for those (once per line).
  if (ts.length === 30 && NINE_DIGITS.test(ts)) return ts;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!match) return undefined;
  const [, seconds, fraction = '', zone] = match;
  if (zone !== 'Z') {
    const ms = Date.parse(`${seconds}${zone}`);
    if (!Number.isFinite(ms)) return undefined;
    return `${new Date(ms).toISOString().slice(0, 19)}.${fraction.padEnd(9, '0')}Z`;
  }
  return `${seconds}.${fraction.padEnd(9, '0')}Z`;
}

/** A normalised timestamp as Docker's since/until argument: seconds.nanoseconds. */
export function toDockerTime(ts: string): string {
  const seconds = Math.floor(Date.parse(`${ts.slice(0, 19)}Z`) / 1000);
  return `${seconds}.${ts.slice(20, 29)}`;
}

export function timestampMs(ts: string): number {
  return Date.parse(`${ts.slice(0, 23)}Z`);
}

/**
 * Splits Docker's log stream into lines: the 8-byte frame headers of a non-TTY container
 * (1 = stdout, 2 = stderr), or raw bytes for a TTY container. Each stream keeps its own
 * partial line; invalid UTF-8 becomes U+FFFD; over-long lines are cut with a marker.
 */
export class LogFrameParser {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial = { out: '', err: '' };
  private readonly decoders = { out: new StringDecoder('utf8'), err: new StringDecoder('utf8') };
  private readonly overflow = { out: 0, err: 0 };
  /** The stream's decoder may hold the start of a character (a line split across frames). */
  private readonly decoding = { out: false, err: false };

  constructor(
    private readonly tty: boolean,
    private readonly onLine: (stream: 'out' | 'err', line: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.tty) {
      this.feed('out', chunk);
      return;
    }
    const buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    // Walked with an offset: a Buffer object per frame (a frame is a line) costs a flood dearly.
    let at = 0;
    while (buffer.length - at >= 8) {
      const size = buffer.readUInt32BE(at + 4);
      if (buffer.length - at < 8 + size) break;
      const stream = buffer[at] === 2 ? 'err' : 'out';
      const start = at + 8;
      const end = start + size;
      at = end;
      // The common frame, one whole line: decoded in one step, without the stream's decoder.
      if (size > 0 && buffer[end - 1] === 10 && this.partial[stream] === '' && !this.decoding[stream] && size <= MAX_LINE_CHARS) {
        const text = buffer.toString('utf8', start, end - 1);
        if (!text.includes('\n')) {
          this.emit(stream, text);
          continue;
        }
      }
      this.feed(stream, buffer.subarray(start, end));
    }
    this.pending = at === 0 ? buffer : buffer.subarray(at);
  }

  /** Emits what is left of unfinished lines (the stream ended). */
  end(): void {
    for (const stream of ['out', 'err'] as const) {
      const rest = this.partial[stream] + this.decoders[stream].end();
      this.partial[stream] = '';
      if (rest) this.emit(stream, rest);
    }
  }

  private feed(stream: 'out' | 'err', bytes: Buffer): void {
    const text = this.partial[stream] + this.decoders[stream].write(bytes);
    // Ending on a newline, nothing of a character can be left in the decoder.
    this.decoding[stream] = bytes.length > 0 && bytes[bytes.length - 1] !== 10;
    // Walk the newlines with an index: re-slicing the rest after each line is quadratic.
    let start = 0;
    let newline = text.indexOf('\n', start);
    while (newline >= 0) {
      this.emit(stream, text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    let rest = start === 0 ? text : text.slice(start);
    if (rest.length > MAX_LINE_CHARS + 64) {
      // Keep the head of a runaway line, count the rest until its newline comes.
      this.overflow[stream] += rest.length - (MAX_LINE_CHARS + 64);
      rest = rest.slice(0, MAX_LINE_CHARS + 64);
    }
    this.partial[stream] = rest;
  }

  private emit(stream: 'out' | 'err', line: string): void {
    const dropped = this.overflow[stream];
    this.overflow[stream] = 0;
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.onLine(stream, dropped ? `${clean} … [${dropped} more characters cut]` : clean);
  }
}

/** A record from "<timestamp> <message>" as written by `docker logs --timestamps`. */
export function parseRecord(stream: 'out' | 'err', line: string): LogRecord | undefined {
  const space = line.indexOf(' ');
  const ts = normaliseTimestamp(space > 0 ? line.slice(0, space) : line);
  if (!ts) return undefined;
  let text = space > 0 ? line.slice(space + 1) : '';
  if (text.length > MAX_LINE_CHARS) text = `${text.slice(0, MAX_LINE_CHARS)} … [${text.length - MAX_LINE_CHARS} more characters cut]`;
  return { ts, stream, text };
}

import { z } from 'zod';
import { RpcErrorSchema } from '../errors';

export const LogTargetSchema = z.object({ engine: z.string().min(1).max(200), id: z.string().min(1).max(200) }).strict();
export const LogSelectionSchema = z
  .object({
    containers: z.array(LogTargetSchema).max(200).optional(),
    /** A compose service on every engine: all its replicas, including ones that appear later. */
    service: z.object({ project: z.string().min(1), service: z.string().min(1) }).strict().optional(),
  })
  .strict()
  .refine((s) => (s.containers?.length ?? 0) > 0 || s.service, { message: 'choose containers or a service' });
export type LogSelection = z.infer<typeof LogSelectionSchema>;

export const LogSourceStateSchema = z.enum(['history', 'following', 'reconnecting', 'stopped', 'ended', 'error']);

/**
 * One line as [src, ts, stream, text]: ts RFC 3339 with nine fraction digits, stream out/err.
 * A tuple, not an object: a flood carries millions of these (a quarter fewer bytes to encode,
 * send and parse).
 */
export const LogLineSchema = z.tuple([z.string(), z.string(), z.enum(['out', 'err']), z.string()]);
export type LogLine = z.infer<typeof LogLineSchema>;

/** Nine-fraction-digit RFC 3339 timestamps are this long (one after the other in a chunk). */
export const LOG_TS_CHARS = 30;

/**
 * Many lines in one value, as a flood is sent: the timestamps one after the other (30
 * characters each), the texts joined by newlines (a text never holds one), the streams as
 * one character per line ('o' / 'e'; absent when all are stdout), the source once when all
 * lines share it. Parsing one long string costs far less than a value per line.
 */
export const LogChunkSchema = z.object({
  kind: z.literal('lines'),
  src: z.union([z.string(), z.array(z.string())]),
  ts: z.string(),
  s: z.string().optional(),
  m: z.string(),
});
export type LogChunk = z.infer<typeof LogChunkSchema>;

/** What a log view receives: its sources and their state, then lines in timestamp order. */
export const LogEventSchema = z.union([
  LogLineSchema,
  z.discriminatedUnion('kind', [
    LogChunkSchema,
    z.object({
      kind: z.literal('source'),
      src: z.string(),
      engine: z.string(),
      id: z.string(),
      name: z.string(),
      state: LogSourceStateSchema,
      error: RpcErrorSchema.optional(),
    }),
    /** The initial range (last N lines or since/until) has been sent in full. */
    z.object({ kind: z.literal('history-end'), lines: z.number() }),
  ]),
]);
export type LogEvent = z.infer<typeof LogEventSchema>;

/** The lines an event carries (a line, a chunk of lines, or none), appended to `into`. */
export function linesOf(event: LogEvent, into: LogLine[] = []): LogLine[] {
  if (Array.isArray(event)) into.push(event);
  else if (event.kind === 'lines') {
    const texts = event.m.split('\n');
    const { src, s, ts } = event;
    for (let i = 0; i < texts.length; i++) {
      const stream = s === undefined || s.charCodeAt(i) === 111 ? 'out' : 'err';
      into.push([typeof src === 'string' ? src : src[i]!, ts.slice(i * LOG_TS_CHARS, (i + 1) * LOG_TS_CHARS), stream, texts[i]!]);
    }
  }
  return into;
}

/** Builds chunks of lines (main side): add lines, then take() one chunk and its line count. */
export class LogChunkBuilder {
  private srcs: string[] = [];
  private sameSrc = true;
  private ts = '';
  private streams = '';
  private allOut = true;
  private texts: string[] = [];

  get size(): number {
    return this.texts.length;
  }

  add(src: string, ts: string, stream: 'out' | 'err', text: string): void {
    if (this.srcs.length && src !== this.srcs[0]) this.sameSrc = false;
    this.srcs.push(src);
    this.ts += ts;
    this.streams += stream === 'out' ? 'o' : 'e';
    if (stream !== 'out') this.allOut = false;
    this.texts.push(text);
  }

  take(): LogChunk | undefined {
    if (this.texts.length === 0) return undefined;
    const chunk: LogChunk = { kind: 'lines', src: this.sameSrc ? this.srcs[0]! : this.srcs, ts: this.ts, ...(this.allOut ? {} : { s: this.streams }), m: this.texts.join('\n') };
    this.srcs = [];
    this.sameSrc = true;
    this.ts = '';
    this.streams = '';
    this.allOut = true;
    this.texts = [];
    return chunk;
  }
}

export const LogExportEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chunk'), data: z.string() }),
  z.object({ kind: z.literal('done'), lines: z.number(), bytes: z.number() }),
]);
export type LogExportEvent = z.infer<typeof LogExportEventSchema>;

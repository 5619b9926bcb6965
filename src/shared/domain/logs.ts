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

/** What a log view receives: its sources and their state, then lines in timestamp order. */
export const LogEventSchema = z.union([
  LogLineSchema,
  z.discriminatedUnion('kind', [
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

export function isLogLine(event: LogEvent): event is LogLine {
  return Array.isArray(event);
}

export const LogExportEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chunk'), data: z.string() }),
  z.object({ kind: z.literal('done'), lines: z.number(), bytes: z.number() }),
]);
export type LogExportEvent = z.infer<typeof LogExportEventSchema>;

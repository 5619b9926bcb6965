import { z } from 'zod';
import { RpcErrorSchema } from '../errors';

/** Whose logs a search reads: every container, an environment, a compose service or one Docker host. */
export const LogSearchScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('environment'), environment: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('service'), project: z.string().min(1).max(200), service: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('engine'), engine: z.string().min(1).max(200) }).strict(),
]);
export type LogSearchScope = z.infer<typeof LogSearchScopeSchema>;

export const LogSearchInputSchema = z
  .object({
    /** A text, or a JavaScript regular expression when `regex` is set. */
    query: z.string().min(1).max(1000),
    regex: z.boolean().default(false),
    caseSensitive: z.boolean().default(false),
    scope: LogSearchScopeSchema,
    /** RFC 3339; lines at or after it. */
    since: z.string().datetime({ offset: true }),
    /** RFC 3339; lines up to it (default: now). */
    until: z.string().datetime({ offset: true }).optional(),
    /** Matching lines kept per container (all of them are counted). */
    maxMatches: z.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** One matching line: `hl` is where the first match sits in `text` ([start, length]), when it was found there. */
export const LogSearchMatchSchema = z.object({
  ts: z.string(),
  stream: z.enum(['out', 'err']),
  text: z.string(),
  hl: z.tuple([z.number(), z.number()]).optional(),
});
export type LogSearchMatch = z.infer<typeof LogSearchMatchSchema>;

/** What a search streams: progress, one result per container with matches (or an error), and a summary at the end. */
export const LogSearchEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('progress'),
    /** Containers fully read, of all in scope. */
    done: z.number(),
    total: z.number(),
    /** Lines read so far, over every container. */
    lines: z.number(),
    matches: z.number(),
  }),
  z.object({
    kind: z.literal('result'),
    engine: z.string(),
    id: z.string(),
    name: z.string(),
    project: z.string().optional(),
    service: z.string().optional(),
    /** Every matching line of the range. */
    count: z.number(),
    lines: z.number(),
    /** The first matching lines (up to maxMatches), oldest first. */
    matches: z.array(LogSearchMatchSchema),
    /** The read broke off: count covers what was read until then. */
    error: RpcErrorSchema.optional(),
  }),
  /** An engine whose containers could not be listed (its containers are not searched). */
  z.object({ kind: z.literal('engine-error'), engine: z.string(), error: RpcErrorSchema }),
  z.object({
    kind: z.literal('summary'),
    containers: z.number(),
    matchedContainers: z.number(),
    matches: z.number(),
    lines: z.number(),
    failed: z.number(),
    elapsedMs: z.number(),
  }),
]);
export type LogSearchEvent = z.infer<typeof LogSearchEventSchema>;

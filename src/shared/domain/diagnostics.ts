import { z } from 'zod';

/** One connection as the diagnostics report it (no secrets: target URLs are masked). */
export const DiagnosticsConnectionSchema = z.object({
  id: z.string(),
  kind: z.enum(['docker', 'etcd', 'zabbix']),
  target: z.string(),
  state: z.string(),
  version: z.string().optional(),
  error: z.string().optional(),
});

/** The console's own process: memory, and its open handles by kind (sockets, timers, pipes ...). */
export const DiagnosticsProcessSchema = z.object({
  uptimeSeconds: z.number(),
  rssBytes: z.number(),
  heapUsedBytes: z.number(),
  externalBytes: z.number(),
  resources: z.record(z.string(), z.number()),
  /** How much the console's bounded stores hold now (timeline events, the watch's history …): what memory grows with. */
  held: z.record(z.string(), z.number()).optional(),
});

/** What "Copy diagnostics" puts on the clipboard, secrets masked; `text` is the report as pasted. */
export const DiagnosticsSchema = z.object({
  generatedAt: z.number(),
  versions: z.record(z.string(), z.string()),
  connections: z.array(DiagnosticsConnectionSchema),
  process: DiagnosticsProcessSchema,
  logFile: z.string(),
  logLines: z.array(z.string()),
  text: z.string(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

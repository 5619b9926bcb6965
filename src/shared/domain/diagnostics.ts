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

/** What "Copy diagnostics" puts on the clipboard, secrets masked; `text` is the report as pasted. */
export const DiagnosticsSchema = z.object({
  generatedAt: z.number(),
  versions: z.record(z.string(), z.string()),
  connections: z.array(DiagnosticsConnectionSchema),
  logFile: z.string(),
  logLines: z.array(z.string()),
  text: z.string(),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

import { z } from 'zod';

export const TimelineKindSchema = z.enum(['docker', 'registry', 'zabbix', 'audit']);

/** One thing that happened, on the common time axis. */
export const TimelineEventSchema = z.object({
  id: z.string(),
  at: z.number(),
  kind: TimelineKindSchema,
  /** die, oom, kill, restart, start, stop, create, destroy, health; register, deregister, lease-expiry, value-change; problem, recovery, acknowledge; or the audited action. */
  action: z.string(),
  title: z.string(),
  engine: z.string().optional(),
  container: z.object({ engine: z.string(), id: z.string(), name: z.string() }).optional(),
  /** app_ENV of the platform service it concerns, when known. */
  service: z.string().optional(),
  environment: z.string().optional(),
  severity: z.enum(['info', 'warning', 'error']),
  details: z.record(z.string(), z.string()),
  /** Events that belong together (a replica dies, its key expires, a problem fires) share a group. */
  group: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

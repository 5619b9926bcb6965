import { z } from 'zod';

export const HealthLevelSchema = z.enum(['ok', 'warning', 'error', 'unknown']);
export type HealthLevel = z.infer<typeof HealthLevelSchema>;

export const TopologyNodeSchema = z.object({
  id: z.string(),
  kind: z.enum(['environment', 'service', 'instance', 'container', 'engine']),
  label: z.string(),
  health: HealthLevelSchema,
  /** Why the node is not ok, from each source (Docker, registry, Zabbix). */
  reasons: z.array(z.string()),
  environment: z.string().optional(),
  service: z.string().optional(),
  engine: z.string().optional(),
  containerId: z.string().optional(),
  key: z.string().optional(),
  production: z.boolean().optional(),
  /** Compose project and service of a service's replicas (what scaling addresses), when it has any. */
  project: z.string().optional(),
  composeService: z.string().optional(),
});
export type TopologyNode = z.infer<typeof TopologyNodeSchema>;

export const TopologyViewSchema = z.object({
  at: z.number(),
  nodes: z.array(TopologyNodeSchema),
  edges: z.array(z.object({ from: z.string(), to: z.string() })),
});
export type TopologyView = z.infer<typeof TopologyViewSchema>;

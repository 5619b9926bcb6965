import { z } from 'zod';
import { RpcErrorSchema } from './errors';

export const ConnectionKindSchema = z.enum(['docker', 'etcd', 'zabbix']);
export type ConnectionKind = z.infer<typeof ConnectionKindSchema>;

export const ConnectionStateSchema = z.enum(['connecting', 'connected', 'error']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/** What the Connections screen and the status bar show for one external system. */
export const ConnectionStatusSchema = z.object({
  id: z.string(),
  kind: ConnectionKindSchema,
  name: z.string(),
  /** Where it points, without secrets: a socket path, URL or endpoint list. */
  target: z.string(),
  state: ConnectionStateSchema,
  version: z.string().optional(),
  latencyMs: z.number().optional(),
  error: RpcErrorSchema.optional(),
  /** Extra facts worth showing (etcd leader, Docker OS/arch, Zabbix auth method ...). */
  facts: z.record(z.string(), z.string()).default({}),
  checkedAt: z.number().optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

export const ContainerStateSchema = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
  'unknown',
]);
export type ContainerState = z.infer<typeof ContainerStateSchema>;

export const HealthSchema = z.enum(['healthy', 'unhealthy', 'starting', 'none']);
export type Health = z.infer<typeof HealthSchema>;

/** One container on one Docker engine, as listed. */
export const ContainerSummarySchema = z.object({
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: ContainerStateSchema,
  /** Docker's own status text, e.g. "Up 3 minutes". */
  status: z.string(),
  health: HealthSchema,
  createdAt: z.number(),
  project: z.string().optional(),
  service: z.string().optional(),
  containerNumber: z.number().optional(),
  labels: z.record(z.string(), z.string()),
});
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

/** The containers of one engine, or why they could not be listed. */
export const EngineContainersSchema = z.discriminatedUnion('ok', [
  z.object({ engine: z.string(), ok: z.literal(true), containers: z.array(ContainerSummarySchema) }),
  z.object({ engine: z.string(), ok: z.literal(false), error: RpcErrorSchema }),
]);
export type EngineContainers = z.infer<typeof EngineContainersSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  profilePath: z.string().optional(),
  profileSource: z.enum(['file', 'environment']),
  /** Set when the profile file has a mistake; the console then runs with no connections from it. */
  profileError: z.string().optional(),
  productionEnvironments: z.array(z.string()),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

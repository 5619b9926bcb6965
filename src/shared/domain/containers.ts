import { z } from 'zod';
import { CONTAINER_ACTIONS } from '../container-actions';
import { RpcErrorSchema } from '../errors';

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

/** A container as the fleet view keeps it: the list entry plus what inspect adds. */
export const FleetContainerSchema = ContainerSummarySchema.extend({
  restartCount: z.number().optional(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  exitCode: z.number().optional(),
  /** The environment the container belongs to (PRE, PROD ...), when it can be told. */
  environment: z.string().optional(),
  /** TCP ports it serves: published ports, and with host networking the ones its processes listen on. */
  ports: z.array(z.number()),
  /**
   * True while a running host-network container's listening ports are still being looked for
   * (port discovery runs after the row is inspected); absent once it answered, and for any
   * other container.
   */
  portsPending: z.boolean().optional(),
  networkMode: z.string().optional(),
});
export type FleetContainer = z.infer<typeof FleetContainerSchema>;

export const EngineFeedStateSchema = z.enum(['connecting', 'live', 'reconnecting']);
export type EngineFeedState = z.infer<typeof EngineFeedStateSchema>;

/** What the fleet stream carries: per engine, a snapshot, then changes as Docker reports them. */
export const FleetEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('engine'), engine: z.string(), state: EngineFeedStateSchema, error: RpcErrorSchema.optional(), at: z.number() }),
  /** `partial`: rows from Docker's list only; their inspect data (environment, restarts, ports) follows in another snapshot. */
  z.object({ kind: z.literal('snapshot'), engine: z.string(), containers: z.array(FleetContainerSchema), partial: z.boolean().optional() }),
  z.object({ kind: z.literal('upsert'), container: FleetContainerSchema }),
  z.object({ kind: z.literal('remove'), engine: z.string(), id: z.string() }),
]);
export type FleetEvent = z.infer<typeof FleetEventSchema>;

/** One sample of a container's resource use, computed as `docker stats` does. */
export const StatsSampleSchema = z.object({
  engine: z.string(),
  id: z.string(),
  t: z.number(),
  cpuPercent: z.number(),
  memUsed: z.number(),
  memLimit: z.number(),
  memPercent: z.number(),
  netRx: z.number(),
  netTx: z.number(),
  blkRead: z.number(),
  blkWrite: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof StatsSampleSchema>;

/** A container's recorded stats over a window (Docker keeps none: the console records them). */
export const ContainerStatsSeriesSchema = z.object({
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  samples: z.array(z.object({ t: z.number(), cpuPercent: z.number(), memUsed: z.number() })),
});
export type ContainerStatsSeries = z.infer<typeof ContainerStatsSeriesSchema>;

export const EnvVarSchema = z.object({ name: z.string(), value: z.string(), secret: z.boolean() });

export const HealthLogEntrySchema = z.object({ start: z.string(), end: z.string(), exitCode: z.number(), output: z.string() });

export const ContainerDetailSchema = z.object({
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  created: z.string(),
  path: z.string(),
  args: z.array(z.string()),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  env: z.array(EnvVarSchema),
  labels: z.record(z.string(), z.string()),
  mounts: z.array(z.object({ type: z.string(), source: z.string(), destination: z.string(), mode: z.string(), rw: z.boolean() })),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number() }),
  networkMode: z.string(),
  hostname: z.string(),
  user: z.string(),
  workingDir: z.string(),
  restartCount: z.number(),
  state: z.object({
    status: z.string(),
    pid: z.number(),
    exitCode: z.number(),
    error: z.string(),
    oomKilled: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string(),
    health: z.object({ status: z.string(), failingStreak: z.number(), log: z.array(HealthLogEntrySchema) }).optional(),
  }),
  limits: z.object({ memory: z.number(), nanoCpus: z.number(), cpuShares: z.number(), pidsLimit: z.number().nullable() }),
  environment: z.string().optional(),
  production: z.boolean(),
});
export type ContainerDetail = z.infer<typeof ContainerDetailSchema>;

export const ProcessListSchema = z.object({ titles: z.array(z.string()), processes: z.array(z.array(z.string())) });
export type ProcessList = z.infer<typeof ProcessListSchema>;

export const ImageLayerSchema = z.object({
  id: z.string(),
  created: z.number(),
  createdBy: z.string(),
  size: z.number(),
  comment: z.string(),
  /** base, middleware or application, by the platform's three-layer convention; metadata-only steps are 'empty'. */
  role: z.enum(['base', 'middleware', 'application', 'empty']),
});
export const ImageLayersSchema = z.object({
  engine: z.string(),
  image: z.string(),
  totalSize: z.number(),
  layers: z.array(ImageLayerSchema),
  split: z.object({ base: z.number(), middleware: z.number(), application: z.number() }),
  /** Set when the image does not follow the convention (application layer not the small top one). */
  warning: z.string().optional(),
});
export type ImageLayers = z.infer<typeof ImageLayersSchema>;

export const ContainerActionSchema = z.enum(CONTAINER_ACTIONS);
export type ContainerAction = z.infer<typeof ContainerActionSchema>;

export const ActionResultSchema = z.object({
  ok: z.boolean(),
  engine: z.string(),
  id: z.string(),
  name: z.string(),
  action: ContainerActionSchema,
  /** The container's state afterwards, as Docker reports it ('removed' after remove). */
  stateAfter: z.string(),
  message: z.string(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

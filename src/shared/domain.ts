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

export const ContainerActionSchema = z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove']);
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

export const AuditEntrySchema = z.object({
  time: z.string(),
  user: z.string(),
  engine: z.string().optional(),
  target: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.unknown()),
  result: z.enum(['ok', 'error']),
  message: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const DockerContextSchema = z.object({
  name: z.string(),
  host: z.string(),
  tls: z.boolean(),
  current: z.boolean(),
  imported: z.boolean(),
});
export type DockerContextInfo = z.infer<typeof DockerContextSchema>;

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

/** What an exec session's stream carries. */
export const ExecEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), session: z.string(), command: z.array(z.string()) }),
  z.object({ kind: z.literal('data'), data: z.string() }),
  /** The process ended (code is its exit code), or the session ended for another reason (message). */
  z.object({ kind: z.literal('exit'), code: z.number().nullable(), message: z.string() }),
]);
export type ExecEvent = z.infer<typeof ExecEventSchema>;

/** One etcd key as the console shows it. Large values are previewed; `registry.get` reads all of it. */
export const RegistryKeySchema = z.object({
  key: z.string(),
  /** Text, or base64 when valueKind is 'binary'. At most 4 KiB; `truncated` says if there is more. */
  value: z.string(),
  valueKind: z.enum(['text', 'json', 'binary']),
  size: z.number(),
  truncated: z.boolean(),
  createRevision: z.string(),
  modRevision: z.string(),
  version: z.string(),
  /** Lease id as decimal text; '0' when none. */
  lease: z.string(),
});
export type RegistryKey = z.infer<typeof RegistryKeySchema>;

export const RegistryEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('snapshot'),
    revision: z.string(),
    keys: z.array(RegistryKeySchema),
    /** Why the view was read again: the watch broke, or its revision was compacted. */
    resync: z.enum(['initial', 'reconnected', 'compacted']),
  }),
  z.object({ kind: z.literal('put'), revision: z.string(), key: RegistryKeySchema }),
  z.object({ kind: z.literal('delete'), revision: z.string(), key: z.string(), lease: z.string() }),
  z.object({ kind: z.literal('state'), state: z.enum(['live', 'reconnecting']), error: RpcErrorSchema.optional() }),
]);
export type RegistryEvent = z.infer<typeof RegistryEventSchema>;

export const DriftKindSchema = z.enum(['stale', 'unregistered', 'duplicate', 'value-mismatch', 'heartbeat-stopped', 'odd-value']);
export type DriftKind = z.infer<typeof DriftKindSchema>;

/** A registered instance matched (or not) to the container that serves it. */
export const InstanceViewSchema = z.object({
  key: z.string(),
  app: z.string(),
  env: z.string(),
  ip: z.string(),
  port: z.number(),
  value: z.string(),
  lease: z.string(),
  createRevision: z.string(),
  modRevision: z.string(),
  container: z.object({ engine: z.string(), id: z.string(), name: z.string(), state: z.string() }).optional(),
  ttl: z.number().optional(),
  grantedTtl: z.number().optional(),
  /** Seconds between observed lease refreshes (mean) and their spread. */
  refreshInterval: z.number().optional(),
  refreshJitter: z.number().optional(),
  problems: z.array(z.object({ kind: DriftKindSchema, message: z.string() })),
});
export type InstanceView = z.infer<typeof InstanceViewSchema>;

export const RegistryServiceViewSchema = z.object({
  app: z.string(),
  env: z.string(),
  production: z.boolean(),
  instances: z.array(InstanceViewSchema),
  /** Running replicas of the service with no registration. */
  unregistered: z.array(z.object({ engine: z.string(), id: z.string(), name: z.string(), ports: z.array(z.number()) })),
});
export type RegistryServiceView = z.infer<typeof RegistryServiceViewSchema>;

export const RegistryViewSchema = z.object({
  revision: z.string(),
  at: z.number(),
  services: z.array(RegistryServiceViewSchema),
  /** False until every engine's containers are known: until then nothing is called stale or unregistered. */
  dockerReady: z.boolean(),
  /** Keys under the instance prefix pattern that do not parse as instances. */
  oddKeys: z.array(z.object({ key: z.string(), message: z.string() })),
});
export type RegistryView = z.infer<typeof RegistryViewSchema>;

export const EtcdMemberStatusSchema = z.object({
  endpoint: z.string(),
  name: z.string().optional(),
  id: z.string().optional(),
  isLeader: z.boolean(),
  version: z.string().optional(),
  dbSize: z.number().optional(),
  raftTerm: z.string().optional(),
  raftIndex: z.string().optional(),
  latencyMs: z.number().optional(),
  errors: z.array(z.string()),
  error: RpcErrorSchema.optional(),
});
export type EtcdMemberStatus = z.infer<typeof EtcdMemberStatusSchema>;

export const ConfdPreviewSchema = z.object({
  revision: z.string(),
  at: z.number(),
  output: z.string().optional(),
  /** The template's error (with its line), when it did not render. */
  error: z.string().optional(),
  keysLoaded: z.number(),
  /** Lines added and removed since the previous render (empty on the first). */
  changes: z.array(z.object({ kind: z.enum(['added', 'removed']), line: z.string() })),
});
export type ConfdPreview = z.infer<typeof ConfdPreviewSchema>;

export const ZabbixSeveritySchema = z.number().int().min(0).max(5);

export const ZabbixProblemSchema = z.object({
  eventid: z.string(),
  objectid: z.string(),
  name: z.string(),
  severity: ZabbixSeveritySchema,
  clock: z.number(),
  acknowledged: z.boolean(),
  acknowledges: z.array(z.object({ clock: z.number(), message: z.string(), user: z.string() })),
  tags: z.array(z.object({ tag: z.string(), value: z.string() })),
  hosts: z.array(z.object({ hostid: z.string(), host: z.string(), name: z.string() })),
  /** Docker engines the affected hosts map to. */
  engines: z.array(z.string()),
  suppressed: z.boolean(),
});
export type ZabbixProblem = z.infer<typeof ZabbixProblemSchema>;

export const ZabbixProblemsEventSchema = z.object({
  at: z.number(),
  problems: z.array(ZabbixProblemSchema),
  error: RpcErrorSchema.optional(),
});
export type ZabbixProblemsEvent = z.infer<typeof ZabbixProblemsEventSchema>;

export const ZabbixItemSchema = z.object({
  itemid: z.string(),
  hostid: z.string(),
  name: z.string(),
  key: z.string(),
  units: z.string(),
  valueType: z.number(),
  lastValue: z.string().optional(),
  lastClock: z.number().optional(),
  delay: z.string(),
});
export type ZabbixItem = z.infer<typeof ZabbixItemSchema>;

export const ZabbixHostSchema = z.object({
  hostid: z.string(),
  host: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  interfaces: z.array(z.string()),
  /** The Docker engine this host is, if any (by setting, name or address). */
  engine: z.string().optional(),
  matchedBy: z.enum(['setting', 'name', 'address']).optional(),
  problems: z.number(),
  items: z.array(ZabbixItemSchema),
});
export type ZabbixHost = z.infer<typeof ZabbixHostSchema>;

export const ZabbixSeriesSchema = z.object({
  itemid: z.string(),
  name: z.string(),
  units: z.string(),
  source: z.enum(['history', 'trends']),
  /** [time ms, value] pairs; null values mark gaps (no data for more than three intervals). */
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
});
export type ZabbixSeries = z.infer<typeof ZabbixSeriesSchema>;

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

export const ScaleStepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create'), engine: z.string(), name: z.string(), number: z.number(), from: z.string(), port: z.number().optional() }),
  z.object({ kind: z.literal('wait-registered'), engine: z.string(), name: z.string() }),
  z.object({ kind: z.literal('deregister'), engine: z.string(), name: z.string(), keys: z.array(z.string()) }),
  z.object({ kind: z.literal('drain'), seconds: z.number() }),
  z.object({ kind: z.literal('stop'), engine: z.string(), name: z.string(), id: z.string(), timeoutSeconds: z.number() }),
  z.object({ kind: z.literal('remove'), engine: z.string(), name: z.string(), id: z.string() }),
  z.object({ kind: z.literal('restart'), engine: z.string(), name: z.string(), id: z.string(), timeoutSeconds: z.number() }),
]);
export type ScaleStep = z.infer<typeof ScaleStepSchema>;

export const ScalePlanSchema = z.object({
  project: z.string(),
  service: z.string(),
  environment: z.string().optional(),
  production: z.boolean(),
  /** Replicas per engine now and after. */
  engines: z.array(z.object({ engine: z.string(), current: z.number(), target: z.number() })),
  steps: z.array(ScaleStepSchema),
});
export type ScalePlan = z.infer<typeof ScalePlanSchema>;

export const ScaleProgressSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), plan: ScalePlanSchema }),
  z.object({ kind: z.literal('step'), index: z.number(), state: z.enum(['running', 'done', 'failed', 'skipped']), message: z.string() }),
  z.object({ kind: z.literal('done'), ok: z.boolean(), message: z.string(), done: z.array(z.string()), notDone: z.array(z.string()) }),
]);
export type ScaleProgress = z.infer<typeof ScaleProgressSchema>;

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

export const SnapshotEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('progress'), message: z.string() }),
  /** The archive (tar.gz), base64, in order. */
  z.object({ kind: z.literal('chunk'), data: z.string() }),
  z.object({ kind: z.literal('done'), path: z.string(), bytes: z.number(), files: z.array(z.string()), fileName: z.string() }),
]);
export type SnapshotEvent = z.infer<typeof SnapshotEventSchema>;

/** Where the profile's passwords and tokens are kept, and which are still written in the profile in plain text. */
export const SecretsStatusSchema = z.object({
  protection: z.enum(['os-keychain', 'file-0600']),
  /** Why the desktop app could not use the OS keychain (and fell back to the 0600 file). */
  keychainUnavailable: z.string().optional(),
  file: z.string(),
  /** Profile fields (zabbix.password ...) still in plain text in the profile file. */
  plainInProfile: z.array(z.string()),
  /** Names of the secrets in the store (never their values). */
  stored: z.array(z.string()),
  /** The store file had wider permissions and was tightened to 0600. */
  repaired: z.boolean(),
});
export type SecretsStatus = z.infer<typeof SecretsStatusSchema>;

import { z } from 'zod';
import {
  ActionResultSchema,
  AppInfoSchema,
  DiagnosticsSchema,
  AuditEntrySchema,
  ConnectionStatusSchema,
  ConfdPreviewSchema,
  ContainerActionSchema,
  ContainerDetailSchema,
  DockerContextSchema,
  EngineContainersSchema,
  FleetEventSchema,
  EtcdMemberStatusSchema,
  ExecEventSchema,
  ImageLayersSchema,
  LogEventSchema,
  LogExportEventSchema,
  LogSearchEventSchema,
  LogSearchInputSchema,
  LogSelectionSchema,
  ProcessListSchema,
  RegistryEventSchema,
  RegistryViewSchema,
  ScalePlanSchema,
  SnapshotEventSchema,
  ScaleProgressSchema,
  StatsSampleSchema,
  TimelineEventSchema,
  TopologyViewSchema,
  ZabbixHostSchema,
  ContainerStatsSeriesSchema,
  SecretsStatusSchema,
  ZabbixItemSchema,
  ZabbixProblemsEventSchema,
  ZabbixSeriesSchema,
  WatchViewSchema,
  NotificationRulesSchema,
  LogRulesSchema,
  LogRulesViewSchema,
  IncidentNotificationSchema,
  SessionSchema,
  SESSION_LIMITS,
} from './domain';

const ScaleInput = z
  .object({
    project: z.string().min(1).max(200),
    service: z.string().min(1).max(200),
    /** Replicas wanted on each named engine (engines not named keep theirs). */
    targets: z.array(z.object({ engine: z.string().min(1), replicas: z.number().int().min(0).max(50) }).strict()).min(1).max(50),
    /** Seconds to let consumers (confd polls every 5 s) notice a deregistration before stopping. */
    drainSeconds: z.number().min(0).max(300).default(5),
    stopTimeoutSeconds: z.number().int().min(0).max(600).default(10),
    registerTimeoutSeconds: z.number().int().min(1).max(600).default(60),
    confirmName: z.string().max(300).optional(),
  })
  .strict();
const RestartInput = z
  .object({
    project: z.string().min(1).max(200),
    service: z.string().min(1).max(200),
    stopTimeoutSeconds: z.number().int().min(0).max(600).default(10),
    registerTimeoutSeconds: z.number().int().min(1).max(600).default(60),
    confirmName: z.string().max(300).optional(),
  })
  .strict();

const ContainerRef = z.object({ engine: z.string().min(1).max(200), id: z.string().min(1).max(200) }).strict();

const NoInput = z.object({}).strict().default({});

/**
 * Every call the renderer can make, defined once. The main side validates every input
 * against these schemas, whatever the transport.
 */
export const calls = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  /** Versions, connection states and the last 200 lines of the console's log, secrets masked (Settings, "Copy diagnostics"). */
  'diagnostics.get': { input: NoInput, output: DiagnosticsSchema },
  /** What the console had open when it last ran (screen, filters, terminals); empty when none was kept. */
  'session.get': { input: NoInput, output: SessionSchema },
  /** Keeps what the console has open now (written to the data directory shortly after, and at exit). */
  'session.save': {
    input: SessionSchema.refine((s) => JSON.stringify(s).length <= SESSION_LIMITS.maxChars, { message: `the session is larger than ${SESSION_LIMITS.maxChars} characters` }),
    output: z.object({ ok: z.literal(true) }),
  },
  'connections.list': { input: NoInput, output: z.array(ConnectionStatusSchema) },
  'connections.check': {
    input: z.object({ id: z.string().min(1).optional() }).strict().default({}),
    output: z.array(ConnectionStatusSchema),
  },
  'containers.list': {
    input: z
      .object({ engines: z.array(z.string().min(1)).max(100).optional(), all: z.boolean().default(true) })
      .strict()
      .default({ all: true }),
    output: z.array(EngineContainersSchema),
  },
  'containers.inspect': { input: ContainerRef, output: ContainerDetailSchema },
  'containers.top': { input: ContainerRef, output: ProcessListSchema },
  'images.layers': {
    input: z.object({ engine: z.string().min(1), image: z.string().min(1).max(500) }).strict(),
    output: ImageLayersSchema,
  },
  /** Every change goes through here: confirmed in the UI, checked again here for production, audited. */
  'containers.action': {
    input: z
      .object({
        engine: z.string().min(1),
        id: z.string().min(1),
        action: ContainerActionSchema,
        /** stop / restart: seconds to wait before SIGKILL. */
        timeoutSeconds: z.number().int().min(0).max(3600).optional(),
        /** kill: the signal to send. */
        signal: z.string().regex(/^(SIG)?[A-Z0-9+-]{1,12}$/).optional(),
        /** remove: also if running. */
        force: z.boolean().optional(),
        /** Production containers: the container name typed by the engineer. */
        confirmName: z.string().max(300).optional(),
      })
      .strict(),
    output: ActionResultSchema,
  },
  'audit.list': {
    input: z.object({ limit: z.number().int().min(1).max(10_000).default(500) }).strict().default({ limit: 500 }),
    output: z.array(AuditEntrySchema),
  },
  'contexts.list': { input: NoInput, output: z.array(DockerContextSchema) },
  /** A key's whole value (text, or base64 when binary). */
  'registry.get': {
    input: z.object({ key: z.string().min(1).max(4096) }).strict(),
    output: z.object({ key: z.string(), value: z.string(), encoding: z.enum(['utf8', 'base64']), size: z.number(), found: z.boolean() }),
  },
  /** Registry changes: confirmed in the UI, checked here for production (type the key), audited. */
  'registry.put': {
    input: z.object({ key: z.string().min(1).max(4096), value: z.string().max(1024 * 1024), confirmName: z.string().max(4096).optional() }).strict(),
    output: z.object({ ok: z.literal(true), revision: z.string() }),
  },
  'registry.delete': {
    input: z.object({ key: z.string().min(1).max(4096), confirmName: z.string().max(4096).optional() }).strict(),
    output: z.object({ ok: z.literal(true), deleted: z.number(), revision: z.string() }),
  },
  /** Deregisters an instance: deletes its key (its lease is left to its holder). */
  'registry.deregister': {
    input: z.object({ key: z.string().min(1).max(4096), confirmName: z.string().max(4096).optional() }).strict(),
    output: z.object({ ok: z.literal(true), deleted: z.number(), revision: z.string() }),
  },
  /** Revokes a lease: every key attached to it goes at once. */
  'registry.revokeLease': {
    input: z.object({ lease: z.string().regex(/^\d{1,20}$/), confirmName: z.string().max(4096).optional() }).strict(),
    output: z.object({ ok: z.literal(true), keys: z.array(z.string()) }),
  },
  'etcd.members': { input: NoInput, output: z.array(EtcdMemberStatusSchema) },
  /** Zabbix hosts with their matching Docker engine, problem count and key items. */
  'zabbix.hosts': { input: NoInput, output: z.array(ZabbixHostSchema) },
  /** Where the profile's secrets are kept (names only, never values). */
  'secrets.status': { input: NoInput, output: SecretsStatusSchema },
  /** Moves plain-text passwords and tokens of the profile file into the secret store. Audited. */
  'secrets.protect': { input: NoInput, output: SecretsStatusSchema },
  /** Container stats recorded by the console (since it started) within a window, per container of an engine. */
  'stats.history': {
    input: z.object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative(), engine: z.string().min(1).max(200).optional() }).strict(),
    output: z.object({ since: z.number(), everyMs: z.number(), containers: z.array(ContainerStatsSeriesSchema) }),
  },
  'zabbix.items': {
    input: z.object({ hostids: z.array(z.string().regex(/^\d+$/)).min(1).max(100), search: z.string().max(200).optional() }).strict(),
    output: z.array(ZabbixItemSchema),
  },
  /** History for short ranges, trends (hourly) for long ones, chosen by the range. Times in ms. */
  'zabbix.history': {
    input: z
      .object({ itemids: z.array(z.string().regex(/^\d+$/)).min(1).max(20), from: z.number().int(), to: z.number().int() })
      .strict()
      .refine((r) => r.to > r.from && r.to - r.from <= 400 * 24 * 3600 * 1000, { message: 'to must be after from, within 400 days' }),
    output: z.array(ZabbixSeriesSchema),
  },
  /** Acknowledges a problem with a message (audited). */
  'zabbix.acknowledge': {
    input: z.object({ eventid: z.string().regex(/^\d+$/), message: z.string().min(1).max(2048) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** What scaling a compose service to the targets would do, step by step (changes nothing). */
  'scale.plan': { input: ScaleInput, output: ScalePlanSchema },
  /** Which incidents raise a notification (environments, minimum severity, snoozed services). */
  'notifications.rules': { input: NoInput, output: NotificationRulesSchema },
  'notifications.setRules': { input: NotificationRulesSchema.strict(), output: NotificationRulesSchema },
  /** The log alert rules, and what each follows now. */
  'logRules.list': { input: NoInput, output: LogRulesViewSchema },
  /** Replaces the log alert rules (a bad regular expression is BAD_REQUEST; audited). */
  'logRules.set': { input: z.object({ rules: LogRulesSchema }).strict(), output: LogRulesViewSchema },
  /** No notification for a service's incidents for a while. */
  'notifications.snooze': {
    input: z.object({ service: z.string().min(1).max(300), minutes: z.number().int().min(1).max(24 * 60) }).strict(),
    output: NotificationRulesSchema,
  },
  /** Keystrokes (or pasted text) for an exec session. */
  'exec.input': {
    input: z.object({ session: z.string().min(1).max(100), data: z.string().max(1024 * 1024) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  'exec.resize': {
    input: z.object({ session: z.string().min(1).max(100), cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  /** Adds a docker CLI context to the profile as an engine (its TLS material is read where it is). */
  'contexts.import': {
    input: z.object({ name: z.string().min(1).max(200) }).strict(),
    output: z.array(DockerContextSchema),
  },
} as const;

/** Every stream: its subscription input and the items it carries (delivered in batches). */
export const streams = {
  /** Each connection's status, first all of them, then every change. */
  'connections.status': { input: NoInput, item: ConnectionStatusSchema },
  /** Every container of every engine: a snapshot per engine, then each change from Docker's events. */
  'containers.fleet': { input: NoInput, item: FleetEventSchema },
  /** Live resource use of the given containers (one sample per container about every second). */
  'containers.stats': {
    input: z.object({ containers: z.array(ContainerRef).min(1).max(500) }).strict(),
    item: StatsSampleSchema,
  },
  /** Merged logs of a selection: the last N lines (or since/until), then new lines as they come. */
  'logs.tail': {
    input: z
      .object({
        selection: LogSelectionSchema,
        tail: z.number().int().min(0).max(1_000_000).default(1000),
        /** RFC 3339 timestamps. */
        since: z.string().datetime({ offset: true }).optional(),
        until: z.string().datetime({ offset: true }).optional(),
        follow: z.boolean().default(true),
      })
      .strict(),
    item: LogEventSchema,
  },
  /** An interactive shell (TTY) in a container; ending the subscription ends the session. Audited. */
  'exec.session': {
    input: z
      .object({
        engine: z.string().min(1).max(200),
        id: z.string().min(1).max(200),
        /** Empty: bash, else sh, else ash. */
        command: z.array(z.string().max(4096)).max(100).optional(),
        cols: z.number().int().min(1).max(1000).default(80),
        rows: z.number().int().min(1).max(1000).default(24),
        confirmName: z.string().max(300).optional(),
      })
      .strict(),
    item: ExecEventSchema,
  },
  /** The raw key tree: a snapshot, then every put and delete (with revisions). */
  'registry.keys': { input: NoInput, item: RegistryEventSchema },
  /** Services and instances matched against Docker, with leases and drift; sent on change and every second. */
  'registry.view': { input: NoInput, item: RegistryViewSchema },
  /** What confd would write for a template resource, rendered live from the registry. */
  'confd.preview': {
    input: z
      .object({
        template: z.string().max(256 * 1024),
        prefix: z.string().startsWith('/').max(1024).default('/'),
        keys: z.array(z.string().startsWith('/').max(1024)).min(1).max(100).default(['/']),
      })
      .strict(),
    item: ConfdPreviewSchema,
  },
  /** Active problems across hosts: the list now, then again whenever it changes (checked every 5 s). */
  'zabbix.problems': { input: NoInput, item: ZabbixProblemsEventSchema },
  /** The incident timeline: what is known from the last hours first, then each new event (and updates of groups). */
  'timeline.events': {
    input: z.object({ since: z.number().int().optional() }).strict().default({}),
    item: TimelineEventSchema,
  },
  /** What is wrong now: incidents with their evidence, and why each container and service is degraded; then every change. */
  'watch.view': { input: NoInput, item: WatchViewSchema },
  /** A notification for each new (or worse) incident that passes the rules. */
  'notifications.incidents': { input: NoInput, item: IncidentNotificationSchema },
  /** Applies a scale plan, reporting each step; stops at the first failure and says what was and was not done. */
  'scale.apply': { input: ScaleInput, item: ScaleProgressSchema },
  /** Restarts a service's replicas one at a time, each waiting until it is registered and healthy again. */
  'scale.restart': { input: RestartInput, item: ScaleProgressSchema },
  /** Environments, services, instances, containers and engines with health from all three sources. */
  'topology.view': { input: NoInput, item: TopologyViewSchema },
  /** An incident bundle for a window: timeline, logs of the chosen services, inspect data, registry, problems, charts; secrets masked. */
  'snapshot.export': {
    input: z
      .object({
        from: z.number().int(),
        to: z.number().int(),
        /** Compose services whose logs and containers go in. */
        services: z.array(z.object({ project: z.string().min(1), service: z.string().min(1) }).strict()).max(50).default([]),
      })
      .strict()
      .refine((r) => r.to > r.from && r.to - r.from <= 7 * 24 * 3600 * 1000, { message: 'to must be after from, within 7 days' }),
    item: SnapshotEventSchema,
  },
  /** The whole range of a selection, merged, as text or JSON lines (for download). */
  'logs.export': {
    input: z
      .object({
        selection: LogSelectionSchema,
        since: z.string().datetime({ offset: true }).optional(),
        until: z.string().datetime({ offset: true }).optional(),
        format: z.enum(['text', 'jsonl']).default('text'),
      })
      .strict(),
    item: LogExportEventSchema,
  },
  /** A text or regex over the logs of every container of a scope, for a time range: progress, per-container results, a summary. */
  'logs.search': { input: LogSearchInputSchema, item: LogSearchEventSchema },
} as const;

export type Calls = typeof calls;
export type Streams = typeof streams;
export type CallName = keyof Calls;
export type StreamName = keyof Streams;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;
export type StreamInput<N extends StreamName> = z.input<Streams[N]['input']>;
export type StreamParsedInput<N extends StreamName> = z.output<Streams[N]['input']>;
export type StreamItem<N extends StreamName> = z.output<Streams[N]['item']>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.prototype.hasOwnProperty.call(streams, name);
}

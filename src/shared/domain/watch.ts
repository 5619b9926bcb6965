import { z } from 'zod';

export const IncidentSeveritySchema = z.enum(['critical', 'error', 'warning']);
export type IncidentSeverity = z.infer<typeof IncidentSeveritySchema>;

export const ContainerRefSchema = z.object({ engine: z.string(), id: z.string(), name: z.string() });
export type ContainerRefInfo = z.infer<typeof ContainerRefSchema>;

/** One link of an incident's chain of evidence, in plain words. */
export const EvidenceSchema = z.object({
  at: z.number(),
  source: z.enum(['docker', 'registry', 'zabbix', 'connection', 'log']),
  text: z.string(),
  /** The container it is about (logs at `at`, shell, detail). */
  container: ContainerRefSchema.optional(),
  /** A registry key it is about. */
  key: z.string().optional(),
  /** A Zabbix problem it is about. */
  problem: z.object({ eventid: z.string(), name: z.string(), severity: z.number(), acknowledged: z.boolean() }).optional(),
  /** The last log lines before a death, when read. */
  lastLines: z.array(z.string()).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Something wrong now (or resolved lately), with why, linked across Docker, etcd and Zabbix. */
/** Of a long chain of evidence, an incident keeps this many first and latest lines. */
export const INCIDENT_EVIDENCE = { first: 3, last: 7 };

export const IncidentSchema = z.object({
  id: z.string(),
  state: z.enum(['open', 'resolved']),
  severity: IncidentSeveritySchema,
  /** The platform service, app_ENV (the one name used on every screen). */
  service: z.string().optional(),
  environment: z.string().optional(),
  production: z.boolean(),
  /** Compose project/service of the replicas (restart, scale). */
  compose: z.object({ project: z.string(), service: z.string() }).optional(),
  title: z.string(),
  /** The chain in time order (of a long one, its first and latest lines). */
  evidence: z.array(EvidenceSchema),
  /** How many lines of a long chain are left out between its first and latest ones. */
  evidenceOmitted: z.number().optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
  resolvedAt: z.number().optional(),
  /** Where to look first: the container and moment of the failure. */
  focus: z.object({ container: ContainerRefSchema, at: z.number() }).optional(),
  /** A running, healthy replica of the same service to open a shell in. */
  healthyReplica: ContainerRefSchema.optional(),
  /** The open Zabbix problem of the incident, if any. */
  problem: z.object({ eventid: z.string(), name: z.string(), severity: z.number(), acknowledged: z.boolean() }).optional(),
});
export type Incident = z.infer<typeof IncidentSchema>;

/** Why a container or service is not all right (shown beside its health everywhere). */
export const HealthNoteSchema = z.object({ level: z.enum(['warning', 'error']), reason: z.string(), incident: z.string().optional() });
export type HealthNote = z.infer<typeof HealthNoteSchema>;

/** What the watch knows now: the incidents, and health notes by container (`engine/id`) and service. */
export const WatchViewSchema = z.object({
  at: z.number(),
  incidents: z.array(IncidentSchema),
  containers: z.record(z.string(), HealthNoteSchema),
  services: z.record(z.string(), HealthNoteSchema),
  /** What is being watched (said when nothing is wrong). */
  watching: z.object({
    engines: z.number(),
    enginesUp: z.number(),
    containers: z.number(),
    services: z.number(),
    etcd: z.enum(['none', 'live', 'down']),
    zabbix: z.enum(['none', 'live', 'down']),
  }),
});
export type WatchView = z.infer<typeof WatchViewSchema>;

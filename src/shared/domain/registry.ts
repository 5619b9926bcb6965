import { z } from 'zod';
import { RpcErrorSchema } from '../errors';

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
    /** When the main side read this tree (epoch ms). */
    at: z.number().optional(),
    /**
     * The last re-read forced by a compacted revision (changes in between are not known one by
     * one), also told to a screen that subscribes later, so it can still say so.
     */
    lastCompacted: z.object({ revision: z.string(), at: z.number() }).optional(),
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
  /** No container matched yet, but a running one that could serve it is still having its ports looked for. */
  portsPending: z.boolean().optional(),
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

import { z } from 'zod';
import { RpcErrorSchema } from '../errors';

export const ConnectionKindSchema = z.enum(['docker', 'etcd', 'zabbix']);
export type ConnectionKind = z.infer<typeof ConnectionKindSchema>;

export const ConnectionStateSchema = z.enum(['connecting', 'connected', 'error']);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/**
 * One piece of a connection that can stop answering on its own: an etcd member, the Zabbix
 * server behind the Zabbix API. `downSince` is set while it does not answer (the start of
 * the first check that got no answer); `error.code` TIMEOUT means it is frozen, not gone.
 */
export const ConnectionPartSchema = z.object({
  name: z.string(),
  target: z.string(),
  responding: z.boolean(),
  downSince: z.number().optional(),
  latencyMs: z.number().optional(),
  error: RpcErrorSchema.optional(),
});
export type ConnectionPart = z.infer<typeof ConnectionPartSchema>;

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
  /** The last time a check got an answer. */
  respondedAt: z.number().optional(),
  /** Set while checks fail: when the first failing check started (screens mark its data stale from then). */
  downSince: z.number().optional(),
  /** Pieces checked one by one (etcd members; the Zabbix server and its API). */
  parts: z.array(ConnectionPartSchema).optional(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatusSchema>;

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
  /** The console's own log file (connection changes and errors, secrets masked). */
  logFile: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const DockerContextSchema = z.object({
  name: z.string(),
  host: z.string(),
  tls: z.boolean(),
  current: z.boolean(),
  imported: z.boolean(),
});
export type DockerContextInfo = z.infer<typeof DockerContextSchema>;

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

import { z } from 'zod';
import { LogRulesSchema } from '../../shared/domain/log-rules';

const TlsFiles = z
  .object({
    ca: z.string().min(1).optional(),
    cert: z.string().min(1).optional(),
    key: z.string().min(1).optional(),
  })
  .strict();

export const DockerHostConfigSchema = z
  .object({
    name: z.string().min(1),
    /** As DOCKER_HOST: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host[:port], npipe:////./pipe/docker_engine */
    host: z.string().regex(/^(unix|tcp|ssh|npipe):\/\//, 'must start with unix://, tcp://, ssh:// or npipe://'),
    tls: TlsFiles.optional(),
    /** tcp only, as a docker context's SkipTLSVerify: TLS without checking the engine's certificate. */
    tlsSkipVerify: z.boolean().optional(),
    /** ssh only: a private key file; otherwise ~/.ssh/config's IdentityFile, then the ssh agent (SSH_AUTH_SOCK). */
    sshKey: z.string().min(1).optional(),
    /** Environment names this engine serves, when they cannot be read from containers. */
    environment: z.string().optional(),
    /** IP addresses its host-network containers are reached at (registry matching); default: from host. */
    addresses: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type DockerHostConfig = z.infer<typeof DockerHostConfigSchema>;

export const EtcdConfigSchema = z
  .object({
    name: z.string().min(1).default('etcd'),
    endpoints: z.array(z.string().regex(/^https?:\/\//, 'must start with http:// or https://')).min(1),
    tls: TlsFiles.optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
  })
  .strict();
export type EtcdConfig = z.infer<typeof EtcdConfigSchema>;

export const ZabbixConfigSchema = z
  .object({
    name: z.string().min(1).default('zabbix'),
    url: z.string().url(),
    /** host:port of zabbix_server's trapper (ListenPort), checked for liveness beside the API. */
    server: z.string().regex(/^[^:\s]+:\d+$/, 'host:port').optional(),
    apiToken: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** Docker engine name -> Zabbix host name, where names and addresses do not match by themselves. */
    engineHosts: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((z) => z.apiToken || z.username, { message: 'needs apiToken, or username and password' });
export type ZabbixConfig = z.infer<typeof ZabbixConfigSchema>;

export const ProfileSchema = z
  .object({
    /** Environment names that get the stronger confirmation. */
    productionEnvironments: z.array(z.string().min(1)).default(['PROD', 'PRD', 'PRODUCTION']),
    docker: z.array(DockerHostConfigSchema).default([]),
    /** Log alert rules (the Incidents screen's editor writes them here). */
    logRules: LogRulesSchema.optional(),
    etcd: EtcdConfigSchema.optional(),
    zabbix: ZabbixConfigSchema.optional(),
    registry: z
      .object({
        /** Regular expression with named groups app, env, ip, port: which keys are service instances. */
        instancePattern: z.string().min(1).optional(),
        /** Where the registry lives in etcd (watched as a prefix). */
        root: z.string().startsWith('/').default('/'),
      })
      .strict()
      .default({ root: '/' }),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.docker.forEach((engine, index) => {
      if (seen.has(engine.name)) {
        ctx.addIssue({ code: 'custom', path: ['docker', index, 'name'], message: `duplicate engine name "${engine.name}"` });
      }
      seen.add(engine.name);
    });
  });
export type Profile = z.infer<typeof ProfileSchema>;

import type { AppInfo, SecretsStatus } from '../shared/domain';
import { loadProfileFile, ProfileError } from './config/load-profile';
import { profileFromEnvironment } from './config/environment-profile';
import { dataDir, profilePath as defaultProfilePath } from './config/paths';
import { dockerConfigDir, listDockerContexts } from './config/docker-contexts';
import { addEngineToProfile } from './config/save-profile';
import { DockerEngine } from './connectors/docker/docker-engine';
import { RpcError } from '../shared/errors';
import { dirname, join } from 'node:path';
import type { DockerContextInfo } from '../shared/domain';
import { AuditLog } from './services/audit/audit-log';
import { ContainerActions } from './services/containers/container-actions';
import { toContainerDetail } from './services/containers/container-detail';
import { analyseLayers, type HistoryEntry } from './services/containers/image-layers';
import { FleetService } from './services/fleet/fleet-service';
import { StatsService } from './services/stats/stats-service';
import { LogsService } from './services/logs/logs-service';
import { ExecService } from './services/exec/exec-service';
import { RegistryService } from './services/registry/registry-service';
import { watchPreview } from './services/confd/confd-preview';
import { ZabbixService } from './services/zabbix/zabbix-service';
import { TimelineService } from './services/timeline/timeline-service';
import { ScaleService } from './services/scale/scale-service';
import { StatsHistory } from './services/stats/stats-history';
import { moveSecretsToStore, plainSecretsInProfile, secretSources } from './config/profile-secrets';
import { SecretStore, type SecretCipher } from './config/secret-store';
import { watchTopology } from './services/topology/topology-service';
import { SnapshotService } from './services/snapshot/snapshot-service';
import { toRpcError } from './rpc/errors';
import { ProfileSchema, type Profile } from './config/profile-schema';
import { RpcDispatcher } from './rpc/dispatcher';
import type { CallHandlers, StreamHandlers } from './rpc/handlers';
import { buildConnectors, closeConnectors, connectionId, type Connectors } from './services/connection-registry';
import { ConnectionsService } from './services/connections-service';
import { ContainersService } from './services/containers-service';

export interface AppContextOptions {
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to OPS_CONSOLE_PROFILE or connections.yaml in the config directory. */
  profilePath?: string;
  checkIntervalMs?: number;
  /** Seals the secret store with the OS keychain (the desktop app's safeStorage); without it, a 0600 file. */
  secretCipher?: SecretCipher;
  /** The desktop app found no usable OS keychain: why (shown on the Connections screen). */
  keychainUnavailable?: string;
  /** Record every running container's stats in the background (the hosts do; tests mostly do not). */
  recordStats?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface AppContext {
  dispatcher: RpcDispatcher;
  connectors: Connectors;
  connections: ConnectionsService;
  containers: ContainersService;
  fleet: FleetService;
  audit: AuditLog;
  registry?: RegistryService;
  timeline: TimelineService;
  statsHistory: StatsHistory;
  info: AppInfo;
  close(): void;
}

async function resolveProfile(path: string, env: NodeJS.ProcessEnv, secrets: SecretStore): Promise<{ profile: Profile; source: AppInfo['profileSource']; error?: string }> {
  try {
    const fromFile = await loadProfileFile(path, secrets);
    if (fromFile) return { profile: fromFile, source: 'file' };
    return { profile: profileFromEnvironment(env), source: 'environment' };
  } catch (error) {
    const message = error instanceof ProfileError ? error.message : `${path}: ${(error as Error).message}`;
    return { profile: ProfileSchema.parse({}), source: 'file', error: message };
  }
}

/** Builds everything the main side needs, the same for the Electron host and browser mode. */
export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const env = options.env ?? process.env;
  const path = options.profilePath ?? defaultProfilePath(env);
  const secrets = new SecretStore(env.OPS_CONSOLE_SECRETS ?? join(dirname(path), 'secrets.json'), options.secretCipher);
  const { profile, source, error } = await resolveProfile(path, env, secrets);
  if (error) options.log?.(`profile error: ${error}`);
  try {
    secrets.names(); // checks (and repairs) the store's permissions now, not when first needed
  } catch (err) {
    options.log?.(`secret store: ${(err as Error).message}`);
  }
  if (secrets.repaired) options.log?.(`${secrets.file} was readable by others: its permissions were set to 0600`);

  const connectors = buildConnectors(profile);
  const connections = new ConnectionsService(connectors);
  /** Shows on the Zabbix and etcd cards where their password or token is kept (never the value). */
  const noteSecretSources = async () => {
    const sources = source === 'file' ? await secretSources(path) : {};
    const where = (field: string) => {
      if (source === 'environment') return 'environment variable';
      if (sources[field] === 'store') return `secret store (${secrets.protection === 'os-keychain' ? 'OS keychain' : '0600 file'})`;
      return 'profile file, plain text';
    };
    if (profile.zabbix) {
      const token = !!profile.zabbix.apiToken;
      if (token || profile.zabbix.password) {
        connections.setNotes(connectionId('zabbix', profile.zabbix.name), token ? { token: where('zabbix.apiToken') } : { password: where('zabbix.password') });
      }
    }
    if (profile.etcd?.password) connections.setNotes(connectionId('etcd', profile.etcd.name), { password: where('etcd.password') });
  };
  await noteSecretSources().catch((err: unknown) => options.log?.('cannot tell where the secrets are kept', err));
  const containers = new ContainersService(connectors);
  const fleet = new FleetService(connectors);
  const stats = new StatsService(connectors);
  const statsHistory = new StatsHistory(fleet, stats, undefined, () => connectors.docker.map((e) => e.name));
  if (options.recordStats) statsHistory.start();
  const logs = new LogsService(connectors, fleet);
  const audit = new AuditLog(join(dataDir(env), 'audit.jsonl'));
  const execs = new ExecService(connectors, audit, () => profile.productionEnvironments);
  const registry = connectors.etcd
    ? new RegistryService(connectors.etcd, connectors, fleet, audit, {
        instancePattern: profile.registry.instancePattern,
        root: profile.registry.root,
        productionEnvironments: () => profile.productionEnvironments,
      })
    : undefined;
  const zabbix = connectors.zabbix ? new ZabbixService(connectors.zabbix, connectors, audit, profile.zabbix?.engineHosts) : undefined;
  const needZabbix = () => {
    if (!zabbix) throw new RpcError('UNAVAILABLE', 'No Zabbix is configured (add zabbix to the profile, or set ZABBIX_URL and ZABBIX_API_TOKEN).');
    return zabbix;
  };
  const timeline = new TimelineService(connectors, fleet, registry, connectors.zabbix, audit, { instancePattern: profile.registry.instancePattern });
  const knownSecrets = [profile.etcd?.password, profile.zabbix?.password, profile.zabbix?.apiToken].filter((v): v is string => !!v);
  const snapshots = new SnapshotService(connectors, logs, timeline, registry, zabbix, dataDir(env), knownSecrets);
  const scale = new ScaleService(connectors, fleet, registry, audit, () => profile.productionEnvironments);
  const needRegistry = () => {
    if (!registry) throw new RpcError('UNAVAILABLE', 'No etcd registry is configured (add etcd to the profile, or set ETCDCTL_ENDPOINTS).');
    return registry;
  };
  const actions = new ContainerActions(connectors, audit, () => profile.productionEnvironments);

  const engineNamed = (name: string) => {
    const engine = connectors.docker.find((e) => e.name === name);
    if (!engine) throw new RpcError('NOT_FOUND', `Unknown Docker engine: ${name}`);
    return engine;
  };
  const dockerCall = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw toRpcError(err);
    }
  };
  const secretsStatus = async (): Promise<SecretsStatus> => {
    let stored: string[] = [];
    try {
      stored = secrets.names();
    } catch (err) {
      throw new RpcError('UNAVAILABLE', (err as Error).message);
    }
    return { protection: secrets.protection, keychainUnavailable: options.keychainUnavailable, file: secrets.file, plainInProfile: await plainSecretsInProfile(path), stored, repaired: secrets.repaired };
  };
  const contexts = (): DockerContextInfo[] =>
    listDockerContexts(dockerConfigDir(env)).map((c) => ({
      name: c.name,
      host: c.host,
      tls: c.tls,
      current: c.current,
      imported: connectors.docker.some((e) => e.name === c.name || e.target === c.host),
    }));
  const info: AppInfo = {
    name: 'Ops Console',
    version: options.version,
    host: options.host,
    profilePath: path,
    profileSource: source,
    profileError: error,
    productionEnvironments: profile.productionEnvironments,
    platform: `${process.platform}/${process.arch}`,
  };

  const calls: CallHandlers = {
    'app.info': () => info,
    'connections.list': () => connections.list(),
    'connections.check': ({ id }) => connections.check(id),
    'containers.list': async ({ engines, all }) => {
      const result = await containers.list(engines, all);
      // An engine that just failed to list is re-checked, so its connection state follows at once.
      for (const failed of result.filter((e) => !e.ok)) void connections.check(`docker:${failed.engine}`).catch(() => undefined);
      return result;
    },
    'containers.inspect': async ({ engine, id }) => {
      const docker = engineNamed(engine);
      const info = await dockerCall(() => docker.api.getContainer(id).inspect());
      return toContainerDetail(engine, info, profile.productionEnvironments);
    },
    'containers.top': async ({ engine, id }) => {
      const docker = engineNamed(engine);
      const top = (await dockerCall(() => docker.api.getContainer(id).top({ ps_args: 'aux' }))) as { Titles?: string[]; Processes?: string[][] };
      return { titles: top.Titles ?? [], processes: top.Processes ?? [] };
    },
    'images.layers': async ({ engine, image }) => {
      const docker = engineNamed(engine);
      const history = (await dockerCall(() => docker.api.getImage(image).history())) as HistoryEntry[];
      return analyseLayers(engine, image, history);
    },
    'containers.action': (request) => actions.run(request),
    'audit.list': ({ limit }) => audit.list(limit),
    'contexts.list': () => contexts(),
    'registry.get': ({ key }) => needRegistry().get(key),
    'registry.put': ({ key, value, confirmName }) => needRegistry().put(key, value, confirmName),
    'registry.delete': ({ key, confirmName }) => needRegistry().delete(key, confirmName, 'delete'),
    'registry.deregister': ({ key, confirmName }) => needRegistry().delete(key, confirmName, 'deregister'),
    'registry.revokeLease': ({ lease, confirmName }) => needRegistry().revokeLease(lease, confirmName),
    'etcd.members': () => needRegistry().members(),
    'scale.plan': (input) => scale.plan(input),
    'secrets.status': () => secretsStatus(),
    'secrets.protect': async () => {
      const moved = await moveSecretsToStore(path, secrets);
      await noteSecretSources();
      await audit.record({ target: path, action: 'protect-secrets', params: { fields: moved.join(', '), store: secrets.file, protection: secrets.protection }, result: 'ok', message: moved.length ? `Moved ${moved.join(', ')} from ${path} to ${secrets.file}` : 'No plain-text secret in the profile' });
      return secretsStatus();
    },
    'stats.history': ({ from, to, engine }) => statsHistory.query(from, to, engine),
    'zabbix.hosts': () => needZabbix().hosts(),
    'zabbix.items': ({ hostids, search }) => needZabbix().items(hostids, search),
    'zabbix.history': ({ itemids, from, to }) => needZabbix().history(itemids, from, to),
    'zabbix.acknowledge': ({ eventid, message }) => needZabbix().acknowledge(eventid, message),
    'exec.input': ({ session, data }) => execs.input(session, data),
    'exec.resize': ({ session, cols, rows }) => execs.resize(session, cols, rows),
    'contexts.import': async ({ name }) => {
      const context = listDockerContexts(dockerConfigDir(env)).find((c) => c.name === name);
      if (!context) throw new RpcError('NOT_FOUND', `No docker context named ${name}`);
      if (connectors.docker.some((e) => e.name === name)) throw new RpcError('CONFLICT', `An engine named ${name} is already connected`);
      let engine: DockerEngine;
      try {
        engine = new DockerEngine(context.config);
      } catch (err) {
        throw new RpcError('BAD_REQUEST', `Cannot use docker context ${name}: ${(err as Error).message}`);
      }
      connectors.docker.push(engine);
      connections.addDocker(engine);
      fleet.ensureFeed(engine.name);
      await addEngineToProfile(path, profile, context.config, secrets);
      profile.docker.push(context.config);
      await audit.record({ engine: name, target: name, action: 'import-context', params: { host: context.host, tls: context.tls }, result: 'ok', message: `Docker context ${name} added to ${path}` });
      return contexts();
    },
  };
  const streams: StreamHandlers = {
    'connections.status': (_input, sink) => {
      for (const status of connections.list()) sink.push(status);
      return connections.onChange((status) => sink.push(status));
    },
    'containers.fleet': (_input, sink) => fleet.subscribe((event) => sink.push(event)),
    'containers.stats': ({ containers: refs }, sink) =>
      stats.watch(
        refs,
        (sample) => sink.push(sample),
        (engine, id, err) => options.log?.(`stats of ${engine}/${id} unavailable`, err),
      ),
    'logs.tail': (input, sink) => logs.tail(input, sink),
    'logs.export': (input, sink) => logs.export(input, sink),
    'exec.session': (input, sink) => execs.open(input, sink),
    'registry.keys': (_input, sink) => needRegistry().store.subscribe((event) => sink.push(event)),
    'registry.view': (_input, sink) => needRegistry().watchView((view) => sink.push(view)),
    'zabbix.problems': (_input, sink) => needZabbix().watchProblems((event) => sink.push(event)),
    'scale.apply': (input, sink) => scale.apply(input, sink),
    'scale.restart': (input, sink) => scale.restart(input, sink),
    'topology.view': (_input, sink) => watchTopology(connectors, fleet, registry, zabbix, () => profile.productionEnvironments, (view) => sink.push(view)),
    'snapshot.export': (input, sink) => snapshots.export(input, sink),
    'timeline.events': ({ since }, sink) =>
      timeline.subscribe(since, (events) => {
        for (const event of events) sink.push(event);
      }),
    'confd.preview': (input, sink) => watchPreview(needRegistry().store, input, (preview) => sink.push(preview)),
  };

  const dispatcher = new RpcDispatcher(calls, streams, {
    validateOutput: env.NODE_ENV !== 'production',
    log: (message, err) => options.log?.(message, err),
  });
  connections.start(options.checkIntervalMs);

  return {
    dispatcher,
    connectors,
    connections,
    containers,
    fleet,
    audit,
    registry,
    timeline,
    info,
    statsHistory,
    close() {
      statsHistory.close();
      connections.stop();
      fleet.stop();
      registry?.store.stop();
      timeline.stop();
      closeConnectors(connectors);
    },
  };
}

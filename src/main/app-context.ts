import { join } from 'node:path';
import type { AppInfo } from '../shared/domain';
import { openProfile } from './config/open-profile';
import { dataDir } from './config/paths';
import type { SecretCipher } from './config/secret-store';
import { buildConnectors, closeConnectors, type Connectors } from './connectors/connectors';
import { mergeAreas, type CallHandlers, type StreamHandlers } from './core/handlers';
import { RpcDispatcher } from './rpc/dispatcher';
import { AuditLog } from './services/audit/audit-log';
import { ChangeGuard } from './services/audit/change-guard';
import { connectionsHandlers } from './services/connections/connections-handlers';
import { ConnectionsService } from './services/connections/connections-service';
import { noteSecretSources, secretsHandlers } from './services/connections/secrets-handlers';
import { ContainerActions } from './services/containers/container-actions';
import { startConsoleLog, type ConsoleLog } from './services/diagnostics/console-log';
import { logConnectionChanges } from './services/diagnostics/connection-log';
import { diagnosticsHandlers } from './services/diagnostics/diagnostics-handlers';
import { DiagnosticsService } from './services/diagnostics/diagnostics-service';
import { containersHandlers } from './services/containers/containers-handlers';
import { ContainersService } from './services/containers/containers-service';
import { execHandlers } from './services/exec/exec-handlers';
import { ExecService } from './services/exec/exec-service';
import { FleetService } from './services/fleet/fleet-service';
import { logRulesHandlers } from './services/log-rules/log-rules-handlers';
import { LogRulesService } from './services/log-rules/log-rules-service';
import { LogRulesStore } from './services/log-rules/log-rules-store';
import { logSearchHandlers } from './services/log-search/log-search-handlers';
import { LogSearchService } from './services/log-search/log-search-service';
import { logsHandlers } from './services/logs/logs-handlers';
import { LogsService } from './services/logs/logs-service';
import { registryHandlers } from './services/registry/registry-handlers';
import { RegistryService } from './services/registry/registry-service';
import { scaleHandlers } from './services/scale/scale-handlers';
import { ScaleService } from './services/scale/scale-service';
import { sessionHandlers } from './services/session/session-handlers';
import { SessionStore } from './services/session/session-store';
import { SnapshotService } from './services/snapshot/snapshot-service';
import { StatsHistory } from './services/stats/stats-history';
import { StatsService } from './services/stats/stats-service';
import { timelineHandlers } from './services/timeline/timeline-handlers';
import { TimelineService } from './services/timeline/timeline-service';
import { topologyHandlers } from './services/topology/topology-handlers';
import { zabbixHandlers } from './services/zabbix/zabbix-handlers';
import { ZabbixService } from './services/zabbix/zabbix-service';
import { watchHandlers } from './services/watch/watch-handlers';
import { Notifier } from './services/watch/notifier';
import { WatchService } from './services/watch/watch-service';

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
  /** Start the watch at once (the hosts do); otherwise with its first subscriber. */
  watch?: boolean;
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
  watch: WatchService;
  notifier: Notifier;
  statsHistory: StatsHistory;
  /** The console's own log file (console.log in the data directory). */
  consoleLog: ConsoleLog;
  info: AppInfo;
  close(): void;
}

/**
 * The composition root: builds the connectors from the profile, the services on top of
 * them, and one dispatcher over every area's handlers. The same for the Electron host and
 * browser mode.
 */
export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const env = options.env ?? process.env;
  // Every error reported anywhere on the main side goes to the console's log as well as the host's.
  const { consoleLog, log } = startConsoleLog(join(dataDir(env), 'console.log'), options, options.log);
  const opened = await openProfile(env, { ...options, log });
  const { profile } = opened;
  consoleLog.info(`profile from ${opened.source === 'file' ? opened.path : 'the environment'}: ${profile.docker.length} Docker engine(s), etcd ${profile.etcd ? 'yes' : 'no'}, Zabbix ${profile.zabbix ? 'yes' : 'no'}`);
  const knownSecrets = [profile.etcd?.password, profile.zabbix?.password, profile.zabbix?.apiToken].filter((v): v is string => !!v);
  consoleLog.addSecrets(knownSecrets);
  const productionEnvironments = () => profile.productionEnvironments;

  const connectors = buildConnectors(profile, env);
  const connections = new ConnectionsService(connectors);
  await noteSecretSources(opened, connections).catch((err: unknown) => log('cannot tell where the secrets are kept', err));
  const audit = new AuditLog(join(dataDir(env), 'audit.jsonl'));
  const guard = new ChangeGuard(audit, productionEnvironments);
  const containers = new ContainersService(connectors);
  const fleet = new FleetService(connectors);
  const stats = new StatsService(connectors);
  const statsHistory = new StatsHistory(fleet, stats, undefined, () => connectors.docker.map((e) => e.name));
  if (options.recordStats) statsHistory.start();
  const logs = new LogsService(connectors, fleet);
  const registry = connectors.etcd
    ? new RegistryService(connectors.etcd, connectors, fleet, guard, { instancePattern: profile.registry.instancePattern, root: profile.registry.root })
    : undefined;
  const zabbix = connectors.zabbix ? new ZabbixService(connectors.zabbix, connectors, guard, profile.zabbix?.engineHosts) : undefined;
  const timeline = new TimelineService(connectors, fleet, registry, connectors.zabbix, audit, { instancePattern: profile.registry.instancePattern, planned: guard.planned });
  const logRules = new LogRulesService({ connectors, fleet, store: new LogRulesStore(opened.source === 'file' ? { profile: opened.path, initial: profile.logRules } : { file: join(dataDir(env), 'log-rules.json') }), guard, log });
  const watch = new WatchService({ connectors, fleet, timeline, connections, registry, zabbix, planned: guard.planned, productionEnvironments, logAlerts: logRules });
  const notifier = new Notifier(join(dataDir(env), 'notifications.json'), productionEnvironments);
  void notifier.load();
  watch.onView((view) => notifier.onView(view));
  if (options.watch) watch.start();
  const session = new SessionStore(join(dataDir(env), 'session.json'), { log });
  const snapshots = new SnapshotService(connectors, logs, timeline, registry, zabbix, dataDir(env), knownSecrets);

  const info: AppInfo = {
    name: 'Ops Console',
    version: options.version,
    host: options.host,
    profilePath: opened.path,
    profileSource: opened.source,
    profileError: opened.error,
    productionEnvironments: profile.productionEnvironments,
    platform: `${process.platform}/${process.arch}`,
    logFile: consoleLog.path,
  };
  const stopConnectionLog = logConnectionChanges((listener) => connections.onChange(listener), connections.list(), consoleLog);
  const diagnostics = new DiagnosticsService({
    info,
    connections: () => connections.list(),
    log: consoleLog,
    held: () => ({ 'timeline events': timeline.size, ...watch.held(), 'stats history containers': statsHistory.size }),
  });
  const areas = mergeAreas(
    connectionsHandlers({ opened, env, connectors, connections, fleet, audit }),
    secretsHandlers(opened, connections, audit, options.keychainUnavailable),
    containersHandlers({ connectors, connections, containers, actions: new ContainerActions(connectors, guard), fleet, stats, statsHistory, productionEnvironments, log }),
    logsHandlers(logs),
    logSearchHandlers(new LogSearchService(connectors, fleet)),
    execHandlers(new ExecService(connectors, guard)),
    registryHandlers(registry),
    zabbixHandlers(zabbix),
    scaleHandlers(new ScaleService(connectors, fleet, registry, guard)),
    topologyHandlers({ connectors, fleet, registry, zabbix, watch, productionEnvironments }),
    timelineHandlers(timeline, audit, snapshots),
    watchHandlers(watch, notifier),
    logRulesHandlers(logRules),
    diagnosticsHandlers(diagnostics),
    sessionHandlers(session),
  );
  const calls: CallHandlers = { 'app.info': () => info, ...areas.calls };
  const streams: StreamHandlers = areas.streams;

  const dispatcher = new RpcDispatcher(calls, streams, {
    validateOutput: env.NODE_ENV !== 'production',
    log: (message, err) => log(message, err),
  });
  connections.onChange((status) => {
    if (status.kind === 'docker') fleet.setEngineResponding(status.name, status.state !== 'error', status.error);
  });
  connections.start(options.checkIntervalMs);

  const close = () => {
    stopConnectionLog();
    consoleLog.info('Ops Console stopping');
    session.flushSync();
    statsHistory.close();
    for (const stoppable of [watch, connections, fleet, registry?.store, timeline]) stoppable?.stop();
    closeConnectors(connectors);
  };
  return { dispatcher, connectors, connections, containers, fleet, audit, registry, timeline, watch, notifier, info, statsHistory, consoleLog, close };
}

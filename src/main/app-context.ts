import type { AppInfo } from '../shared/domain';
import { loadProfileFile, ProfileError } from './config/load-profile';
import { profileFromEnvironment } from './config/environment-profile';
import { profilePath as defaultProfilePath } from './config/paths';
import { ProfileSchema, type Profile } from './config/profile-schema';
import { RpcDispatcher } from './rpc/dispatcher';
import type { CallHandlers, StreamHandlers } from './rpc/handlers';
import { buildConnectors, closeConnectors, type Connectors } from './services/connection-registry';
import { ConnectionsService } from './services/connections-service';
import { ContainersService } from './services/containers-service';

export interface AppContextOptions {
  host: AppInfo['host'];
  version: string;
  env?: NodeJS.ProcessEnv;
  /** Defaults to OPS_CONSOLE_PROFILE or connections.yaml in the config directory. */
  profilePath?: string;
  checkIntervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface AppContext {
  dispatcher: RpcDispatcher;
  connectors: Connectors;
  connections: ConnectionsService;
  containers: ContainersService;
  info: AppInfo;
  close(): void;
}

async function resolveProfile(path: string, env: NodeJS.ProcessEnv): Promise<{ profile: Profile; source: AppInfo['profileSource']; error?: string }> {
  try {
    const fromFile = await loadProfileFile(path);
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
  const { profile, source, error } = await resolveProfile(path, env);
  if (error) options.log?.(`profile error: ${error}`);

  const connectors = buildConnectors(profile);
  const connections = new ConnectionsService(connectors);
  const containers = new ContainersService(connectors);
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
  };
  const streams: StreamHandlers = {
    'connections.status': (_input, sink) => {
      for (const status of connections.list()) sink.push(status);
      return connections.onChange((status) => sink.push(status));
    },
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
    info,
    close() {
      connections.stop();
      closeConnectors(connectors);
    },
  };
}

import type { DockerContextInfo } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { dockerConfigDir, listDockerContexts } from '../../config/docker-contexts';
import type { OpenProfile } from '../../config/open-profile';
import { addEngineToProfile } from '../../config/save-profile';
import type { Connectors } from '../../connectors/connectors';
import { DockerEngine } from '../../connectors/docker/docker-engine';
import type { AreaHandlers } from '../../core/handlers';
import type { AuditLog } from '../audit/audit-log';
import type { FleetService } from '../fleet/fleet-service';
import type { ConnectionsService } from './connections-service';

export interface ConnectionsDeps {
  opened: OpenProfile;
  env: NodeJS.ProcessEnv;
  connectors: Connectors;
  connections: ConnectionsService;
  fleet: FleetService;
  audit: AuditLog;
}

/** The state of every connection, and the docker CLI's contexts (importing one adds an engine, audited). */
export function connectionsHandlers(d: ConnectionsDeps): AreaHandlers<'connections.list' | 'connections.check' | 'contexts.list' | 'contexts.import', 'connections.status'> {
  const { profile, path, secrets } = d.opened;
  const contexts = (): DockerContextInfo[] =>
    listDockerContexts(dockerConfigDir(d.env)).map((c) => ({
      name: c.name,
      host: c.host,
      tls: c.tls,
      current: c.current,
      imported: d.connectors.docker.some((e) => e.name === c.name || e.target === c.host),
    }));
  return {
    calls: {
      'connections.list': () => d.connections.list(),
      'connections.check': ({ id }) => d.connections.check(id),
      'contexts.list': () => contexts(),
      'contexts.import': async ({ name }) => {
        const context = listDockerContexts(dockerConfigDir(d.env)).find((c) => c.name === name);
        if (!context) throw new RpcError('NOT_FOUND', `No docker context named ${name}`);
        if (d.connectors.docker.some((e) => e.name === name)) throw new RpcError('CONFLICT', `An engine named ${name} is already connected`);
        let engine: DockerEngine;
        try {
          engine = new DockerEngine(context.config, undefined, d.env);
        } catch (err) {
          throw new RpcError('BAD_REQUEST', `Cannot use docker context ${name}: ${(err as Error).message}`);
        }
        d.connectors.docker.push(engine);
        d.connections.addDocker(engine);
        d.fleet.ensureFeed(engine.name);
        await addEngineToProfile(path, profile, context.config, secrets);
        profile.docker.push(context.config);
        await d.audit.record({ engine: name, target: name, action: 'import-context', params: { host: context.host, tls: context.tls }, result: 'ok', message: `Docker context ${name} added to ${path}` });
        return contexts();
      },
    },
    streams: {
      'connections.status': (_input, sink) => {
        for (const status of d.connections.list()) sink.push(status);
        return d.connections.onChange((status) => sink.push(status));
      },
    },
  };
}

import type Dockerode from 'dockerode';
import type { ActionResult, ContainerAction } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { toRpcError } from '../../rpc/errors';
import type { AuditLog } from '../audit/audit-log';
import type { Connectors } from '../connection-registry';
import { environmentOf, isProduction } from './container-environment';

export interface ActionRequest {
  engine: string;
  id: string;
  action: ContainerAction;
  timeoutSeconds?: number;
  signal?: string;
  force?: boolean;
  confirmName?: string;
}

const PAST: Record<ContainerAction, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  kill: 'killed',
  pause: 'paused',
  unpause: 'unpaused',
  remove: 'removed',
};

/**
 * The one path for changing a container: checks the production confirmation again on this
 * side (the UI is not trusted to have asked), performs the action, reads the state after,
 * and writes an audit line whatever the outcome.
 */
export class ContainerActions {
  constructor(
    private readonly connectors: Connectors,
    private readonly audit: AuditLog,
    private readonly productionEnvironments: () => string[],
  ) {}

  async run(request: ActionRequest): Promise<ActionResult> {
    const engine = this.connectors.docker.find((e) => e.name === request.engine);
    if (!engine) throw new RpcError('NOT_FOUND', `Unknown Docker engine: ${request.engine}`);
    const container = engine.api.getContainer(request.id);
    let info: Dockerode.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (error) {
      throw toRpcError(error);
    }
    const name = info.Name.replace(/^\//, '');
    const environment = environmentOf(info.Config.Env, info.Config.Labels);
    const params: Record<string, unknown> = { id: info.Id };
    if (request.timeoutSeconds !== undefined) params.timeoutSeconds = request.timeoutSeconds;
    if (request.signal) params.signal = request.signal;
    if (request.force !== undefined) params.force = request.force;
    if (environment) params.environment = environment;

    if (isProduction(environment, this.productionEnvironments()) && request.confirmName !== name) {
      const message = `Refused: ${name} is in production (${environment}); type its name to confirm.`;
      await this.audit.record({ engine: engine.name, target: name, action: request.action, params, result: 'error', message });
      throw new RpcError('FORBIDDEN', message, { needsTypedName: name });
    }

    let message: string;
    let ok = true;
    try {
      await this.perform(container, request);
      message = `${name} ${PAST[request.action]}.`;
    } catch (error) {
      const rpcError = toRpcError(error);
      // 304 from Docker: already in the asked-for state. Not a failure for the engineer.
      if ((rpcError.details as { status?: number } | undefined)?.status === 304) {
        message = `${name} was already ${PAST[request.action]}.`;
      } else {
        ok = false;
        message = `${request.action} ${name} failed: ${rpcError.message}`;
      }
    }
    const stateAfter = await container
      .inspect()
      .then((after) => after.State.Status)
      .catch(() => 'removed');
    await this.audit.record({ engine: engine.name, target: name, action: request.action, params: { ...params, stateAfter }, result: ok ? 'ok' : 'error', message });
    return { ok, engine: engine.name, id: info.Id, name, action: request.action, stateAfter, message };
  }

  private async perform(container: Dockerode.Container, request: ActionRequest): Promise<void> {
    const t = request.timeoutSeconds ?? 10;
    switch (request.action) {
      case 'start':
        await container.start();
        return;
      case 'stop':
        await container.stop({ t });
        return;
      case 'restart':
        await container.restart({ t });
        return;
      case 'kill':
        await container.kill({ signal: request.signal ?? 'SIGKILL' });
        return;
      case 'pause':
        await container.pause();
        return;
      case 'unpause':
        await container.unpause();
        return;
      case 'remove':
        await container.remove({ force: request.force ?? false });
        return;
    }
  }
}

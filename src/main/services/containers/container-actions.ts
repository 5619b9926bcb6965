import type { ActionResult, ContainerAction } from '../../../shared/domain';
import { engineNamed, type Connectors } from '../../connectors/connectors';
import { isAlreadyDone } from '../../connectors/docker/docker-errors';
import { toRpcError } from '../../core/errors';
import type { ChangeGuard } from '../audit/change-guard';
import { environmentOf } from './container-environment';

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
 * Changing a container: through the change guard (production confirmation checked again on
 * this side, audited), then the state after is read and written with the result.
 */
export class ContainerActions {
  constructor(
    private readonly connectors: Connectors,
    private readonly guard: ChangeGuard,
  ) {}

  async run(request: ActionRequest): Promise<ActionResult> {
    const engine = engineNamed(this.connectors, request.engine);
    const info = await engine.inspect(request.id);
    const name = info.Name.replace(/^\//, '');
    const environment = environmentOf(info.Config.Env, info.Config.Labels);
    const params: Record<string, unknown> = { id: info.Id };
    if (request.timeoutSeconds !== undefined) params.timeoutSeconds = request.timeoutSeconds;
    if (request.signal) params.signal = request.signal;
    if (request.force !== undefined) params.force = request.force;
    if (environment) params.environment = environment;
    const change = { action: request.action, target: name, engine: engine.name, params };
    await this.guard.require({ ...change, ...this.guard.containerConfirmation(name, environment, request.confirmName) });

    let message: string;
    let ok = true;
    this.guard.planned.expect({ engine: engine.name, containerId: info.Id, containerName: name });
    try {
      await engine.act(info.Id, request.action, { timeoutSeconds: request.timeoutSeconds, signal: request.signal, force: request.force });
      message = `${name} ${PAST[request.action]}.`;
    } catch (error) {
      // 304 from Docker: already in the asked-for state. Not a failure for the engineer.
      if (isAlreadyDone(error)) {
        message = `${name} was already ${PAST[request.action]}.`;
      } else {
        ok = false;
        message = `${request.action} ${name} failed: ${toRpcError(error).message}`;
      }
    }
    const stateAfter = await engine
      .inspect(info.Id)
      .then((after) => after.State.Status)
      .catch(() => 'removed');
    await this.guard.record({ ...change, params: { ...params, stateAfter } }, ok ? 'ok' : 'error', message);
    return { ok, engine: engine.name, id: info.Id, name, action: request.action, stateAfter, message };
  }
}

import type { FleetContainer, ScalePlan, ScaleProgress, ScaleStep } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import { engineNamed, type Connectors } from '../../connectors/connectors';
import { isAlreadyDone } from '../../connectors/docker/docker-errors';
import type { ContainerListEntry, DockerEngine } from '../../connectors/docker/docker-engine';
import { sleep } from '../../core/backoff';
import { toRpcError } from '../../core/errors';
import type { StreamSink } from '../../core/handlers';
import type { ChangeGuard } from '../audit/change-guard';
import type { FleetService } from '../fleet/fleet-service';
import type { RegistryService } from '../registry/registry-service';
import { cloneReplicaConfig, pickFreePort, portVariables } from './replica-config';

export interface ScaleRequest {
  project: string;
  service: string;
  targets: Array<{ engine: string; replicas: number }>;
  drainSeconds: number;
  stopTimeoutSeconds: number;
  registerTimeoutSeconds: number;
  confirmName?: string;
}

/** How long after a run starts its containers' stops and restarts count as planned. */
const PLANNED_MS = 30 * 60 * 1000;

/** How long a plan waits for the fleet's first snapshot of every engine. */
const FLEET_WAIT_MS = 15_000;

const describeStep = (step: ScaleStep): string => {
  switch (step.kind) {
    case 'create':
      return `create ${step.name} on ${step.engine} (from ${step.from}${step.port ? `, port ${step.port}` : ''})`;
    case 'wait-registered':
      return `wait until ${step.name} is registered`;
    case 'deregister':
      return `deregister ${step.name} (${step.keys.join(', ') || 'no key'})`;
    case 'drain':
      return `wait ${step.seconds} s for consumers to notice`;
    case 'stop':
      return `stop ${step.name} on ${step.engine} (SIGTERM, ${step.timeoutSeconds} s)`;
    case 'remove':
      return `remove ${step.name} on ${step.engine}`;
    case 'restart':
      return `restart ${step.name} on ${step.engine}`;
  }
};

/**
 * Scaling a compose service without a compose file, as rancher-compose scale did: clone a
 * replica up, or deregister-drain-stop-remove down (newest first); and rolling restarts.
 * Each step is reported; the first failure stops the run, and nothing is left registered
 * that does not serve (a new replica that never registers is stopped and removed again).
 */
export class ScaleService {
  constructor(
    private readonly connectors: Connectors,
    private readonly fleet: FleetService,
    private readonly registry: RegistryService | undefined,
    private readonly guard: ChangeGuard,
  ) {}

  private engine(name: string): DockerEngine {
    return engineNamed(this.connectors, name);
  }

  private async replicas(project: string, service: string): Promise<Array<{ engine: DockerEngine; info: ContainerListEntry }>> {
    const lists = await Promise.all(
      this.connectors.docker.map(async (engine) => {
        const infos = await engine.listServiceContainers(project, service).catch((error: unknown) => {
            throw new RpcError('UNAVAILABLE', `Cannot list ${engine.name}: ${toRpcError(error).message}`);
          });
        return infos.map((info) => ({ engine, info }));
      }),
    );
    return lists.flat();
  }

  private numberOf(info: ContainerListEntry): number {
    return Number(info.Labels['com.docker.compose.container-number']) || 0;
  }

  async plan(request: ScaleRequest): Promise<ScalePlan> {
    // A scale-down deregisters its victims' keys, found by matching keys to containers: that
    // needs the fleet's ports and the registry read (a console just started has neither yet).
    await this.fleet.whenKnown(FLEET_WAIT_MS, 'ports');
    await this.registry?.store.start();
    const all = await this.replicas(request.project, request.service);
    if (all.length === 0) throw new RpcError('NOT_FOUND', `No replica of ${request.project}/${request.service} to scale from`);
    const model = all.find((r) => r.info.State === 'running') ?? all[0]!;
    const sourceInspect = await model.engine.inspect(model.info.Id);
    const environment = sourceInspect.Config.Env?.find((e) => e.startsWith('ENVIRONMENT='))?.slice('ENVIRONMENT='.length);
    let nextNumber = Math.max(0, ...all.map((r) => this.numberOf(r.info))) + 1;
    const steps: ScaleStep[] = [];
    const engines: ScalePlan['engines'] = [];
    const downSteps: ScaleStep[] = [];
    const stopSteps: ScaleStep[] = [];
    const view = this.registry?.view();
    for (const target of request.targets) {
      const engine = this.engine(target.engine);
      const here = all.filter((r) => r.engine.name === engine.name && r.info.State !== 'removing');
      engines.push({ engine: engine.name, current: here.length, target: target.replicas });
      if (target.replicas > here.length) {
        const source = here.find((r) => r.info.State === 'running') ?? all.find((r) => r.info.State === 'running') ?? all[0]!;
        const usesPort = portVariables(sourceInspect.Config.Env ?? []).length > 0;
        const used = new Set((this.fleet.feed(engine.name)?.list() ?? []).flatMap((c: FleetContainer) => c.ports));
        for (let i = here.length; i < target.replicas; i++) {
          const number = nextNumber++;
          const name = `${request.project}_${request.service}_${number}`;
          const port = usesPort ? pickFreePort(used) : undefined;
          if (port) used.add(port);
          steps.push({ kind: 'create', engine: engine.name, name, number, from: source.info.Names[0]?.replace(/^\//, '') ?? source.info.Id, port });
          if (this.registry) steps.push({ kind: 'wait-registered', engine: engine.name, name });
        }
      } else if (target.replicas < here.length) {
        const newestFirst = [...here].sort((a, b) => this.numberOf(b.info) - this.numberOf(a.info) || b.info.Created - a.info.Created);
        for (const victim of newestFirst.slice(0, here.length - target.replicas)) {
          const name = victim.info.Names[0]?.replace(/^\//, '') ?? victim.info.Id;
          const keys = view?.services.flatMap((s) => s.instances).filter((i) => i.container?.id === victim.info.Id).map((i) => i.key) ?? [];
          downSteps.push({ kind: 'deregister', engine: engine.name, name, keys });
          stopSteps.push({ kind: 'stop', engine: engine.name, name, id: victim.info.Id, timeoutSeconds: request.stopTimeoutSeconds });
          stopSteps.push({ kind: 'remove', engine: engine.name, name, id: victim.info.Id });
        }
      }
    }
    // Down: deregister everything first, drain once, then stop and remove.
    if (downSteps.length) steps.push(...downSteps, { kind: 'drain', seconds: request.drainSeconds }, ...stopSteps);
    return { project: request.project, service: request.service, environment, production: this.guard.isProduction(environment), engines, steps };
  }

  /** The scale.apply stream. */
  apply(request: ScaleRequest, sink: StreamSink<ScaleProgress>): () => void {
    const abort = new AbortController();
    void this.run(request, sink, abort.signal, () => this.plan(request)).catch((error: unknown) => sink.end(error));
    return () => abort.abort();
  }

  /** The scale.restart stream: one replica at a time. */
  restart(request: Omit<ScaleRequest, 'targets' | 'drainSeconds'>, sink: StreamSink<ScaleProgress>): () => void {
    const abort = new AbortController();
    const plan = async (): Promise<ScalePlan> => {
      const all = (await this.replicas(request.project, request.service)).filter((r) => r.info.State === 'running');
      if (all.length === 0) throw new RpcError('NOT_FOUND', `No running replica of ${request.project}/${request.service}`);
      const inspect = await all[0]!.engine.inspect(all[0]!.info.Id);
      const environment = inspect.Config.Env?.find((e) => e.startsWith('ENVIRONMENT='))?.slice('ENVIRONMENT='.length);
      const steps: ScaleStep[] = [];
      for (const r of [...all].sort((a, b) => this.numberOf(a.info) - this.numberOf(b.info))) {
        const name = r.info.Names[0]?.replace(/^\//, '') ?? r.info.Id;
        steps.push({ kind: 'restart', engine: r.engine.name, name, id: r.info.Id, timeoutSeconds: request.stopTimeoutSeconds });
        if (this.registry) steps.push({ kind: 'wait-registered', engine: r.engine.name, name });
      }
      const engines = this.connectors.docker.map((e) => ({ engine: e.name, current: all.filter((r) => r.engine === e).length, target: all.filter((r) => r.engine === e).length }));
      return { project: request.project, service: request.service, environment, production: this.guard.isProduction(environment), engines, steps };
    };
    void this.run({ ...request, targets: [], drainSeconds: 0 }, sink, abort.signal, plan).catch((error: unknown) => sink.end(error));
    return () => abort.abort();
  }

  private async run(request: ScaleRequest, sink: StreamSink<ScaleProgress>, signal: AbortSignal, makePlan: () => Promise<ScalePlan>): Promise<void> {
    // Registration checks need the live fleet (ports) and the registry.
    await this.fleet.whenKnown(FLEET_WAIT_MS, 'ports');
    await this.registry?.store.start();
    const plan = await makePlan();
    const what = `${request.project}/${request.service}`;
    const action = request.targets.length ? 'scale' : 'rolling-restart';
    await this.guard.require({
      action,
      target: what,
      params: { targets: request.targets },
      production: plan.production,
      typedName: request.service,
      confirmName: request.confirmName,
      why: `${what} is in production (${plan.environment})`,
      typeWhat: 'the service name',
    });
    sink.push({ kind: 'plan', plan });
    // What the run stops, removes or restarts is the console's own doing, not an incident.
    for (const step of plan.steps) if ('id' in step) this.guard.planned.expect({ engine: step.engine, containerId: step.id, containerName: step.name }, Date.now(), PLANNED_MS);
    const created = new Map<string, { engine: DockerEngine; id: string; isNew: boolean; revision: bigint }>();
    const done: string[] = [];
    let failure: string | undefined;
    for (const [index, step] of plan.steps.entries()) {
      if (signal.aborted) {
        failure = 'cancelled';
        break;
      }
      sink.push({ kind: 'step', index, state: 'running', message: describeStep(step) });
      try {
        const message = await this.perform(step, request, created, signal);
        done.push(describeStep(step));
        sink.push({ kind: 'step', index, state: 'done', message });
      } catch (error) {
        failure = `${describeStep(step)}: ${toRpcError(error).message}`;
        sink.push({ kind: 'step', index, state: 'failed', message: failure });
        if (step.kind === 'wait-registered') await this.rollBack(step.name, created);
        plan.steps.slice(index + 1).forEach((_, offset) => sink.push({ kind: 'step', index: index + 1 + offset, state: 'skipped', message: 'not done' }));
        break;
      }
    }
    const notDone = plan.steps.slice(done.length).map(describeStep);
    const ok = !failure;
    const message = ok ? `${what}: all ${plan.steps.length} steps done` : `${what} stopped: ${failure}`;
    await this.guard.record({ action, target: what, params: { targets: request.targets, ...(plan.environment ? { environment: plan.environment } : {}) } }, ok ? 'ok' : 'error', message);
    sink.push({ kind: 'done', ok, message, done, notDone });
    sink.end();
  }

  private async perform(step: ScaleStep, request: ScaleRequest, created: Map<string, { engine: DockerEngine; id: string; isNew: boolean; revision: bigint }>, signal: AbortSignal): Promise<string> {
    switch (step.kind) {
      case 'create': {
        const engine = this.engine(step.engine);
        const source = (await this.replicas(request.project, request.service)).find((r) => (r.info.Names[0]?.replace(/^\//, '') ?? r.info.Id) === step.from);
        if (!source) throw new RpcError('NOT_FOUND', `The replica to clone (${step.from}) is gone`);
        const inspect = await source.engine.inspect(source.info.Id);
        const id = await engine.create(cloneReplicaConfig(inspect, step.name, step.number, step.port)).catch((error: unknown) => {
          const rpc = toRpcError(error);
          throw rpc.code === 'NOT_FOUND' ? new RpcError('NOT_FOUND', `Image ${inspect.Config.Image} is not on ${engine.name}: ${rpc.message}`) : rpc;
        });
        created.set(step.name, { engine, id, isNew: true, revision: this.revision() });
        await engine.act(id, 'start');
        return `${step.name} created and started`;
      }
      case 'wait-registered': {
        const engine = this.engine(step.engine);
        const id = created.get(step.name)?.id ?? (await engine.inspect(step.name)).Id;
        // Only a registration made after the container (re)started counts.
        const since = created.get(step.name)?.revision ?? 0n;
        const deadline = Date.now() + request.registerTimeoutSeconds * 1000;
        while (Date.now() < deadline && !signal.aborted) {
          const info = await engine.inspect(id);
          if (!info.State.Running) throw new RpcError('CONFLICT', `${step.name} is not running (${info.State.Status}, exit code ${info.State.ExitCode})`);
          const healthy = !info.State.Health || info.State.Health.Status === 'healthy';
          const registered = this.registry!.view().services.some((s) =>
            s.instances.some((i) => i.container?.id === id && BigInt(i.createRevision) > since && !i.problems.some((p) => p.kind === 'stale')),
          );
          if (registered && healthy) return `${step.name} is registered${info.State.Health ? ' and healthy' : ''}`;
          await sleep(500, signal);
        }
        throw new RpcError('TIMEOUT', `${step.name} did not register within ${request.registerTimeoutSeconds} s`);
      }
      case 'deregister': {
        for (const key of step.keys) await this.registry!.delete(key, key, 'deregister');
        return step.keys.length ? `deleted ${step.keys.join(', ')}` : 'no key to delete';
      }
      case 'drain':
        await sleep(step.seconds * 1000, signal);
        return `waited ${step.seconds} s`;
      case 'stop': {
        await this.engine(step.engine)
          .act(step.id, 'stop', { timeoutSeconds: step.timeoutSeconds })
          .catch((error: unknown) => {
            if (!isAlreadyDone(error)) throw error;
          });
        return `${step.name} stopped`;
      }
      case 'remove':
        await this.engine(step.engine).act(step.id, 'remove');
        return `${step.name} removed`;
      case 'restart': {
        const revision = this.revision();
        await this.engine(step.engine).act(step.id, 'restart', { timeoutSeconds: step.timeoutSeconds });
        created.set(step.name, { engine: this.engine(step.engine), id: step.id, isNew: false, revision });
        return `${step.name} restarted`;
      }
    }
  }

  private revision(): bigint {
    return BigInt(this.registry?.store.revision ?? '0');
  }

  /** A new replica that never registered: stop and remove it, and delete any key it made. */
  private async rollBack(name: string, created: Map<string, { engine: DockerEngine; id: string; isNew: boolean; revision: bigint }>): Promise<void> {
    const entry = created.get(name);
    if (!entry || !this.registry) return;
    const keys = this.registry.view().services.flatMap((s) => s.instances).filter((i) => i.container?.id === entry.id).map((i) => i.key);
    for (const key of keys) await this.registry.delete(key, key, 'deregister').catch(() => undefined);
    this.guard.planned.expect({ engine: entry.engine.name, containerId: entry.id, containerName: name });
    if (entry.isNew) await entry.engine.act(entry.id, 'remove', { force: true }).catch(() => undefined);
  }
}

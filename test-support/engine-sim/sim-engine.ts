import { EventLog } from './event-log';
import { LogBook } from './log-book';
import { endContainer, isRunning, makeContainer, startContainer, type SimContainer, type SimContainerSpec } from './sim-container';
import type { StatsCounters } from './sim-shapes';
import { STDERR, STDOUT } from './docker-frames';

/**
 * One simulated engine's state: its containers, their logs and stats counters, its events.
 * Every change emits the events dockerd emits for it, in the same order.
 */
export class SimEngine {
  readonly containers = new Map<string, SimContainer>();
  readonly logs = new Map<string, LogBook>();
  readonly counters = new Map<string, StatsCounters>();
  readonly events = new EventLog();
  private readonly numbers = new Map<string, number>();

  constructor(
    readonly name: string,
    /** Stands in for the engine's data root in inspect's paths. */
    readonly root: string,
  ) {}

  private nextNumber(project: string, service: string): number {
    const key = `${project}/${service}`;
    const next = (this.numbers.get(key) ?? 0) + 1;
    this.numbers.set(key, next);
    return next;
  }

  /** Finds a container as Docker does: full id, unique id prefix, or name. */
  find(ref: string): SimContainer | undefined {
    const byId = this.containers.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^\//, '');
    for (const c of this.containers.values()) if (c.name === name) return c;
    const prefixed = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  /** Adds a container; quietly (a fleet the engine had before anyone listened) or with create/start events. */
  add(spec: SimContainerSpec = {}, quiet = false): SimContainer {
    const project = spec.project ?? 'sim';
    const service = spec.service ?? 'app';
    const number = spec.number ?? this.nextNumber(project, service);
    const c = makeContainer({ ...spec, state: quiet ? spec.state : 'created' }, number);
    this.containers.set(c.id, c);
    this.logs.set(c.id, new LogBook());
    this.counters.set(c.id, { cpuNs: Math.floor(Math.random() * 1e9), systemNs: 68_000_000_000_000 });
    if (quiet) return c;
    this.events.emit(c, 'create');
    if ((spec.state ?? 'running') !== 'created') this.start(c);
    return c;
  }

  start(c: SimContainer): void {
    if (c.state === 'running') return;
    startContainer(c);
    this.events.emit(c, 'start');
    this.logs.get(c.id)?.write(`started ${c.name} on 127.0.0.1:${c.port}`, STDOUT);
  }

  /** `docker kill`: kill with the signal, then die with 128+signal (137 for SIGKILL). */
  kill(c: SimContainer, signal = 9): void {
    if (!isRunning(c)) return;
    this.events.emit(c, 'kill', { signal: String(signal) });
    this.die(c, signal === 9 ? 137 : 128 + signal);
  }

  /** The process ends by itself with exitCode (a crash when not 0). */
  die(c: SimContainer, exitCode: number): void {
    if (!isRunning(c)) return;
    if (exitCode !== 0) this.logs.get(c.id)?.write(`${c.name} exiting with ${exitCode}`, STDERR);
    endContainer(c, exitCode);
    this.events.emit(c, 'die', { exitCode: String(exitCode) });
    this.logs.get(c.id)?.end();
  }

  /** `docker stop`: SIGTERM, the process exits 0 (the platform's replicas trap TERM), then stop. */
  stop(c: SimContainer): void {
    if (!isRunning(c)) return;
    this.events.emit(c, 'kill', { signal: '15' });
    this.die(c, 0);
    this.events.emit(c, 'stop');
  }

  restart(c: SimContainer): void {
    this.stop(c);
    this.start(c);
    this.events.emit(c, 'restart');
  }

  pause(c: SimContainer): void {
    if (c.state !== 'running') return;
    c.state = 'paused';
    this.events.emit(c, 'pause');
  }

  unpause(c: SimContainer): void {
    if (c.state !== 'paused') return;
    c.state = 'running';
    this.events.emit(c, 'unpause');
  }

  /** `docker rm -f`: killed first if it runs, then destroyed. */
  destroy(c: SimContainer): void {
    this.kill(c);
    this.containers.delete(c.id);
    this.logs.delete(c.id);
    this.counters.delete(c.id);
    this.events.emit(c, 'destroy');
  }

  list(): SimContainer[] {
    return [...this.containers.values()];
  }
}

import { createServer, type Server } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { STDERR, STDOUT } from './docker-frames';
import { ExecEndpoint } from './exec-endpoint';
import type { SimContainer, SimContainerSpec } from './sim-container';
import { SimEngine } from './sim-engine';
import { route, routeUpgrade } from './sim-router';
import { sendError } from './docker-http';

export interface EngineSimOptions {
  /** The unix socket it listens on (its directory is made if missing). */
  socketPath: string;
  /** Engine name (info's Name); default: the socket's directory name. */
  name?: string;
  /** Containers it already holds when it starts (no events for these, as for a daemon that was running). */
  containers?: number;
  /** How they are spread: services per project (default 10) and projects (environments) named by `environments`. */
  services?: number;
  environments?: string[];
  /** Share of them not running (exited 0), 0..1; default 0. */
  exitedShare?: number;
  /** Log lines each holds at start; default 3. */
  logLines?: number;
}

/** A running simulator and what a test can do to it; every change emits Docker's events. */
export interface EngineSim {
  readonly name: string;
  readonly socketPath: string;
  /** `unix://…`, as a profile names it. */
  readonly host: string;
  containers(): SimContainer[];
  find(ref: string): SimContainer | undefined;
  /** docker run: create, start (events). */
  add(spec?: SimContainerSpec): SimContainer;
  start(ref: string): void;
  /** docker kill: kill, die (exit 137 for SIGKILL). */
  kill(ref: string, signal?: number): void;
  /** The process exits by itself with this code: die. */
  die(ref: string, exitCode: number): void;
  /** docker stop: kill (15), die (0), stop. */
  stop(ref: string): void;
  /** docker rm -f: (kill, die,) destroy. */
  destroy(ref: string): void;
  /** Appends log lines (split on \n) to a container's stdout or stderr. */
  log(ref: string, text: string, stream?: 'stdout' | 'stderr'): void;
  /** Stops serving and removes the socket. */
  close(): Promise<void>;
  /** The engine's state, for tests that look deeper. */
  readonly engine: SimEngine;
}

function must(engine: SimEngine, ref: string): SimContainer {
  const c = engine.find(ref);
  if (!c) throw new Error(`engine simulator ${engine.name}: no container ${ref}`);
  return c;
}

/** Fills an engine with a fleet as compose would leave it: projects × services × replicas. */
function seed(engine: SimEngine, options: EngineSimOptions): void {
  const count = options.containers ?? 0;
  const services = options.services ?? 10;
  const environments = options.environments ?? ['PRE'];
  for (let i = 0; i < count; i++) {
    const environment = environments[i % environments.length]!;
    const service = `svc${String(Math.floor(i / environments.length) % services).padStart(2, '0')}`;
    const exited = options.exitedShare !== undefined && i / count >= 1 - options.exitedShare;
    const c = engine.add({ project: environment.toLowerCase(), service, environment, state: exited ? 'exited' : 'running' }, true);
    const book = engine.logs.get(c.id)!;
    for (let n = 0; n < (options.logLines ?? 3); n++) book.write(`{"level":"info","app":"${service}","env":"${environment}","port":${c.port},"msg":"line ${n}"}`, STDOUT, c.createdNano + BigInt(n));
  }
}

export async function startEngineSim(options: EngineSimOptions): Promise<EngineSim> {
  const socketPath = options.socketPath;
  const name = options.name ?? dirname(socketPath).split('/').pop() ?? 'engine-sim';
  mkdirSync(dirname(socketPath), { recursive: true });
  rmSync(socketPath, { force: true });
  const engine = new SimEngine(name, `${dirname(socketPath)}/data`);
  seed(engine, options);
  const execs = new ExecEndpoint(engine);

  const server: Server = createServer((req, res) => {
    route(engine, execs, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, (error as Error).message);
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket) => routeUpgrade(execs, req, socket));
  // Docker keeps idle connections as long as the client wants.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });

  return {
    name,
    socketPath,
    host: `unix://${socketPath}`,
    engine,
    containers: () => engine.list(),
    find: (ref) => engine.find(ref),
    add: (spec) => engine.add(spec),
    start: (ref) => engine.start(must(engine, ref)),
    kill: (ref, signal) => engine.kill(must(engine, ref), signal),
    die: (ref, exitCode) => engine.die(must(engine, ref), exitCode),
    stop: (ref) => engine.stop(must(engine, ref)),
    destroy: (ref) => engine.destroy(must(engine, ref)),
    log: (ref, text, stream = 'stdout') => void engine.logs.get(must(engine, ref).id)!.write(text, stream === 'stderr' ? STDERR : STDOUT),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        rmSync(socketPath, { force: true });
      }),
  };
}

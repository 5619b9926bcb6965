import { createHash, randomBytes } from 'node:crypto';
import { nowNano } from './docker-time';

export type SimState = 'created' | 'running' | 'paused' | 'exited';

/** One simulated container: what Docker would hold about it (its log lines live in a LogBook). */
export interface SimContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string[];
  labels: Record<string, string>;
  env: string[];
  createdNano: bigint;
  state: SimState;
  pid: number;
  exitCode: number;
  startedNano?: bigint;
  finishedNano?: bigint;
  restartCount: number;
  /** The port its process listens on (host networking: found by the console's port discovery). */
  port: number;
  /** Whether it has a TTY (logs then come raw, without frame headers). */
  tty: boolean;
}

/** What a test may set when it adds a container; the rest is generated as compose would. */
export interface SimContainerSpec {
  project?: string;
  service?: string;
  /** compose's container-number; default: the next free one of the service. */
  number?: number;
  /** ENVIRONMENT (the platform's environment name); default PRE. */
  environment?: string;
  labels?: Record<string, string>;
  env?: string[];
  port?: number;
  state?: SimState;
  exitCode?: number;
  tty?: boolean;
  name?: string;
}

const IMAGE = 'lab/busybox:1';
const IMAGE_ID = `sha256:${createHash('sha256').update('engine-sim image').digest('hex')}`;
let nextPid = 40_000;

export function newContainerId(): string {
  return randomBytes(32).toString('hex');
}

/** A container as `docker-compose up` makes it: compose labels, project_service_N, an ENVIRONMENT. */
export function makeContainer(spec: SimContainerSpec, number: number): SimContainer {
  const project = spec.project ?? 'sim';
  const service = spec.service ?? 'app';
  const environment = spec.environment ?? 'PRE';
  const state = spec.state ?? 'running';
  const created = nowNano();
  const port = spec.port ?? 30_000 + Math.floor(Math.random() * 20_000);
  return {
    id: newContainerId(),
    name: spec.name ?? `${project}_${service}_${number}`,
    image: IMAGE,
    imageId: IMAGE_ID,
    command: ['/app/replica.sh'],
    labels: {
      'com.docker.compose.container-number': String(number),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project': project,
      'com.docker.compose.project.working_dir': `/srv/${project}`,
      'com.docker.compose.service': service,
      'com.docker.compose.version': '1.29.2',
      'org.opencontainers.image.title': 'lab-busybox',
      ...spec.labels,
    },
    env: [`APP_NAME=${service}`, `ENVIRONMENT=${environment}`, ...(spec.env ?? []), 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    createdNano: created,
    state,
    pid: state === 'running' || state === 'paused' ? nextPid++ : 0,
    exitCode: state === 'exited' ? (spec.exitCode ?? 0) : 0,
    startedNano: state === 'created' ? undefined : created,
    finishedNano: state === 'exited' ? created : undefined,
    restartCount: 0,
    port,
    tty: spec.tty ?? false,
  };
}

export function startContainer(c: SimContainer): void {
  c.state = 'running';
  c.pid = nextPid++;
  c.exitCode = 0;
  c.startedNano = nowNano();
}

export function endContainer(c: SimContainer, exitCode: number): void {
  c.state = 'exited';
  c.pid = 0;
  c.exitCode = exitCode;
  c.finishedNano = nowNano();
}

export const isRunning = (c: SimContainer): boolean => c.state === 'running' || c.state === 'paused';

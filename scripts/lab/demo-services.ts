// Demo services shaped like the platform's: apps search/order/user in PRE and PROD, compose-labelled replicas
// spread over both engines, host networking, registering themselves in etcd (see replica.sh).
import type Docker from 'dockerode';
import { ENGINE_NAMES, type EngineName, type LabPaths } from './paths.js';
import { engineClient } from './docker-engines.js';
import { LAB_IMAGE, labImageId } from './lab-image.js';
import { etcdEndpoints } from './etcd-cluster.js';
import { say } from './proc.js';

export interface ReplicaSpec {
  number: number;
  engine: EngineName;
  /** Crashes hard every 60-120 s (exit 2, key left behind); brought back by the restart policy. */
  crashy?: boolean;
}

export interface ServiceSpec {
  app: string;
  env: string;
  replicas: ReplicaSpec[];
}

const E1: EngineName = 'lab-engine-1';
const E2: EngineName = 'lab-engine-2';

export const DEMO_SERVICES: ServiceSpec[] = [
  { app: 'search', env: 'PRE', replicas: [{ number: 1, engine: E1 }, { number: 2, engine: E2 }] },
  { app: 'search', env: 'PROD', replicas: [{ number: 1, engine: E1 }, { number: 2, engine: E2 }, { number: 3, engine: E1 }] },
  { app: 'order', env: 'PRE', replicas: [{ number: 1, engine: E2 }] },
  { app: 'order', env: 'PROD', replicas: [{ number: 1, engine: E1 }, { number: 2, engine: E2 }] },
  { app: 'user', env: 'PRE', replicas: [{ number: 1, engine: E1 }] },
  { app: 'user', env: 'PROD', replicas: [{ number: 1, engine: E1 }, { number: 2, engine: E2, crashy: true }] },
];

export const CRASH_EVERY = '60-120';
export const LEASE_TTL_SECONDS = 10;

/** Compose project of an environment (`PROD` -> `prod`). */
export function projectOf(env: string): string {
  return env.toLowerCase();
}

/** `<project>_<service>_<N>`, as docker-compose names containers. */
export function containerName(s: ServiceSpec, r: ReplicaSpec): string {
  return `${projectOf(s.env)}_${s.app}_${r.number}`;
}

/** `<app>_<ENV>`, the service's name in etcd and Zabbix. */
export function serviceKey(s: { app: string; env: string }): string {
  return `${s.app}_${s.env}`;
}

function createOptions(s: ServiceSpec, r: ReplicaSpec): Docker.ContainerCreateOptions {
  const env = [
    `APP_NAME=${s.app}`,
    `ENVIRONMENT=${s.env}`,
    'ETCDCTL_API=3',
    `ETCDCTL_ENDPOINTS=${etcdEndpoints().map((u) => u.replace(/^https?:\/\//, '')).join(',')}`,
    `LEASE_TTL=${LEASE_TTL_SECONDS}`,
  ];
  if (r.crashy) env.push(`LAB_CRASH_EVERY=${CRASH_EVERY}`);
  return {
    name: containerName(s, r),
    Image: LAB_IMAGE,
    Env: env,
    Labels: {
      'com.docker.compose.project': projectOf(s.env),
      'com.docker.compose.service': s.app,
      'com.docker.compose.container-number': String(r.number),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.version': '1.29.2',
      'com.docker.compose.project.working_dir': `/srv/${projectOf(s.env)}`,
      'lab.ops-console': 'demo',
    },
    HostConfig: {
      NetworkMode: 'host',
      RestartPolicy: { Name: 'unless-stopped' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
    },
  };
}

async function ensureOnEngine(p: LabPaths, engine: EngineName): Promise<{ created: number; started: number; kept: number }> {
  const docker = engineClient(p, engine);
  const imageId = await labImageId(docker);
  const existing = new Map<string, Docker.ContainerInfo>();
  for (const c of await docker.listContainers({ all: true })) {
    for (const n of c.Names) existing.set(n.replace(/^\//, ''), c);
  }
  const counts = { created: 0, started: 0, kept: 0 };
  const jobs: Promise<void>[] = [];
  for (const s of DEMO_SERVICES) {
    for (const r of s.replicas) {
      if (r.engine !== engine) continue;
      const name = containerName(s, r);
      jobs.push(
        (async () => {
          const have = existing.get(name);
          if (have && imageId && have.ImageID !== imageId) {
            // Built from an older lab image recipe: replace it.
            await docker.getContainer(have.Id).remove({ force: true });
          } else if (have) {
            if (have.State === 'exited' || have.State === 'created' || have.State === 'dead') {
              await docker.getContainer(have.Id).start();
              counts.started++;
            } else {
              counts.kept++;
            }
            return;
          }
          const c = await docker.createContainer(createOptions(s, r));
          await c.start();
          counts.created++;
        })(),
      );
    }
  }
  await Promise.all(jobs);
  return counts;
}

/** Create missing replicas, start stopped ones, leave running ones alone. */
export async function ensureDemoServices(p: LabPaths): Promise<void> {
  const results = await Promise.all(ENGINE_NAMES.map((e) => ensureOnEngine(p, e)));
  const sum = results.reduce((a, b) => ({ created: a.created + b.created, started: a.started + b.started, kept: a.kept + b.kept }));
  if (sum.created + sum.started > 0) {
    const parts = [sum.created && `${sum.created} new replicas started`, sum.started && `${sum.started} stopped replicas started again`, sum.kept && `${sum.kept} already running`];
    say('services', parts.filter(Boolean).join(', '));
  }
}

export function totalReplicas(): number {
  return DEMO_SERVICES.reduce((n, s) => n + s.replicas.length, 0);
}

/** Keys per `<app>_<ENV>` currently in etcd. */
export async function registrationCounts(): Promise<Map<string, number>> {
  const { Etcd3 } = await import('etcd3');
  const client = new Etcd3({ hosts: etcdEndpoints(), dialTimeout: 2000 });
  try {
    const counts = new Map<string, number>();
    for (const k of await client.getAll().prefix('/').keys()) {
      const svc = k.split('/')[1];
      if (svc) counts.set(svc, (counts.get(svc) ?? 0) + 1);
    }
    return counts;
  } finally {
    client.close();
  }
}

/** Running demo containers per `<app>_<ENV>` across the engines that answer. */
export async function runningCounts(p: LabPaths): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const engine of ENGINE_NAMES) {
    let list: Docker.ContainerInfo[] = [];
    try {
      list = await engineClient(p, engine).listContainers({ all: false });
    } catch {
      continue;
    }
    for (const c of list) {
      const project = c.Labels['com.docker.compose.project'];
      const app = c.Labels['com.docker.compose.service'];
      if (!project || !app) continue;
      const k = serviceKey({ app, env: project.toUpperCase() });
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

/** Wait until every service with running replicas has at least that many keys in etcd. */
export async function waitForRegistrations(p: LabPaths, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let lacking: string[] = [];
  for (;;) {
    try {
      const [running, keys] = await Promise.all([runningCounts(p), registrationCounts()]);
      lacking = DEMO_SERVICES.map(serviceKey).filter((k) => (keys.get(k) ?? 0) < (running.get(k) ?? 0));
      if (lacking.length === 0) return null;
    } catch (err) {
      lacking = [err instanceof Error ? err.message : String(err)];
    }
    if (Date.now() > deadline) return lacking.join(', ');
    await new Promise((r) => setTimeout(r, 500));
  }
}

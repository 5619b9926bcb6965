// The feeder process (started detached by `lab up`): every 5 s reads both engines and etcd and sends real values to
// Zabbix with zabbix_sender, for the engine hosts and for lab-platform.
//   node --import tsx scripts/lab/feeder.ts      (OPS_LAB_DIR selects the lab, as everywhere)
import Docker from 'dockerode';
import { Etcd3 } from 'etcd3';
import { performance } from 'node:perf_hooks';
import { ENGINE_NAMES, LOOPBACK, PORTS, labPaths, type EngineName } from './paths.js';
import { DEMO_SERVICES, projectOf, serviceKey } from './demo-services.js';
import { etcdEndpoints } from './etcd-cluster.js';
import { PLATFORM_HOST, registrationsKey, replicasKey, staleKey } from './zabbix-provision.js';
import { run, sleep } from './proc.js';
import { FEED_INTERVAL_S } from './feeder-control.js';

const FEED_INTERVAL_MS = FEED_INTERVAL_S * 1000;

type Line = [host: string, key: string, value: string | number];

interface EngineSample {
  up: boolean;
  containers: Docker.ContainerInfo[];
}

const p = labPaths();
const clients = Object.fromEntries(
  ENGINE_NAMES.map((n) => [n, new Docker({ socketPath: p.engine(n).socket, timeout: 4000 })]),
) as Record<EngineName, Docker>;
const etcd = new Etcd3({ hosts: etcdEndpoints(), dialTimeout: 2000 });
const versions: Partial<Record<EngineName, string>> = {};

function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
}

async function sampleEngine(name: EngineName, lines: Line[]): Promise<EngineSample> {
  const docker = clients[name];
  try {
    const t0 = performance.now();
    await docker.ping();
    const pingMs = performance.now() - t0;
    const [containers, images] = await Promise.all([docker.listContainers({ all: true }), docker.listImages()]);
    versions[name] ??= (await docker.version()).Version;
    const count = (...states: string[]) => containers.filter((c) => states.includes(c.State)).length;
    lines.push(
      [name, 'docker.engine.up', 1],
      [name, 'docker.engine.ping.ms', pingMs.toFixed(2)],
      [name, 'docker.engine.version', versions[name] ?? ''],
      [name, 'docker.containers.total', containers.length],
      [name, 'docker.containers.running', count('running')],
      [name, 'docker.containers.stopped', count('exited', 'created', 'dead')],
      [name, 'docker.containers.paused', count('paused')],
      [name, 'docker.containers.restarting', count('restarting')],
      [name, 'docker.images', images.length],
    );
    return { up: true, containers };
  } catch {
    lines.push([name, 'docker.engine.up', 0]);
    return { up: false, containers: [] };
  }
}

async function registrations(): Promise<Map<string, number> | null> {
  try {
    const keys = await etcd.getAll().prefix('/').keys();
    const counts = new Map<string, number>();
    for (const k of keys) {
      const svc = k.split('/')[1];
      if (svc) counts.set(svc, (counts.get(svc) ?? 0) + 1);
    }
    return counts;
  } catch {
    return null;
  }
}

function quote(v: string | number): string {
  return `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function send(lines: Line[]): Promise<string> {
  const input = lines.map(([h, k, v]) => `${quote(h)} ${quote(k)} ${quote(v)}`).join('\n') + '\n';
  const r = await run('zabbix_sender', ['-z', LOOPBACK, '-p', String(PORTS.zabbixServer), '-i', '-'], {
    input,
    allowFail: true,
    timeoutMs: 15000,
  });
  const m = (r.stdout + r.stderr).match(/processed: (\d+); failed: (\d+); total: (\d+)/);
  return m ? `processed ${m[1]} failed ${m[2]}` : `sender exit ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`;
}

async function cycle(): Promise<string> {
  const lines: Line[] = [];
  const samples = await Promise.all(ENGINE_NAMES.map((n) => sampleEngine(n, lines)));
  const running = samples.flatMap((s) => s.containers.filter((c) => c.State === 'running'));
  const regs = await registrations();
  const parts: string[] = [];
  for (const s of DEMO_SERVICES) {
    const k = serviceKey(s);
    const live = running.filter(
      (c) => c.Labels['com.docker.compose.project'] === projectOf(s.env) && c.Labels['com.docker.compose.service'] === s.app,
    ).length;
    lines.push([PLATFORM_HOST, replicasKey(k), live]);
    if (regs) {
      const keys = regs.get(k) ?? 0;
      lines.push([PLATFORM_HOST, registrationsKey(k), keys], [PLATFORM_HOST, staleKey(k), Math.max(0, keys - live)]);
    }
    parts.push(`${k}=${live}/${regs ? (regs.get(k) ?? 0) : '?'}`);
  }
  const engines = ENGINE_NAMES.map((n, i) => `${n}:${samples[i]?.up ? 'up' : 'DOWN'}`).join(' ');
  return `${engines} | replicas/keys ${parts.join(' ')} | ${await send(lines)}`;
}

async function main(): Promise<void> {
  let stopping = false;
  let busy = false;
  // Stop at once when idle; finish the current cycle (a send in flight) otherwise.
  const stop = () => {
    stopping = true;
    if (!busy) {
      log('feeder stopped');
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  log(`feeder started (pid ${process.pid}, every ${FEED_INTERVAL_MS / 1000}s, lab ${p.dir})`);
  let last = '';
  let n = 0;
  while (!stopping) {
    const t0 = Date.now();
    busy = true;
    try {
      const summary = await cycle();
      // Log on change, and once a minute anyway.
      if (summary !== last || n % 12 === 0) log(summary);
      last = summary;
    } catch (err) {
      log(`cycle failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    busy = false;
    n++;
    const wait = FEED_INTERVAL_MS - (Date.now() - t0);
    for (let waited = 0; waited < wait && !stopping; waited += 200) await sleep(Math.min(200, wait - waited));
  }
  etcd.close();
  log('feeder stopped');
  process.exit(0);
}

void main();

// Two Docker engines side by side: lab-engine-1 (unix socket) and lab-engine-2 (unix socket + TLS on 127.0.0.1:23762).
import Docker from 'dockerode';
import fs from 'node:fs';
import { ENGINE_NAMES, LOOPBACK, PORTS, type EngineName, type LabPaths } from './paths.js';
import { Fatal, assertPortsFree, isAlive, livePid, say, secs, spawnDaemon, stopPid, tailFile, waitFor } from './proc.js';

const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A dockerode client for the lab's own use (always the engine's unix socket). */
export function engineClient(p: LabPaths, name: EngineName): Docker {
  return new Docker({ socketPath: p.engine(name).socket, timeout: 15000 });
}

export function engineTcpHost(name: EngineName): string | null {
  return name === 'lab-engine-2' ? `tcp://${LOOPBACK}:${PORTS.engine2Tls}` : null;
}

/** Pid of the engine's dockerd if it is running. */
export function enginePid(p: LabPaths, name: EngineName): number | null {
  const e = p.engine(name);
  return livePid(e.labPidFile, 'dockerd') ?? livePid(e.pidFile, 'dockerd');
}

export async function pingEngine(p: LabPaths, name: EngineName): Promise<boolean> {
  if (!fs.existsSync(p.engine(name).socket)) return false;
  try {
    await engineClient(p, name).ping();
    return true;
  } catch {
    return false;
  }
}

function dockerdArgs(p: LabPaths, name: EngineName): string[] {
  const e = p.engine(name);
  const args = [
    '--config-file', e.configFile,
    '--data-root', e.dataRoot,
    '--exec-root', e.execRoot,
    '--pidfile', e.pidFile,
    '--host', `unix://${e.socket}`,
    // Network rule: no docker0 bridge, no iptables/NAT; containers run with host networking only.
    '--bridge=none', '--iptables=false', '--ip-masq=false',
  ];
  if (name === 'lab-engine-2') {
    args.push(
      '--host', `tcp://${LOOPBACK}:${PORTS.engine2Tls}`,
      '--tlsverify',
      '--tlscacert', p.certs.ca,
      '--tlscert', p.certs.serverCert,
      '--tlskey', p.certs.serverKey,
    );
  }
  return args;
}

async function ensureEngine(p: LabPaths, name: EngineName): Promise<number> {
  const e = p.engine(name);
  const t0 = Date.now();
  let pid = livePid(e.labPidFile, 'dockerd') ?? livePid(e.pidFile, 'dockerd');
  if (pid !== null && (await pingEngine(p, name))) return pid;
  if (pid === null) {
    if (name === 'lab-engine-2') assertPortsFree(name, [PORTS.engine2Tls]);
    for (const d of [e.root, e.dataRoot, e.execRoot]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(
      e.configFile,
      JSON.stringify({ labels: [`lab.engine=${name}`], 'log-driver': 'json-file', 'log-opts': { 'max-size': '10m', 'max-file': '3' } }, null, 2),
    );
    pid = spawnDaemon({
      cmd: 'dockerd',
      args: dockerdArgs(p, name),
      logFile: e.logFile,
      pidFile: e.labPidFile,
      env: { ...process.env, PATH: `${process.env.PATH ?? ''}:${SYSTEM_PATH}` },
    });
  }
  const started = pid;
  await waitFor(`${name} /_ping`, async () => {
    if (!isAlive(started)) {
      throw new Fatal(`dockerd exited; log:\n${tailFile(e.logFile)}`);
    }
    return pingEngine(p, name);
  }, 40000, 200);
  say('engines', `${name} up (pid ${started}, ${secs(t0)})`);
  return started;
}

/** Start both engines (in parallel) unless they already answer /_ping. Returns their pids. */
export async function ensureEngines(p: LabPaths): Promise<Record<EngineName, number>> {
  const pids = await Promise.all(ENGINE_NAMES.map((n) => ensureEngine(p, n)));
  return { 'lab-engine-1': pids[0]!, 'lab-engine-2': pids[1]! };
}

/** Remove every container on the lab's engines (they are the lab's own engines). */
export async function removeAllContainers(p: LabPaths): Promise<number> {
  let removed = 0;
  await Promise.all(
    ENGINE_NAMES.map(async (name) => {
      if (!(await pingEngine(p, name))) return;
      const docker = engineClient(p, name);
      const list = await docker.listContainers({ all: true });
      await Promise.all(
        list.map(async (c) => {
          try {
            await docker.getContainer(c.Id).remove({ force: true, v: true });
            removed++;
          } catch {
            /* already gone */
          }
        }),
      );
    }),
  );
  return removed;
}

export async function stopEngines(p: LabPaths): Promise<void> {
  await Promise.all(
    ENGINE_NAMES.map(async (name) => {
      const pid = enginePid(p, name);
      if (pid === null) return;
      const how = await stopPid(pid, { timeoutMs: 30000 });
      say('engines', `${name} ${how} (pid ${pid})`);
    }),
  );
}

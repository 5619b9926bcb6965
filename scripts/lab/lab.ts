// The lab: real Docker engines, an etcd cluster and Zabbix on loopback, with demo services, for the console.
//   npx tsx scripts/lab/lab.ts up|down|status
import fs from 'node:fs';
import { ENGINE_NAMES, LOOPBACK, PORTS, labDir, labPaths, type LabPaths } from './paths.js';
import { assertPortsFree, awaitReaped, lineage, livePid, portOwner, readPid, say, secs, sleep, tailFile, tcpOpen } from './proc.js';
import { ensurePackages } from './packages.js';
import { ensureCerts } from './tls-certs.js';
import { engineClient, enginePid, ensureEngines, pingEngine, removeAllContainers, stopEngines } from './docker-engines.js';
import { ensureLabImage } from './lab-image.js';
import { ETCD_MEMBERS, ensureEtcd, etcdClientUrl, memberHealthy, stopEtcd } from './etcd-cluster.js';
import { ensurePostgres, stopPostgres } from './postgres.js';
import {
  ZABBIX_API_URL,
  ZABBIX_LOGIN,
  ensureZabbixApi,
  ensureZabbixServer,
  frontendConfIsOurs,
  reloadConfigCache,
  removeFrontendConf,
  stopZabbix,
  zabbixServerPid,
} from './zabbix.js';
import { ZabbixApi } from './zabbix-api.js';
import { PLATFORM_HOST, provisionZabbix } from './zabbix-provision.js';
import { DEMO_SERVICES, ensureDemoServices, registrationCounts, runningCounts, serviceKey, totalReplicas, waitForRegistrations } from './demo-services.js';
import { ensureFeeder, feederPid, stopFeeder } from './feeder-control.js';
import { writeProfile } from './profile.js';
import { killLeftovers, removeLabDir } from './cleanup.js';

const MARKER = '.ops-lab';

function lockPath(p: LabPaths): string {
  return `${p.dir}/lab.lock`;
}

/** One lab command at a time per lab directory. */
function takeLock(p: LabPaths): () => void {
  const file = lockPath(p);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch {
      const holder = readPid(file);
      if (holder !== null && livePid(file) !== null && holder !== process.pid) {
        throw new Error(`another lab command (pid ${holder}) is running on ${p.dir}`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot take ${file}`);
}

/** Before starting anything: every fixed port is free or held by this lab's own processes. */
function preflightPorts(p: LabPaths): void {
  const ours = new Set<number>();
  const add = (pid: number | null) => pid !== null && ours.add(pid);
  for (const name of ENGINE_NAMES) add(enginePid(p, name));
  for (const i of ETCD_MEMBERS) add(livePid(p.etcdMember(i).pidFile, 'etcd'));
  add(livePid(p.postgres.pidFile, 'postgres'));
  add(zabbixServerPid(p));
  add(livePid(p.zabbix.phpPidFile, 'php'));
  const ports = [PORTS.engine2Tls, ...PORTS.etcdClient, ...PORTS.etcdPeer, PORTS.postgres, PORTS.zabbixServer, PORTS.zabbixApi];
  const foreign = ports.filter((port) => {
    const owner = portOwner(port);
    return owner !== null && !(owner.pid !== null && lineage(owner.pid).some((a) => ours.has(a)));
  });
  if (foreign.length > 0) assertPortsFree('the lab', foreign);
}

async function zabbixSide(p: LabPaths) {
  const postgres = await ensurePostgres(p);
  const server = await ensureZabbixServer(p);
  const { pid: php, version } = await ensureZabbixApi(p);
  const api = new ZabbixApi(ZABBIX_API_URL);
  await api.login(ZABBIX_LOGIN.username, ZABBIX_LOGIN.password);
  try {
    const { created } = await provisionZabbix(api);
    if (created > 0) {
      say('zabbix', `provisioned ${created} hosts/items/triggers; reloading the server's configuration cache`);
      await reloadConfigCache(p);
    }
  } finally {
    await api.logout();
  }
  return { postgres, server, php, version };
}

/** Wait until Zabbix holds values from the feeder for every engine host and every platform item. */
async function waitForZabbixData(timeoutMs: number): Promise<string | null> {
  const api = new ZabbixApi(ZABBIX_API_URL);
  await api.login(ZABBIX_LOGIN.username, ZABBIX_LOGIN.password);
  const deadline = Date.now() + timeoutMs;
  let missing: string[] = [];
  let reloaded = false;
  try {
    for (;;) {
      const items = await api.call<{ key_: string; lastclock: string; hosts: { host: string }[] }[]>('item.get', {
        output: ['key_', 'lastclock'],
        selectHosts: ['host'],
        filter: { host: [...ENGINE_NAMES, PLATFORM_HOST] },
        search: { key_: ['docker.engine.up', 'platform.replicas['] },
        searchByAny: true,
        startSearch: true,
      });
      missing = items.filter((i) => i.lastclock === '0').map((i) => `${i.hosts[0]?.host}:${i.key_}`);
      if (items.length > 0 && missing.length === 0) return null;
      if (Date.now() > deadline) return missing.join(', ') || 'no items';
      // If the server still ignores the hosts after a while, ask it to reload its configuration once more.
      if (!reloaded && Date.now() > deadline - timeoutMs / 2) {
        await reloadConfigCache(labPaths());
        reloaded = true;
      }
      await sleep(1000);
    }
  } finally {
    await api.logout();
  }
}

async function up(): Promise<void> {
  const t0 = Date.now();
  const p = labPaths();
  await ensurePackages();
  preflightPorts(p);
  fs.mkdirSync(p.dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(p.dir, 0o755);
  fs.writeFileSync(`${p.dir}/${MARKER}`, 'ops-console lab directory; `npm run lab:down` deletes it\n');
  const release = takeLock(p);
  try {
    say('lab', `directory ${p.dir}`);
    const dockerSide = (async () => {
      await ensureCerts(p);
      const pids = await ensureEngines(p);
      await ensureLabImage(p);
      return pids;
    })();
    const etcdSide = ensureEtcd(p);
    const zbxSide = zabbixSide(p);
    const services = (async () => {
      await Promise.all([dockerSide, etcdSide]);
      await ensureDemoServices(p);
      const lacking = await waitForRegistrations(p, 20000);
      if (lacking) say('services', `WARNING: not registered in etcd yet: ${lacking}`);
    })();
    const results = await Promise.allSettled([dockerSide, etcdSide, zbxSide, services]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new Error(failed.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
    const engines = await dockerSide;
    const etcd = await etcdSide;
    const zbx = await zbxSide;

    const feeder = await ensureFeeder(p);
    const noData = await waitForZabbixData(30000);
    if (noData) say('zabbix', `WARNING: no values yet for ${noData} (see ${p.feeder.logFile})`);

    writeProfile(
      p,
      { engines, etcd, postgres: zbx.postgres, zabbixServer: zbx.server, php: zbx.php, feeder },
      zbx.version,
    );
    const running = [...(await runningCounts(p)).values()].reduce((a, b) => a + b, 0);
    say(
      'lab',
      `UP in ${secs(t0)}: 2 engines, etcd x3, Zabbix ${zbx.version}, ${running}/${totalReplicas()} replicas running; profile ${p.connectionsYaml}`,
    );
  } finally {
    release();
  }
}

async function step(what: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  const t0 = Date.now();
  try {
    await fn();
    if (process.env.LAB_TIMING) say('down', `${what} done in ${secs(t0)}`);
  } catch (err) {
    say('down', `${what}: ${err instanceof Error ? err.message : String(err)} (continuing)`);
  }
}

async function down(): Promise<void> {
  const t0 = Date.now();
  const p = labPaths();
  const exists = fs.existsSync(p.dir);
  if (exists && !fs.existsSync(`${p.dir}/${MARKER}`) && fs.readdirSync(p.dir).length > 0) {
    throw new Error(`${p.dir} is not a lab directory (no ${MARKER}); refusing to touch it`);
  }
  const release = exists ? takeLock(p) : () => undefined;
  try {
    await step('feeder', () => stopFeeder(p));
    await step('containers', async () => {
      const n = await removeAllContainers(p);
      if (n > 0) say('services', `${n} containers removed`);
    });
    await step('zabbix', () => stopZabbix(p));
    await step('postgres', () => stopPostgres(p));
    await step('etcd', () => stopEtcd(p));
    await step('engines', () => stopEngines(p));
    await step('frontend config', () => removeFrontendConf(p));
    if (exists) {
      await step('leftovers', () => killLeftovers(p.dir));
    }
  } finally {
    release();
  }
  if (exists) await removeLabDir(p.dir);
  await awaitReaped();
  say('lab', `DOWN in ${secs(t0)}`);
}

function line(component: string, ok: boolean, text: string): boolean {
  process.stdout.write(`${component.padEnd(12)} ${ok ? 'up  ' : 'DOWN'}  ${text}\n`);
  return ok;
}

async function status(): Promise<boolean> {
  const p = labPaths();
  let all = true;
  const note = (ok: boolean) => {
    all &&= ok;
  };
  process.stdout.write(`${'lab dir'.padEnd(12)} ${p.dir}${fs.existsSync(p.dir) ? '' : ' (absent)'}\n`);
  for (const name of ENGINE_NAMES) {
    const pid = enginePid(p, name);
    const ping = await pingEngine(p, name);
    let extra = '';
    if (ping) {
      const list = await engineClient(p, name).listContainers({ all: true });
      extra = `, ${list.filter((c) => c.State === 'running').length}/${list.length} containers running`;
    }
    const tcp = name === 'lab-engine-2' ? ` + tcp://${LOOPBACK}:${PORTS.engine2Tls} (tls ${(await tcpOpen(LOOPBACK, PORTS.engine2Tls)) ? 'open' : 'closed'})` : '';
    note(line(name, pid !== null && ping, `pid ${pid ?? '-'}, ping ${ping ? 'ok' : 'no'}${extra}; unix://${p.engine(name).socket}${tcp}`));
  }
  for (const i of ETCD_MEMBERS) {
    const pid = livePid(p.etcdMember(i).pidFile, 'etcd');
    const healthy = await memberHealthy(i);
    note(line(`etcd n${i}`, pid !== null && healthy, `pid ${pid ?? '-'}, ${healthy ? 'healthy' : 'not healthy'}, ${etcdClientUrl(i)}`));
  }
  const pg = livePid(p.postgres.pidFile, 'postgres');
  const pgOpen = await tcpOpen(LOOPBACK, PORTS.postgres);
  note(line('postgres', pg !== null && pgOpen, `pid ${pg ?? '-'}, ${LOOPBACK}:${PORTS.postgres} ${pgOpen ? 'open' : 'closed'}`));
  const zs = zabbixServerPid(p);
  const zsOpen = await tcpOpen(LOOPBACK, PORTS.zabbixServer);
  note(line('zabbix', zs !== null && zsOpen, `server pid ${zs ?? '-'}, ${LOOPBACK}:${PORTS.zabbixServer} ${zsOpen ? 'open' : 'closed'}`));
  const php = livePid(p.zabbix.phpPidFile, 'php');
  let version = '';
  try {
    version = await new ZabbixApi(ZABBIX_API_URL).version();
  } catch {
    /* not answering */
  }
  note(line('zabbix api', php !== null && version !== '', `php pid ${php ?? '-'}, ${version ? `apiinfo.version ${version}` : 'not answering'}, ${ZABBIX_API_URL}${frontendConfIsOurs() ? '' : ' (frontend config missing)'}`));
  const fd = feederPid(p);
  note(line('feeder', fd !== null, `pid ${fd ?? '-'}; last: ${tailFile(p.feeder.logFile, 1) || '-'}`));
  let running = new Map<string, number>();
  let keys: Map<string, number> | null = null;
  try {
    running = await runningCounts(p);
  } catch {
    /* engines down */
  }
  if ((await Promise.all(ETCD_MEMBERS.map(memberHealthy))).some(Boolean)) {
    try {
      keys = await registrationCounts();
    } catch {
      keys = null;
    }
  }
  const svc = DEMO_SERVICES.map((s) => {
    const k = serviceKey(s);
    return `${k} ${running.get(k) ?? 0}/${s.replicas.length}${keys ? ` (${keys.get(k) ?? 0} keys)` : ''}`;
  });
  const allRunning = DEMO_SERVICES.every((s) => (running.get(serviceKey(s)) ?? 0) > 0);
  note(line('services', allRunning, svc.join(', ')));
  note(line('profile', fs.existsSync(p.connectionsYaml), `${p.connectionsYaml}, ${p.labJson}`));
  return all;
}

async function main(): Promise<void> {
  const cmd = process.argv[2] ?? 'status';
  switch (cmd) {
    case 'up':
      await up();
      break;
    case 'down':
      await down();
      break;
    case 'dir':
      process.stdout.write(`${labDir()}\n`);
      break;
    case 'status':
      process.exitCode = (await status()) ? 0 : 1;
      break;
    default:
      process.stderr.write('usage: tsx scripts/lab/lab.ts up|down|status|dir\n');
      process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[lab] FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

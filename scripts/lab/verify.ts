// End-to-end check of a running lab, against the real engines, etcd and Zabbix:
//   npx tsx scripts/lab/verify.ts [--crash]
// Leaves the lab as it found it (stopped/killed replicas are started again).
import Docker from 'dockerode';
import { Etcd3 } from 'etcd3';
import fs from 'node:fs';
import { readLabInfo, type LabInfo, type LabService } from './lab-info.js';
import { ZabbixApi } from './zabbix-api.js';
import { sleep } from './proc.js';

let failures = 0;
let passes = 0;
function check(ok: boolean, what: string): void {
  if (ok) passes++;
  else failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${what}\n`);
}

async function until(fn: () => Promise<boolean>, timeoutMs: number, intervalMs = 500): Promise<number | null> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await fn()) return Date.now() - t0;
    await sleep(intervalMs);
  }
  return null;
}

const info: LabInfo = readLabInfo();
const docker = Object.fromEntries(info.engines.map((e) => [e.name, new Docker({ socketPath: e.socket })])) as Record<string, Docker>;
const etcd = new Etcd3({ hosts: info.etcd.endpoints });
const api = new ZabbixApi(info.zabbix.url);

async function keysOf(s: LabService): Promise<Record<string, string>> {
  return etcd.getAll().prefix(s.etcdPrefix).strings();
}

function byName(s: LabService, name: string): Docker.Container {
  const r = s.containers.find((c) => c.name === name);
  if (!r) throw new Error(`no replica ${name}`);
  return docker[r.engine]!.getContainer(name);
}

async function problemOpen(name: string): Promise<boolean> {
  const problems = await api.call<{ name: string }[]>('problem.get', { output: ['name'], search: { name }, recent: false });
  return problems.some((p) => p.name === name);
}

async function engines(): Promise<void> {
  for (const e of info.engines) {
    const list = await docker[e.name]!.listContainers({ all: true });
    const want = info.services.flatMap((s) => s.containers.filter((c) => c.engine === e.name).map((c) => c.name));
    const have = new Set(list.map((c) => c.Names[0]?.slice(1)));
    check(want.every((n) => have.has(n)), `${e.name}: ${want.length} demo containers present (${list.filter((c) => c.State === 'running').length} running)`);
    const sample = list.find((c) => c.Names[0] === `/${want[0]}`);
    check(
      sample?.HostConfig.NetworkMode === 'host' && sample.Labels['com.docker.compose.oneoff'] === 'False',
      `${e.name}: host networking and compose labels`,
    );
    if (e.tcpHost && e.tls) {
      const url = new URL(e.tcpHost.replace(/^tcp:/, 'https:'));
      const tls = new Docker({
        host: url.hostname,
        port: Number(url.port),
        protocol: 'https',
        ca: fs.readFileSync(e.tls.ca),
        cert: fs.readFileSync(e.tls.cert),
        key: fs.readFileSync(e.tls.key),
      });
      const v = await tls.version();
      check(v.ApiVersion === '1.41', `${e.name}: TLS ${e.tcpHost} answers with client certificate (API ${v.ApiVersion})`);
      let refused = false;
      try {
        await new Docker({ host: url.hostname, port: Number(url.port), protocol: 'https', ca: fs.readFileSync(e.tls.ca) }).ping();
      } catch {
        refused = true;
      }
      check(refused, `${e.name}: TLS port refuses a client without certificate`);
    }
  }
}

async function registry(): Promise<void> {
  for (const s of info.services) {
    const keys = await keysOf(s);
    const entries = Object.entries(keys);
    const shapeOk = entries.every(([k, v]) => k === `${s.etcdPrefix}${v.replace(':', '-')}` && /^127\.0\.0\.1:\d+$/.test(v));
    check(entries.length >= 1 && shapeOk, `etcd ${s.etcdPrefix}: ${entries.length} registration(s) ${entries.map(([, v]) => v).join(' ')}`);
    const first = entries[0];
    if (first) {
      const res = await fetch(`http://${first[1]}/info.json`, { signal: AbortSignal.timeout(3000) });
      const body = (await res.json()) as { app: string; env: string };
      check(body.app === s.app && body.env === s.env, `http://${first[1]}/info.json served by a ${s.key} replica`);
    }
  }
}

async function zabbix(): Promise<void> {
  const hosts = await api.call<{ host: string; hostid: string }[]>('host.get', { output: ['host'], filter: { host: [...info.zabbix.hosts.engines, info.zabbix.hosts.platform] } });
  check(hosts.length === 3, `Zabbix hosts: ${hosts.map((h) => h.host).join(', ')}`);
  const items = await api.call<{ itemid: string; key_: string; lastvalue: string; hosts: { host: string }[] }[]>('item.get', {
    output: ['key_', 'lastvalue'],
    selectHosts: ['host'],
    hostids: hosts.map((h) => h.hostid),
  });
  for (const key of ['docker.engine.up', 'docker.containers.running', 'platform.replicas[search_PROD]']) {
    const its = items.filter((i) => i.key_ === key);
    const hist = await api.call<unknown[]>('history.get', { itemids: its.map((i) => i.itemid), history: 3, limit: 5, sortfield: 'clock', sortorder: 'DESC' });
    check(its.length > 0 && hist.length > 0, `Zabbix ${key}: last ${its.map((i) => `${i.hosts[0]?.host}=${i.lastvalue}`).join(' ')}, ${hist.length} history values`);
  }
}

async function triggerFlow(): Promise<void> {
  const s = info.services.find((x) => x.key === 'search_PRE')!;
  const problem = s.zabbix.trigger;
  check(!(await problemOpen(problem)), `no open problem "${problem}" before`);
  const before = Object.keys(await keysOf(s)).length;
  const t0 = Date.now();
  await Promise.all(s.containers.map((c) => byName(s, c.name).stop({ t: 10 })));
  const stopMs = Date.now() - t0;
  const left = Object.keys(await keysOf(s)).length;
  check(before > 0 && left === 0, `docker stop of all ${s.key} replicas (${stopMs} ms): keys ${before} -> ${left} at once`);
  const appeared = await until(() => problemOpen(problem), 40000, 1000);
  check(appeared !== null, `problem "${problem}" appeared (${appeared} ms after stop)`);
  await Promise.all(s.containers.map((c) => byName(s, c.name).start()));
  const registered = await until(async () => Object.keys(await keysOf(s)).length === s.replicas, 15000);
  check(registered !== null, `${s.key} replicas started again and registered (${registered} ms)`);
  const resolved = await until(async () => !(await problemOpen(problem)), 40000, 1000);
  check(resolved !== null, `problem "${problem}" resolved (${resolved} ms after start)`);
}

async function killFlow(): Promise<void> {
  const s = info.services.find((x) => x.key === 'order_PROD')!;
  const victim = s.containers[0]!;
  const c = byName(s, victim.name);
  const env = ((await c.inspect()).Config.Env ?? []).join(' ');
  const keysBefore = await keysOf(s);
  await c.kill();
  const killedAt = Date.now();
  await sleep(2000);
  const after = await keysOf(s);
  check(Object.keys(after).length === Object.keys(keysBefore).length, `docker kill ${victim.name}: its key is still there 2 s later (stale)`);
  const gone = await until(async () => Object.keys(await keysOf(s)).length === Object.keys(keysBefore).length - 1, 20000);
  const ttl = gone === null ? null : Date.now() - killedAt;
  check(ttl !== null && ttl >= 5000, `stale key expired with the lease ${ttl} ms after the kill (TTL ${info.etcd.leaseTtlSeconds} s)`);
  await c.start();
  const back = await until(async () => Object.keys(await keysOf(s)).length === Object.keys(keysBefore).length, 15000);
  check(back !== null && env.includes('APP_NAME=order'), `${victim.name} started again and registered`);
}

async function crashFlow(): Promise<void> {
  const s = info.services.find((x) => x.containers.some((c) => c.crashy))!;
  const r = s.containers.find((c) => c.crashy)!;
  const c = byName(s, r.name);
  const count0 = (await c.inspect()).RestartCount;
  process.stdout.write(`....  waiting up to 130 s for ${r.name} to crash (restart count ${count0})\n`);
  const crashed = await until(async () => (await c.inspect()).RestartCount > count0, 130000, 1000);
  const st = await c.inspect();
  check(crashed !== null, `${r.name} crashed and was restarted by its policy (restart count ${st.RestartCount}, state ${st.State.Status})`);
}

async function main(): Promise<void> {
  await api.login(info.zabbix.username, info.zabbix.password);
  try {
    await engines();
    await registry();
    await zabbix();
    await triggerFlow();
    await killFlow();
    if (process.argv.includes('--crash')) await crashFlow();
  } finally {
    await api.logout();
    etcd.close();
  }
  process.stdout.write(`${passes} passed, ${failures} failed\n`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`verify FAILED: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});

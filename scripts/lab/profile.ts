// Writes <labDir>/connections.yaml (the console's connection profile) and <labDir>/lab.json (for tests).
import fs from 'node:fs';
import { ENGINE_NAMES, LOOPBACK, PORTS, repoRoot, type LabPaths } from './paths.js';
import type { LabEngine, LabInfo } from './lab-info.js';
import { engineTcpHost } from './docker-engines.js';
import { ETCD_MEMBERS, etcdClientUrl, etcdEndpoints } from './etcd-cluster.js';
import { CRASH_EVERY, DEMO_SERVICES, LEASE_TTL_SECONDS, containerName, projectOf, serviceKey } from './demo-services.js';
import { LAB_IMAGE } from './lab-image.js';
import { ZABBIX_DB } from './postgres.js';
import { ZABBIX_API_URL, ZABBIX_LOGIN } from './zabbix.js';
import { HOST_GROUP, PLATFORM_HOST, noReplicaTriggerName, registrationsKey, replicasKey } from './zabbix-provision.js';
import { FEED_INTERVAL_S } from './feeder-control.js';

export const PRODUCTION_ENVIRONMENTS = ['PROD'];
export const ETCD_NAME = 'lab-etcd';
export const ZABBIX_NAME = 'lab-zabbix';

export interface Pids {
  engines: Record<string, number | null>;
  etcd: (number | null)[];
  postgres: number | null;
  zabbixServer: number | null;
  php: number | null;
  feeder: number | null;
}

/** A YAML plain scalar when safe, else a double-quoted (JSON) one. */
function y(s: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(s) ? s : JSON.stringify(s);
}

function engines(p: LabPaths, pids: Pids): LabEngine[] {
  return ENGINE_NAMES.map((name) => {
    const e = p.engine(name);
    const tcpHost = engineTcpHost(name);
    const unixHost = `unix://${e.socket}`;
    return {
      name,
      socket: e.socket,
      unixHost,
      tcpHost,
      tls: tcpHost ? { ca: p.certs.ca, cert: p.certs.clientCert, key: p.certs.clientKey } : null,
      profileHost: tcpHost ?? unixHost,
      pid: pids.engines[name] ?? null,
      dataRoot: e.dataRoot,
      logFile: e.logFile,
    };
  });
}

export function connectionsYaml(p: LabPaths): string {
  const lines = ['# written by the lab', `productionEnvironments: [${PRODUCTION_ENVIRONMENTS.join(', ')}]`, 'docker:'];
  for (const e of engines(p, { engines: {}, etcd: [], postgres: null, zabbixServer: null, php: null, feeder: null })) {
    lines.push(`  - name: ${y(e.name)}`, `    host: ${y(e.profileHost)}`);
    if (e.tls) lines.push('    tls:', `      ca: ${y(e.tls.ca)}`, `      cert: ${y(e.tls.cert)}`, `      key: ${y(e.tls.key)}`);
  }
  lines.push(
    'etcd:',
    `  name: ${ETCD_NAME}`,
    `  endpoints: [${etcdEndpoints().join(', ')}]`,
    'zabbix:',
    `  name: ${ZABBIX_NAME}`,
    `  url: ${ZABBIX_API_URL}`,
    `  server: ${LOOPBACK}:${PORTS.zabbixServer}`,
    `  username: ${y(ZABBIX_LOGIN.username)}`,
    `  password: ${y(ZABBIX_LOGIN.password)}`,
    '',
  );
  return lines.join('\n');
}

export function labInfo(p: LabPaths, pids: Pids, zabbixVersion: string): LabInfo {
  return {
    version: 1,
    labDir: p.dir,
    repoRoot: repoRoot(),
    writtenAt: new Date().toISOString(),
    connectionsFile: p.connectionsYaml,
    productionEnvironments: PRODUCTION_ENVIRONMENTS,
    image: LAB_IMAGE,
    engines: engines(p, pids),
    etcd: {
      name: ETCD_NAME,
      endpoints: etcdEndpoints(),
      members: ETCD_MEMBERS.map((i) => ({
        name: `n${i}`,
        clientUrl: etcdClientUrl(i),
        peerUrl: `http://${LOOPBACK}:${PORTS.etcdPeer[i - 1]}`,
        pid: pids.etcd[i - 1] ?? null,
        dataDir: p.etcdMember(i).dataDir,
        logFile: p.etcdMember(i).logFile,
      })),
      leaseTtlSeconds: LEASE_TTL_SECONDS,
    },
    zabbix: {
      name: ZABBIX_NAME,
      url: ZABBIX_API_URL,
      username: ZABBIX_LOGIN.username,
      password: ZABBIX_LOGIN.password,
      version: zabbixVersion,
      server: { host: LOOPBACK, port: PORTS.zabbixServer, pid: pids.zabbixServer, logFile: p.zabbix.serverLogFile, configFile: p.zabbix.serverConf },
      api: { pid: pids.php, logFile: p.zabbix.phpLogFile },
      db: { host: LOOPBACK, port: PORTS.postgres, name: ZABBIX_DB.name, user: ZABBIX_DB.user, password: ZABBIX_DB.password, pid: pids.postgres },
      hostGroup: HOST_GROUP,
      hosts: { engines: [...ENGINE_NAMES], platform: PLATFORM_HOST },
    },
    feeder: { pid: pids.feeder, logFile: p.feeder.logFile, intervalSeconds: FEED_INTERVAL_S },
    services: DEMO_SERVICES.map((s) => {
      const key = serviceKey(s);
      return {
        app: s.app,
        env: s.env,
        project: projectOf(s.env),
        key,
        etcdPrefix: `/${key}/`,
        replicas: s.replicas.length,
        containers: s.replicas.map((r) => ({ name: containerName(s, r), number: r.number, engine: r.engine, crashy: r.crashy ?? false })),
        zabbix: { replicasItem: replicasKey(key), registrationsItem: registrationsKey(key), trigger: noReplicaTriggerName(key) },
      };
    }),
    crashEvery: CRASH_EVERY,
  };
}

/** Write both files (atomically: write then rename). */
export function writeProfile(p: LabPaths, pids: Pids, zabbixVersion: string): void {
  const write = (file: string, text: string) => {
    fs.writeFileSync(`${file}.tmp`, text);
    fs.renameSync(`${file}.tmp`, file);
  };
  write(p.connectionsYaml, connectionsYaml(p));
  write(p.labJson, JSON.stringify(labInfo(p, pids, zabbixVersion), null, 2) + '\n');
}

// Where everything of the lab lives. Pure: no side effects on import, safe for tests to import.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (two levels above this file). */
export function repoRoot(): string {
  return path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
}

/**
 * The lab directory: $OPS_LAB_DIR, or /tmp/ops-lab-<first 8 hex of sha1(repo root)>.
 * Kept short so that unix socket paths inside it stay well under 100 characters.
 */
export function labDir(): string {
  const fromEnv = process.env.OPS_LAB_DIR;
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  const hash = createHash('sha1').update(repoRoot()).digest('hex').slice(0, 8);
  return `/tmp/ops-lab-${hash}`;
}

export const ENGINE_NAMES = ['lab-engine-1', 'lab-engine-2'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Fixed loopback ports of the lab. */
export const PORTS = {
  engine2Tls: 23762,
  etcdClient: [21379, 22379, 23379] as const,
  etcdPeer: [21380, 22380, 23380] as const,
  postgres: 25432,
  zabbixServer: 20051,
  zabbixApi: 28080,
} as const;

export const LOOPBACK = '127.0.0.1';

/** All paths the lab uses, derived from the lab directory. */
export function labPaths(dir: string = labDir()) {
  const engine = (name: EngineName) => {
    const root = path.join(dir, 'engines', name);
    return {
      root,
      dataRoot: path.join(root, 'data'),
      execRoot: path.join(root, 'exec'),
      /** dockerd's own pid file (--pidfile). */
      pidFile: path.join(root, 'docker.pid'),
      /** The pid the lab started. */
      labPidFile: path.join(root, 'dockerd.lab.pid'),
      socket: path.join(root, 'docker.sock'),
      configFile: path.join(root, 'daemon.json'),
      logFile: path.join(root, 'dockerd.log'),
    };
  };
  const etcdMember = (i: number) => {
    const root = path.join(dir, 'etcd', `n${i}`);
    return {
      root,
      dataDir: path.join(root, 'data'),
      pidFile: path.join(root, 'etcd.pid'),
      logFile: path.join(root, 'etcd.log'),
    };
  };
  const certs = path.join(dir, 'certs');
  const pg = path.join(dir, 'postgres');
  const zbx = path.join(dir, 'zabbix');
  return {
    dir,
    labJson: path.join(dir, 'lab.json'),
    connectionsYaml: path.join(dir, 'connections.yaml'),
    certs: {
      dir: certs,
      ca: path.join(certs, 'ca.pem'),
      caKey: path.join(certs, 'ca-key.pem'),
      serverCert: path.join(certs, 'server-cert.pem'),
      serverKey: path.join(certs, 'server-key.pem'),
      clientCert: path.join(certs, 'client-cert.pem'),
      clientKey: path.join(certs, 'client-key.pem'),
    },
    engine,
    etcdMember,
    image: {
      dir: path.join(dir, 'image'),
      rootfs: path.join(dir, 'image', 'rootfs'),
      tarball: path.join(dir, 'image', 'rootfs.tar'),
    },
    postgres: {
      root: pg,
      dataDir: path.join(pg, 'data'),
      socketDir: path.join(pg, 'run'),
      pidFile: path.join(pg, 'postgres.pid'),
      logFile: path.join(pg, 'postgres.log'),
      importedMarker: path.join(pg, 'zabbix-schema-imported'),
    },
    zabbix: {
      root: zbx,
      serverConf: path.join(zbx, 'zabbix_server.conf'),
      serverPidFile: path.join(zbx, 'zabbix_server.pid'),
      serverLogFile: path.join(zbx, 'zabbix_server.log'),
      socketDir: path.join(zbx, 'run'),
      tmpDir: path.join(zbx, 'tmp'),
      phpPidFile: path.join(zbx, 'php.pid'),
      phpLogFile: path.join(zbx, 'php.log'),
      frontendBackup: path.join(zbx, 'zabbix.conf.php.before-lab'),
    },
    feeder: {
      root: path.join(dir, 'feeder'),
      pidFile: path.join(dir, 'feeder', 'feeder.pid'),
      logFile: path.join(dir, 'feeder', 'feeder.log'),
    },
  };
}

export type LabPaths = ReturnType<typeof labPaths>;

/** The frontend reads its settings from this fixed path (a constant in CConfigFile.php). */
export const ZABBIX_FRONTEND_CONF = '/etc/zabbix/zabbix.conf.php';

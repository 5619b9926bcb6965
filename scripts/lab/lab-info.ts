// The shape of <labDir>/lab.json (written by profile.ts) and its reader (verify.ts); tests reach both through test-support/lab.ts.
import fs from 'node:fs';
import { labDir, labPaths } from './paths.js';

export interface LabTls {
  ca: string;
  cert: string;
  key: string;
}

export interface LabEngine {
  name: string;
  /** Absolute path of the unix socket (every engine has one). */
  socket: string;
  /** `unix:///...docker.sock` */
  unixHost: string;
  /** `tcp://127.0.0.1:23762` for lab-engine-2, else null. */
  tcpHost: string | null;
  /** Client TLS files for tcpHost, else null. */
  tls: LabTls | null;
  /** The host the console profile uses for this engine (tcpHost if any, else unixHost). */
  profileHost: string;
  pid: number | null;
  dataRoot: string;
  logFile: string;
}

export interface LabEtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  pid: number | null;
  dataDir: string;
  logFile: string;
}

export interface LabReplica {
  /** Container name, `<project>_<service>_<N>`. */
  name: string;
  number: number;
  engine: string;
  /** This replica crashes hard every crashEvery seconds and is restarted by its restart policy. */
  crashy: boolean;
}

export interface LabService {
  app: string;
  env: string;
  /** Compose project (`prod`, `pre`). */
  project: string;
  /** `<app>_<ENV>`, the etcd prefix (without slashes) and the Zabbix key suffix. */
  key: string;
  etcdPrefix: string;
  replicas: number;
  containers: LabReplica[];
  zabbix: { replicasItem: string; registrationsItem: string; trigger: string };
}

export interface LabInfo {
  version: 1;
  labDir: string;
  repoRoot: string;
  writtenAt: string;
  connectionsFile: string;
  productionEnvironments: string[];
  image: string;
  engines: LabEngine[];
  etcd: { name: string; endpoints: string[]; members: LabEtcdMember[]; leaseTtlSeconds: number };
  zabbix: {
    name: string;
    url: string;
    username: string;
    password: string;
    version: string;
    server: { host: string; port: number; pid: number | null; logFile: string; configFile: string };
    api: { pid: number | null; logFile: string };
    db: { host: string; port: number; name: string; user: string; password: string; pid: number | null };
    hostGroup: string;
    hosts: { engines: string[]; platform: string };
  };
  feeder: { pid: number | null; logFile: string; intervalSeconds: number };
  services: LabService[];
  crashEvery: string;
}

/** lab.json of the running lab; throws a clear error if the lab is not up. */
export function readLabInfo(dir: string = labDir()): LabInfo {
  const file = labPaths(dir).labJson;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error(`no lab at ${dir} (${file} missing): start it with \`npm run lab\``);
  }
  return JSON.parse(text) as LabInfo;
}

/** lab.json, or null if the lab is not up. */
export function tryReadLabInfo(dir: string = labDir()): LabInfo | null {
  try {
    return readLabInfo(dir);
  } catch {
    return null;
  }
}

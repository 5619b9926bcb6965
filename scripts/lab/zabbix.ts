// Zabbix 6.0 server (config in the lab dir, 127.0.0.1:20051) and its PHP frontend/API (php -S 127.0.0.1:28080).
import fs from 'node:fs';
import { LOOPBACK, PORTS, ZABBIX_FRONTEND_CONF, type LabPaths } from './paths.js';
import { ZABBIX_DB } from './postgres.js';
import { Fatal, assertPortsFree, isAlive, livePid, readPid, run, say, secs, spawnDaemon, stopPid, systemUser, tailFile, tcpOpen, waitFor } from './proc.js';
import { ZabbixApi } from './zabbix-api.js';

export const ZABBIX_API_URL = `http://${LOOPBACK}:${PORTS.zabbixApi}/api_jsonrpc.php`;
export const ZABBIX_LOGIN = { username: 'Admin', password: 'zabbix' } as const;
const FRONTEND_ROOT = '/usr/share/zabbix';
const FRONTEND_EXAMPLE = '/usr/share/zabbix/conf/zabbix.conf.php.example';
const MARK = '// written by the ops-console lab';

function serverConf(p: LabPaths): string {
  const z = p.zabbix;
  return [
    '# written by the ops-console lab',
    'LogType=file',
    `LogFile=${z.serverLogFile}`,
    'LogFileSize=10',
    `PidFile=${z.serverPidFile}`,
    `SocketDir=${z.socketDir}`,
    `TmpDir=${z.tmpDir}`,
    `DBHost=${LOOPBACK}`,
    `DBPort=${PORTS.postgres}`,
    `DBName=${ZABBIX_DB.name}`,
    `DBUser=${ZABBIX_DB.user}`,
    `DBPassword=${ZABBIX_DB.password}`,
    `ListenIP=${LOOPBACK}`,
    `ListenPort=${PORTS.zabbixServer}`,
    'CacheUpdateFrequency=10',
    'StartPollers=2',
    'StartPollersUnreachable=1',
    'StartPreprocessors=2',
    'StartTrappers=3',
    'StartPingers=1',
    'StartDiscoverers=1',
    'StartHTTPPollers=1',
    'StartDBSyncers=2',
    'StartLLDProcessors=1',
    'StartAlerters=1',
    'StartEscalators=1',
    'StartTimers=1',
    'HousekeepingFrequency=1',
    'Timeout=4',
    'LogSlowQueries=3000',
    `StatsAllowedIP=${LOOPBACK}`,
    '',
  ].join('\n');
}

/** Start zabbix_server (foreground mode, detached by us) unless running; wait until it listens. */
export async function ensureZabbixServer(p: LabPaths): Promise<number> {
  const z = p.zabbix;
  const t0 = Date.now();
  let pid = livePid(z.serverPidFile, 'zabbix_server');
  if (pid !== null && (await tcpOpen(LOOPBACK, PORTS.zabbixServer))) return pid;
  const u = systemUser('zabbix');
  if (!u) throw new Error('system user zabbix is missing');
  if (pid === null) {
    assertPortsFree('zabbix_server', [PORTS.zabbixServer]);
    for (const d of [z.root, z.socketDir, z.tmpDir]) fs.mkdirSync(d, { recursive: true });
    for (const d of [z.root, z.socketDir, z.tmpDir]) fs.chownSync(d, u.uid, u.gid);
    fs.writeFileSync(z.serverConf, serverConf(p), { mode: 0o640 });
    fs.chownSync(z.serverConf, 0, u.gid);
    // -f: stay in the foreground so the pid we hold is the server's; it drops to user zabbix itself.
    pid = spawnDaemon({
      cmd: 'zabbix_server',
      args: ['-f', '-c', z.serverConf],
      logFile: `${z.serverLogFile}.stdout`,
      pidFile: `${z.root}/zabbix_server.lab.pid`,
    });
  }
  const started = pid;
  await waitFor(`zabbix_server on ${LOOPBACK}:${PORTS.zabbixServer}`, async () => {
    if (!isAlive(started)) throw new Fatal(`zabbix_server exited; log:\n${tailFile(z.serverLogFile)}`);
    return tcpOpen(LOOPBACK, PORTS.zabbixServer);
  }, 40000, 250);
  say('zabbix', `server up on ${LOOPBACK}:${PORTS.zabbixServer} (pid ${started}, ${secs(t0)})`);
  return started;
}

/** Pid of the lab's zabbix_server (it also writes its own PidFile). */
export function zabbixServerPid(p: LabPaths): number | null {
  return livePid(`${p.zabbix.root}/zabbix_server.lab.pid`, 'zabbix_server') ?? livePid(p.zabbix.serverPidFile, 'zabbix_server');
}

/** Ask the running server to reload its configuration cache now (new hosts/items become known at once). */
export async function reloadConfigCache(p: LabPaths): Promise<void> {
  await run('zabbix_server', ['-c', p.zabbix.serverConf, '-R', 'config_cache_reload'], { allowFail: true, timeoutMs: 10000 });
}

function frontendConf(p: LabPaths): string {
  let s = fs.readFileSync(FRONTEND_EXAMPLE, 'utf8');
  const set = (key: string, value: string) => {
    s = s.replace(new RegExp(`(\\$DB\\['${key}'\\]\\s*=\\s*)'[^']*';`), `$1'${value}';`);
  };
  set('TYPE', 'POSTGRESQL');
  set('SERVER', LOOPBACK);
  set('PORT', String(PORTS.postgres));
  set('DATABASE', ZABBIX_DB.name);
  set('USER', ZABBIX_DB.user);
  set('PASSWORD', ZABBIX_DB.password);
  s = s.replace(/\/\/ \$ZBX_SERVER\s*=.*\n/, `$ZBX_SERVER = '${LOOPBACK}';\n`);
  s = s.replace(/\/\/ \$ZBX_SERVER_PORT\s*=.*\n/, `$ZBX_SERVER_PORT = '${PORTS.zabbixServer}';\n`);
  s = s.replace(/\$ZBX_SERVER_NAME\s*=.*\n/, `$ZBX_SERVER_NAME = 'ops-lab';\n`);
  return s.replace('<?php\n', `<?php\n${MARK} (${p.dir}); lab down removes it\n`);
}

/** True if the frontend config at the fixed path was written by a lab. */
export function frontendConfIsOurs(): boolean {
  try {
    return fs.readFileSync(ZABBIX_FRONTEND_CONF, 'utf8').includes(MARK);
  } catch {
    return false;
  }
}

/** Write /etc/zabbix/zabbix.conf.php (backing up a foreign one once). */
export function ensureFrontendConf(p: LabPaths): void {
  const wanted = frontendConf(p);
  if (fs.existsSync(ZABBIX_FRONTEND_CONF)) {
    const current = fs.readFileSync(ZABBIX_FRONTEND_CONF, 'utf8');
    if (current === wanted) return;
    if (!current.includes(MARK) && !fs.existsSync(p.zabbix.frontendBackup)) {
      fs.mkdirSync(p.zabbix.root, { recursive: true });
      fs.copyFileSync(ZABBIX_FRONTEND_CONF, p.zabbix.frontendBackup);
      say('zabbix', `existing ${ZABBIX_FRONTEND_CONF} backed up to ${p.zabbix.frontendBackup}`);
    }
  }
  fs.mkdirSync('/etc/zabbix', { recursive: true });
  fs.writeFileSync(ZABBIX_FRONTEND_CONF, wanted, { mode: 0o644 });
}

/** Remove the frontend config if it is ours; put back a backed-up foreign one. */
export function removeFrontendConf(p: LabPaths): void {
  if (fs.existsSync(p.zabbix.frontendBackup)) {
    fs.copyFileSync(p.zabbix.frontendBackup, ZABBIX_FRONTEND_CONF);
    say('zabbix', `restored the previous ${ZABBIX_FRONTEND_CONF}`);
  } else if (frontendConfIsOurs()) {
    fs.rmSync(ZABBIX_FRONTEND_CONF, { force: true });
    say('zabbix', `removed ${ZABBIX_FRONTEND_CONF}`);
  }
}

async function apiAnswers(): Promise<string | null> {
  try {
    return await new ZabbixApi(ZABBIX_API_URL).version();
  } catch {
    return null;
  }
}

/** Serve the frontend (and so the JSON-RPC API) with PHP's built-in server; check version and login. */
export async function ensureZabbixApi(p: LabPaths): Promise<{ pid: number; version: string }> {
  const z = p.zabbix;
  const t0 = Date.now();
  ensureFrontendConf(p);
  let pid = livePid(z.phpPidFile, 'php');
  const wasRunning = pid !== null;
  if (pid === null) {
    assertPortsFree('php -S (Zabbix API)', [PORTS.zabbixApi]);
    pid = spawnDaemon({
      cmd: 'php',
      args: [
        '-d', 'memory_limit=256M', '-d', 'post_max_size=16M', '-d', 'upload_max_filesize=2M',
        '-d', 'max_execution_time=300', '-d', 'max_input_time=300', '-d', 'date.timezone=UTC',
        '-S', `${LOOPBACK}:${PORTS.zabbixApi}`, '-t', FRONTEND_ROOT,
      ],
      logFile: z.phpLogFile,
      pidFile: z.phpPidFile,
      cwd: FRONTEND_ROOT,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '8' },
    });
  }
  const started = pid;
  const version = await waitFor('Zabbix API apiinfo.version', async () => {
    if (!isAlive(started)) throw new Fatal(`php -S exited; log:\n${tailFile(z.phpLogFile)}`);
    return apiAnswers();
  }, 20000, 250);
  const api = new ZabbixApi(ZABBIX_API_URL);
  await api.login(ZABBIX_LOGIN.username, ZABBIX_LOGIN.password);
  await api.logout();
  if (!wasRunning) say('zabbix', `API ${version} at ${ZABBIX_API_URL}, login ${ZABBIX_LOGIN.username} ok (${secs(t0)})`);
  return { pid: started, version };
}

export async function stopZabbix(p: LabPaths): Promise<void> {
  // Both were started detached (own process group): stop the groups, so workers/children never outlive them.
  const php = readPid(p.zabbix.phpPidFile);
  if (php !== null) {
    const how = await stopPid(php, { group: true, expect: 'php', timeoutMs: 5000 });
    if (how !== 'gone') say('zabbix', `php -S ${how} (pid ${php})`);
  }
  const server = readPid(`${p.zabbix.root}/zabbix_server.lab.pid`);
  if (server !== null) {
    const how = await stopPid(server, { group: true, expect: 'zabbix_server', timeoutMs: 15000 });
    if (how !== 'gone') say('zabbix', `server ${how} (pid ${server})`);
  }
}

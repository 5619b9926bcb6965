// The lab's own PostgreSQL cluster for Zabbix (initdb into the lab dir, port 25432, run as user postgres).
// The system cluster (/var/lib/postgresql) is never touched.
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import path from 'node:path';
import { LOOPBACK, PORTS, type LabPaths } from './paths.js';
import { postgresBinDir } from './packages.js';
import { Fatal, assertPortsFree, isAlive, livePid, run, say, secs, spawnDaemon, stopPid, systemUser, tailFile, waitFor } from './proc.js';

export const ZABBIX_DB = { name: 'zabbix', user: 'zabbix', password: 'zabbix' } as const;
const SCHEMA_DIR = '/usr/share/zabbix-server-pgsql';

function bin(name: string): string {
  const dir = postgresBinDir();
  if (!dir) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  return path.join(dir, name);
}

function pgUser(): { uid: number; gid: number } {
  const u = systemUser('postgres');
  if (!u) throw new Error('system user postgres is missing');
  return u;
}

/** psql as `user` over the lab cluster's unix socket (local connections are trusted). */
function psql(p: LabPaths, user: string, db: string, args: string[], input?: string | NodeJS.ReadableStream) {
  return run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', p.postgres.socketDir, '-p', String(PORTS.postgres), '-U', user, '-d', db, ...args], {
    input,
    env: { ...process.env, PGCONNECT_TIMEOUT: '3' },
  });
}

async function query(p: LabPaths, user: string, db: string, sql: string): Promise<string> {
  return (await psql(p, user, db, ['-At', '-c', sql])).stdout.trim();
}

async function initdb(p: LabPaths): Promise<void> {
  const pg = p.postgres;
  const u = pgUser();
  fs.mkdirSync(pg.root, { recursive: true });
  fs.mkdirSync(pg.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(pg.socketDir, { recursive: true });
  fs.chownSync(pg.dataDir, u.uid, u.gid);
  fs.chownSync(pg.socketDir, u.uid, u.gid);
  fs.chmodSync(pg.dataDir, 0o700);
  await run(bin('initdb'), ['-D', pg.dataDir, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--auth-local=trust', '--auth-host=scram-sha-256'], {
    uid: u.uid,
    gid: u.gid,
    cwd: '/',
    env: { ...process.env, HOME: pg.root },
  });
}

/** Start the cluster if it is not running; returns the postmaster pid. */
async function ensureServer(p: LabPaths): Promise<number> {
  const pg = p.postgres;
  let pid = livePid(pg.pidFile, 'postgres');
  if (pid === null) {
    assertPortsFree('postgres', [PORTS.postgres]);
    if (!fs.existsSync(path.join(pg.dataDir, 'PG_VERSION'))) await initdb(p);
    const u = pgUser();
    fs.mkdirSync(pg.socketDir, { recursive: true });
    fs.chownSync(pg.socketDir, u.uid, u.gid);
    // Log file must be writable by postgres for the server's own use; stdout/stderr go to it too.
    fs.closeSync(fs.openSync(pg.logFile, 'a'));
    fs.chownSync(pg.logFile, u.uid, u.gid);
    pid = spawnDaemon({
      cmd: bin('postgres'),
      args: [
        '-D', pg.dataDir,
        '-p', String(PORTS.postgres),
        '-k', pg.socketDir,
        '-c', `listen_addresses=${LOOPBACK}`,
        // A lab database: speed over durability.
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'shared_buffers=64MB', '-c', 'max_connections=80',
      ],
      logFile: pg.logFile,
      pidFile: pg.pidFile,
      uid: u.uid,
      gid: u.gid,
      cwd: '/',
      env: { ...process.env, HOME: pg.root },
    });
  }
  const started = pid;
  await waitFor('postgres to accept connections', async () => {
    if (!isAlive(started)) throw new Fatal(`postgres exited; log:\n${tailFile(pg.logFile)}`);
    return (await query(p, 'postgres', 'postgres', 'select 1')) === '1';
  }, 30000, 200);
  return started;
}

async function importFile(p: LabPaths, file: string): Promise<void> {
  const input = fs.createReadStream(path.join(SCHEMA_DIR, file)).pipe(createGunzip());
  await psql(p, ZABBIX_DB.user, ZABBIX_DB.name, ['-1', '-f', '-'], input);
}

/** Own cluster up, role + database zabbix, schema/images/data imported once. Returns the postmaster pid. */
export async function ensurePostgres(p: LabPaths): Promise<number> {
  const t0 = Date.now();
  const pg = p.postgres;
  const wasRunning = livePid(pg.pidFile, 'postgres') !== null;
  const pid = await ensureServer(p);
  if (!wasRunning) say('postgres', `own cluster up on ${LOOPBACK}:${PORTS.postgres} (pid ${pid}, ${secs(t0)})`);
  if (fs.existsSync(pg.importedMarker)) return pid;

  const t1 = Date.now();
  const esc = ZABBIX_DB.password.replace(/'/g, "''");
  if ((await query(p, 'postgres', 'postgres', `select 1 from pg_roles where rolname='${ZABBIX_DB.user}'`)) !== '1') {
    await query(p, 'postgres', 'postgres', `create user ${ZABBIX_DB.user} with password '${esc}'`);
  }
  // A database without the marker is a half-done import: start it over.
  await query(p, 'postgres', 'postgres', `drop database if exists ${ZABBIX_DB.name}`);
  await query(p, 'postgres', 'postgres', `create database ${ZABBIX_DB.name} owner ${ZABBIX_DB.user} encoding 'UTF8' template template0`);
  for (const f of ['schema.sql.gz', 'images.sql.gz', 'data.sql.gz']) await importFile(p, f);
  fs.writeFileSync(pg.importedMarker, new Date().toISOString() + '\n');
  say('postgres', `zabbix schema, images and data imported (${secs(t1)})`);
  return pid;
}

export async function stopPostgres(p: LabPaths): Promise<void> {
  const pid = livePid(p.postgres.pidFile, 'postgres');
  if (pid === null) return;
  // SIGINT is PostgreSQL's "fast" shutdown (SIGTERM would wait for clients to disconnect).
  const how = await stopPid(pid, { signal: 'SIGINT', timeoutMs: 20000 });
  say('postgres', `${how} (pid ${pid})`);
}

// Checks that the system tools the lab needs are installed; installs missing ones with apt-get when it can.
import fs from 'node:fs';
import path from 'node:path';
import { run, say, systemUser } from './proc.js';

interface Requirement {
  what: string;
  pkg: string;
  present: () => Promise<boolean> | boolean;
}

const SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Absolute path of a command found in the usual system directories, or null. */
export function which(cmd: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  for (const d of dirs) {
    const p = path.join(d, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return null;
}

/** Directory of the newest installed PostgreSQL server binaries (/usr/lib/postgresql/<v>/bin), or null. */
export function postgresBinDir(): string | null {
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
      .sort((a, b) => Number(b) - Number(a));
    return versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : null;
  } catch {
    return null;
  }
}

async function isStatic(file: string): Promise<boolean> {
  if (!fs.existsSync(file)) return false;
  const r = await run('ldd', [file], { allowFail: true });
  return r.code !== 0 || /not a dynamic executable|statically linked/.test(r.stdout + r.stderr);
}

const REQUIREMENTS: Requirement[] = [
  { what: 'dockerd', pkg: 'docker.io', present: () => which('dockerd') !== null && which('containerd') !== null },
  { what: 'etcd', pkg: 'etcd-server', present: () => which('etcd') !== null },
  { what: 'etcdctl', pkg: 'etcd-client', present: () => which('etcdctl') !== null },
  { what: 'static busybox', pkg: 'busybox-static', present: () => isStatic('/bin/busybox') },
  { what: 'PostgreSQL server', pkg: 'postgresql', present: () => postgresBinDir() !== null && which('psql') !== null },
  {
    what: 'zabbix_server (PostgreSQL)',
    pkg: 'zabbix-server-pgsql',
    present: () => which('zabbix_server') !== null && fs.existsSync('/usr/share/zabbix-server-pgsql/schema.sql.gz'),
  },
  { what: 'Zabbix frontend', pkg: 'zabbix-frontend-php', present: () => fs.existsSync('/usr/share/zabbix/api_jsonrpc.php') },
  { what: 'php', pkg: 'php-cli', present: () => which('php') !== null },
  {
    what: 'php pgsql extension',
    pkg: 'php-pgsql',
    present: async () =>
      which('php') !== null &&
      (await run('php', ['-r', 'exit(extension_loaded("pgsql") ? 0 : 1);'], { allowFail: true })).code === 0,
  },
  { what: 'zabbix_sender', pkg: 'zabbix-sender', present: () => which('zabbix_sender') !== null },
  { what: 'openssl', pkg: 'openssl', present: () => which('openssl') !== null },
  { what: 'tar', pkg: 'tar', present: () => which('tar') !== null },
  // Not for the lab itself, but for the tests and screenshots that run against it.
  { what: 'sshd (ssh:// engine tests run their own on a loopback port)', pkg: 'openssh-server', present: () => fs.existsSync('/usr/sbin/sshd') },
  { what: 'Chromium (end-to-end tests)', pkg: 'chromium', present: () => which('chromium') !== null },
  { what: 'a CJK font (Chinese screenshots)', pkg: 'fonts-wqy-zenhei', present: () => fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc') },
];

async function missing(): Promise<Requirement[]> {
  const out: Requirement[] = [];
  for (const r of REQUIREMENTS) if (!(await r.present())) out.push(r);
  return out;
}

function canApt(): boolean {
  return process.getuid?.() === 0 && which('apt-get') !== null;
}

/** Make sure every tool is there; install what is missing (root + apt) or fail naming exactly what is missing. */
export async function ensurePackages(): Promise<void> {
  let todo = await missing();
  if (todo.length > 0) {
    const pkgs = [...new Set(todo.map((r) => r.pkg))];
    if (!canApt()) {
      throw new Error(
        `missing: ${todo.map((r) => `${r.what} (Debian package ${r.pkg})`).join(', ')}.\n` +
          `Install them as root: apt-get update && apt-get install -y ${pkgs.join(' ')}`,
      );
    }
    say('packages', `installing ${pkgs.join(' ')} with apt-get`);
    // Keep package scripts from starting system services (system postgres, ...) while installing.
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !fs.existsSync(policy);
    if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\n# ops-console lab: no service starts during install\nexit 101\n', { mode: 0o755 });
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await run('apt-get', ['update'], { env });
      await run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env });
    } finally {
      if (ownPolicy) fs.rmSync(policy, { force: true });
    }
    todo = await missing();
    if (todo.length > 0) {
      throw new Error(`still missing after apt-get: ${todo.map((r) => `${r.what} (${r.pkg})`).join(', ')}`);
    }
  }
  for (const user of ['postgres', 'zabbix']) {
    if (!systemUser(user)) throw new Error(`system user ${user} does not exist (it comes with the Debian packages)`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error('the lab must run as root (it starts dockerd and runs postgres/zabbix as their own users)');
  }
}

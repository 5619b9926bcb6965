import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port';

/**
 * A Zabbix frontend/API of a test's own (`php -S` on a free loopback port, one process),
 * on the lab's Zabbix database: freezing it leaves the lab's API alone.
 */
export interface OwnZabbixFrontend {
  url: string;
  pid: number;
  stop(): Promise<void>;
}


export async function startOwnZabbixFrontend(): Promise<OwnZabbixFrontend> {
  const port = await freePort();
  const child: ChildProcess = spawn('php', ['-d', 'memory_limit=256M', '-d', 'date.timezone=UTC', '-S', `127.0.0.1:${port}`, '-t', '/usr/share/zabbix'], {
    cwd: '/usr/share/zabbix',
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/api_jsonrpc.php`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json-rpc' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'apiinfo.version', params: {}, id: 1 }), signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error('own php -S for the Zabbix API did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stop };
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, type ConnectionStatus, type EngineContainers, type FleetContainer, type FleetEvent, type LogEvent, type LogLine } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { normaliseTimestamp } from '../../services/logs/log-frames';
import { dockerBoth, dockerPs } from '../../../../test-support/docker-cli';
import { labProfile, steadyDemoReplicas } from '../../../../test-support/lab';
import { startOwnSshd, type OwnSshd } from '../../../../test-support/own-sshd';
import { testContext } from '../../../../test-support/test-context';

/**
 * An `ssh://alias` engine as a user has one: the alias only in ~/.ssh/config (HostName, Port,
 * User, IdentityFile), a real OpenSSH server on a loopback port whose sessions run
 * `docker system dial-stdio` against lab engine 1. The console must see through it exactly
 * what the docker CLI sees on that engine's socket.
 */
describe('an ssh:// engine reached through an alias of ~/.ssh/config (a real sshd)', () => {
  const labEngine = labProfile().docker[0]!;
  let sshd: OwnSshd;
  let home: string;
  const contexts: AppContext[] = [];

  const consoleWith = async (engines: Array<{ name: string; alias: string }>) => {
    const profile = ['docker:', ...engines.flatMap((e) => [`  - name: ${e.name}`, `    host: ssh://${e.alias}`]), ''].join('\n');
    const context = await testContext(profile, { HOME: home });
    contexts.push(context);
    return context;
  };

  // No known_hosts: the console (ssh2 without a host verifier) does not check the server's host key today.
  beforeAll(async () => {
    sshd = await startOwnSshd({ dockerHost: labEngine.host });
    home = mkdtempSync(join(tmpdir(), 'ops-ssh-home-'));
    mkdirSync(join(home, '.ssh'), { mode: 0o700 });
    const host = (alias: string, key: string) => [`Host ${alias}`, '  HostName 127.0.0.1', `  Port ${sshd.port}`, '  User root', `  IdentityFile ${key}`, '  IdentitiesOnly yes'];
    writeFileSync(
      join(home, '.ssh', 'config'),
      [...host('lab-ssh', sshd.identityFile), ...host('lab-ssh-stranger', sshd.rejectedIdentityFile), ''].join('\n'),
      { mode: 0o600 },
    );
  }, 30_000);

  afterAll(async () => {
    for (const context of contexts) context.close();
    await sshd?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it("connects with the engine's version, lists what docker ps -a lists, and tails a container's log as docker logs does", async () => {
    const context = await consoleWith([{ name: 'ssh-engine', alias: 'lab-ssh' }]);

    const [status] = (await context.connections.check()) as ConnectionStatus[];
    expect(status, sshd.log()).toMatchObject({ id: 'docker:ssh-engine', target: 'ssh://lab-ssh', state: 'connected' });
    const labVersion = dockerBoth(labEngine, 'version', '--format', '{{.Server.Version}}').stdout.trim();
    expect(status!.version).toBe(labVersion);
    // It really went through the sshd (as root, with the generated key), not around it.
    expect(sshd.log()).toMatch(/Accepted publickey for root from 127\.0\.0\.1/);

    // Other tests may add or remove containers on the lab engine meanwhile: compare until both agree.
    const rowsOf = (containers: Array<{ id: string; name: string; state?: string }>, withState = true) => containers.map((c) => `${c.id} ${c.name}${withState ? ` ${c.state}` : ''}`).sort();
    await expect
      .poll(async () => {
        const listed = await context.dispatcher.invoke('containers.list', {});
        const [engine] = listed.ok ? (listed.result as EngineContainers[]) : [];
        return engine?.ok === true && JSON.stringify(rowsOf(engine.containers)) === JSON.stringify(rowsOf(dockerPs(labEngine)));
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);

    // The live fleet (what the Containers screen shows): its view, kept from the snapshot and Docker's
    // events (which come through the sshd too), equals docker ps -a, and its feed goes live.
    const fleet = new Map<string, FleetContainer>();
    let feedState = '';
    const cancelFleet = context.dispatcher.subscribe('containers.fleet', {}, (event) => {
      if (event.type !== 'data') return;
      for (const item of event.items as FleetEvent[]) {
        if (item.kind === 'engine') feedState = item.state;
        else if (item.kind === 'snapshot') {
          fleet.clear();
          for (const c of item.containers) fleet.set(c.id, c);
        } else if (item.kind === 'upsert') fleet.set(item.container.id, item.container);
        else fleet.delete(item.id);
      }
    });
    try {
      await expect.poll(() => feedState, { timeout: 30_000 }).toBe('live');
      await expect
        .poll(() => [...fleet.values()].every((c) => c.engine === 'ssh-engine') && JSON.stringify(rowsOf([...fleet.values()], false)) === JSON.stringify(rowsOf(dockerPs(labEngine), false)), { timeout: 30_000, interval: 500 })
        .toBe(true);
    } finally {
      cancelFleet();
    }

    const container = steadyDemoReplicas(labEngine)[0]!;
    const until = new Date(Date.now() - 1000).toISOString();
    const since = new Date(Date.now() - 10 * 60_000).toISOString();
    const lines: LogLine[] = [];
    const ended = await new Promise<StreamEvent>((resolve) => {
      context.dispatcher.subscribe('logs.tail', { selection: { containers: [{ engine: 'ssh-engine', id: container.id }] }, since, until, follow: false, tail: 1_000_000 }, (event) => {
        if (event.type === 'data') for (const item of event.items as LogEvent[]) linesOf(item, lines);
        else resolve(event);
      });
    });
    expect(ended).toEqual({ type: 'end' });
    const { stdout, stderr } = dockerBoth(labEngine, 'logs', '--timestamps', '--since', since, '--until', until, container.id);
    const expected = `${stdout}${stderr}`
      .split('\n')
      .filter(Boolean)
      .map((line) => `${normaliseTimestamp(line.slice(0, line.indexOf(' ')))} ${line.slice(line.indexOf(' ') + 1)}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(lines.map(([, ts, , text]) => `${ts} ${text}`).sort()).toEqual(expected);
  }, 90_000);

  it('says clearly that the key of an alias was refused, while the console and the other engine keep working', async () => {
    const context = await consoleWith([
      { name: 'ssh-stranger', alias: 'lab-ssh-stranger' },
      { name: 'ssh-engine', alias: 'lab-ssh' },
    ]);

    const statuses = await context.connections.check();
    const stranger = statuses.find((s) => s.id === 'docker:ssh-stranger');
    expect(stranger).toMatchObject({ state: 'error', error: { code: 'FORBIDDEN' } });
    expect(stranger?.error?.message).toMatch(/ssh authentication failed for root@127\.0\.0\.1:\d+/i);
    expect(stranger?.error?.message).toContain(sshd.rejectedIdentityFile);
    expect(statuses.find((s) => s.id === 'docker:ssh-engine')).toMatchObject({ state: 'connected' });
    // The server saw the refused key (and nothing got in with it).
    expect(sshd.log()).toMatch(/Connection closed by authenticating user root 127\.0\.0\.1|Failed publickey for root/);

    const listed = await context.dispatcher.invoke('containers.list', {});
    expect(listed.ok).toBe(true);
    const engines = (listed as { result: EngineContainers[] }).result;
    expect(engines.find((e) => e.engine === 'ssh-stranger')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const good = engines.find((e) => e.engine === 'ssh-engine');
    expect(good?.ok && good.containers.length).toBeGreaterThan(0);
    await expect(context.dispatcher.invoke('app.info', {})).resolves.toMatchObject({ ok: true });
  }, 60_000);
});

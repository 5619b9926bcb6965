import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, IncidentNotification, WatchView } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker } from '../../../../test-support/docker-cli';
import { LabService, waitFor, type Replica } from '../../../../test-support/lab-service';
import { testContext } from '../../../../test-support/test-context';

/**
 * The watch against the lab: replicas of services of the test's own die, crash-loop, are
 * restarted outside the console and scaled down through it; what the watch says is checked
 * against what was done to them (and how fast it says it).
 */
describe('the watch', () => {
  const prod = new LabService('watch', 'PROD');
  const loop = new LabService('loop', 'PROD');
  const calm = new LabService('calm', 'PRE');
  const fresh = new LabService('fresh', 'PROD');
  /** Every service that was ever part of an incident while the test ran. */
  const everInIncident = new Set<string>();
  let context: AppContext;
  let view: WatchView | undefined;
  const notifications: IncidentNotification[] = [];
  let r1: Replica;
  let r2: Replica;
  const incidentsOf = (service: string): Incident[] => view?.incidents.filter((i) => i.service === service) ?? [];

  beforeAll(async () => {
    const [e1, e2] = prod.engines();
    r1 = prod.create(1, e1!);
    r2 = prod.create(2, e2!);
    const calmReplicas = [calm.create(1, e1!), calm.create(2, e1!)];
    for (const r of [r1, r2]) await waitFor(`${r.name} registered`, () => prod.isRegistered(r));
    for (const r of calmReplicas) await waitFor(`${r.name} registered`, () => calm.isRegistered(r));
    context = await testContext();
    context.dispatcher.subscribe('watch.view', {}, (event) => {
      if (event.type !== 'data') return;
      view = event.items[event.items.length - 1] as WatchView;
      for (const item of event.items as WatchView[]) for (const incident of item.incidents) if (incident.service) everInIncident.add(incident.service);
    });
    context.dispatcher.subscribe('notifications.incidents', {}, (event) => {
      if (event.type === 'data') notifications.push(...(event.items as IncidentNotification[]));
    });
    await waitFor('the watch to know the fleet', () => view && view.watching.containers > 0 && view.watching.etcd === 'live');
  }, 120_000);

  afterAll(() => {
    context?.close();
    for (const s of [prod, loop, calm, fresh]) s.remove();
  });

  it('reports nothing for replicas that start and register while it watches (a fresh key may come before its port is seen)', async () => {
    const [e1, e2] = fresh.engines();
    const replicas = [fresh.create(1, e1!), fresh.create(2, e2!)];
    for (const r of replicas) await waitFor(`${r.name} registered`, () => fresh.isRegistered(r));
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    expect(everInIncident.has(fresh.service)).toBe(false);
  }, 90_000);

  it('shows a SIGKILLed production replica as an incident within 5 s, with exit code, host and the moment; its key expiry joins it', async () => {
    const killedAt = Date.now();
    docker(r2.engine, 'kill', r2.id);
    const incident = await waitFor('the incident', () => incidentsOf(prod.service).find((i) => i.state === 'open'), 5000);
    const seconds = (Date.now() - killedAt) / 1000;
    expect(seconds).toBeLessThan(5);
    expect(incident).toMatchObject({ production: true, environment: 'PROD', compose: { project: prod.project, service: prod.app } });
    expect(incident.evidence[0]!.text).toMatch(new RegExp(`^${r2.name} on ${r2.engine.name} exited 137 \\(SIGKILL\\)`));
    expect(incident.focus?.container).toEqual({ engine: r2.engine.name, id: r2.id, name: r2.name });
    expect(Math.abs(incident.focus!.at - killedAt)).toBeLessThan(3000);
    const withShell = await waitFor('a healthy replica to open a shell in', () => incidentsOf(prod.service).find((i) => i.healthyReplica), 5000);
    expect(withShell.healthyReplica).toEqual({ engine: r1.engine.name, id: r1.id, name: r1.name });
    expect(view!.containers[`${r2.engine.name}/${r2.id}`]).toMatchObject({ level: 'error', incident: incident.id });
    expect(view!.services[prod.service]).toMatchObject({ level: 'error', incident: incident.id });
    // A new production incident notifies (the rules' default: production, from Error), with its evidence.
    const notification = await waitFor('the notification', () => notifications.find((n) => n.incident === incident.id), 5000);
    // (the stale key of the killed replica may already have joined it, making it critical)
    expect(['error', 'critical']).toContain(notification.severity);
    expect(notification.title.startsWith(`${prod.service}: ${r2.name} exited 137 (SIGKILL)`)).toBe(true);
    expect(notification.body).toContain('exited 137 (SIGKILL)');
    // docker kill is a manual stop: no restart policy brings it back, and the evidence says so.
    await waitFor('"not running"', () => incidentsOf(prod.service).find((i) => i.evidence[0]!.text.includes('(not running)')), 5000);

    // Killed hard, its key stays until the lease (10 s) runs out: then the expiry joins the same incident.
    const joined = await waitFor('the key expiry in the incident', () => incidentsOf(prod.service).find((i) => i.id === incident.id && i.evidence.some((e) => e.source === 'registry' && /expired/.test(e.text))), 40_000);
    expect(joined.evidence.map((e) => e.source)).toEqual(expect.arrayContaining(['docker', 'registry']));
  }, 60_000);

  it('calls a replica that keeps dying a restart loop, with the last line it wrote', async () => {
    const [e1] = loop.engines();
    const crashing = loop.create(1, e1!, { restart: 'always', command: ['sh', '-c', 'echo starting; echo "FATAL: cannot open /data/pool" >&2; exit 2'] });
    const incident = await waitFor('the restart loop', () => incidentsOf(loop.service).find((i) => /crash-looping/.test(i.title)), 30_000);
    expect(incident.title).toMatch(new RegExp(`^${loop.service}: ${crashing.name} crash-looping \\(exited 2, \\d+ times in \\d+ min\\)`));
    const withLine = await waitFor('the last line', () => incidentsOf(loop.service).find((i) => i.evidence.some((e) => e.text.includes('FATAL: cannot open /data/pool'))), 20_000);
    expect(withLine.severity).not.toBe('warning');
  }, 60_000);

  it('reports a restart made outside the console (docker restart), not one made through it', async () => {
    docker(r1.engine, 'restart', '-t', '5', r1.id);
    const incident = await waitFor('the restart', () => incidentsOf(prod.service).find((i) => i.evidence.some((e) => e.container?.id === r1.id && e.source === 'docker')), 15_000);
    expect(incident.evidence.find((e) => e.container?.id === r1.id)!.text).toMatch(new RegExp(`^${r1.name} on ${r1.engine.name} exited (0|143)`));

    // The same through the console: audited, planned, no incident.
    const calmIds = docker(calm.engines()[0]!, 'ps', '-q', '--no-trunc', '--filter', `label=com.docker.compose.project=${calm.project}`).split('\n').filter(Boolean);
    const result = await context.dispatcher.invoke('containers.action', { engine: calm.engines()[0]!.name, id: calmIds[0]!, action: 'restart', timeoutSeconds: 5 });
    expect(result).toMatchObject({ ok: true, result: { ok: true } });
    await new Promise((r) => setTimeout(r, 3000));
    expect(incidentsOf(calm.service)).toEqual([]);
  }, 60_000);

  it('shows no incident for a scale-down made through the console', async () => {
    const engine = calm.engines()[0]!.name;
    const done = await new Promise<unknown>((resolve) => {
      context.dispatcher.subscribe('scale.apply', { project: calm.project, service: calm.app, targets: [{ engine, replicas: 1 }], drainSeconds: 1, stopTimeoutSeconds: 5 }, (event) => {
        if (event.type === 'end') resolve(event);
      });
    });
    expect(done).toEqual({ type: 'end' });
    await new Promise((r) => setTimeout(r, 3000));
    expect(incidentsOf(calm.service)).toEqual([]);
    expect(Object.values(view!.containers).filter((note) => note.reason.includes(calm.project))).toEqual([]);
  }, 60_000);
});

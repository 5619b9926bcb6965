import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogRule, LogRulesView, WatchView } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker } from '../../../../test-support/docker-cli';
import { LabService, waitFor, type Replica } from '../../../../test-support/lab-service';
import { testContext } from '../../../../test-support/test-context';

/**
 * Log alert rules against the lab: a rule on a service of the test's own fires when its
 * container prints the pattern often enough, shows in the watch as 'log' evidence, follows a
 * replica that starts later and drops one that stops, is audited, and survives a restart.
 */
describe('log alert rules', () => {
  const svc = new LabService('logrule', 'TEST');
  let context: AppContext & { dir: string };
  let view: WatchView | undefined;
  let r1: Replica;
  const idle = ['sh', '-c', 'echo started; while true; do sleep 1 & wait $!; done'];
  const rule: LogRule = { id: 'timeouts', name: 'Upstream timeouts', pattern: 'timeout after \\d+ms', ignoreCase: false, scope: { kind: 'service', service: svc.service }, threshold: 5, windowSeconds: 60, severity: 'error' };
  /** Lines written to the container's own stdout (what `docker logs` shows). */
  const say = (r: Replica, lines: string[]) => docker(r.engine, 'exec', r.id, 'sh', '-c', `${lines.map((l) => `echo '${l}' > /proc/1/fd/1`).join('; ')}`);
  const list = async () => {
    const answer = await context.dispatcher.invoke('logRules.list', {});
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.result as LogRulesView;
  };
  const logIncident = () => view?.incidents.find((i) => i.service === svc.service && i.evidence.some((e) => e.source === 'log'));

  beforeAll(async () => {
    const [e1] = svc.engines();
    r1 = svc.create(1, e1!, { command: idle });
    context = await testContext();
    context.dispatcher.subscribe('watch.view', {}, (event) => {
      if (event.type === 'data') view = event.items[event.items.length - 1] as WatchView;
    });
    await waitFor('the watch to see the replica', () => view && view.watching.containers > 0);
  }, 90_000);

  afterAll(() => {
    context?.close();
    svc.remove();
  });

  it('refuses a rule with a bad regular expression (BAD_REQUEST)', async () => {
    const answer = await context.dispatcher.invoke('logRules.set', { rules: [{ ...rule, pattern: 'timeout after (' }] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await list()).rules).toEqual([]);
  });

  it('fires when the container prints the pattern 5 times in a minute, as log evidence in an incident of the watch', async () => {
    const saved = await context.dispatcher.invoke('logRules.set', { rules: [rule] });
    expect(saved).toMatchObject({ ok: true, result: { rules: [rule] } });
    await waitFor('the rule to follow the replica', async () => (await list()).status.find((s) => s.rule === 'timeouts')?.following === 1, 20_000);
    say(r1, ['timeout after 100ms', 'request ok', 'timeout after 200ms', 'timeout after 300ms', 'timeout after 400ms']);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(logIncident()).toBeUndefined();
    const printedAt = Date.now();
    say(r1, ['timeout after 500ms', 'timeout after 600ms']);
    const incident = await waitFor('a log incident', () => logIncident()?.evidence.some((e) => e.text.startsWith('6 lines')) && logIncident(), 20_000);
    const evidence = incident.evidence.find((e) => e.source === 'log')!;
    expect(evidence.text).toBe(`6 lines matching /timeout after \\d+ms/ in 1 min on ${r1.name} (${r1.engine.name}): "timeout after 600ms"`);
    expect(evidence.container).toMatchObject({ id: r1.id, name: r1.name });
    expect(incident).toMatchObject({ state: 'open', severity: 'error', environment: 'TEST' });
    expect(incident.focus?.container.id).toBe(r1.id);
    expect(Math.abs(incident.focus!.at - printedAt)).toBeLessThan(5000);
  }, 60_000);

  it('follows a replica that starts in scope later, and drops one that stops', async () => {
    const [, e2] = svc.engines();
    const r2 = svc.create(2, e2!, { command: idle });
    await waitFor('the rule to follow two replicas', async () => (await list()).status[0]?.following === 2, 20_000);
    docker(r2.engine, 'rm', '-f', r2.id);
    await waitFor('the rule to follow one replica', async () => (await list()).status[0]?.following === 1, 20_000);
  }, 60_000);

  it('audits the change, and keeps the rules over a restart of the console', async () => {
    const entries = await context.audit.list(50);
    const entry = entries.find((e) => e.action === 'log-rules.set');
    expect(entry).toMatchObject({ result: 'ok', target: 'log alert rules' });
    expect(entry!.params.added).toEqual([`Upstream timeouts: /timeout after \\d+ms/ on ${svc.service}, 5 in 1 min, error`]);
    // Kept in the profile file: a console started on that file (with a fresh data directory) has them.
    const profileText = readFileSync(join(context.dir, 'connections.yaml'), 'utf8');
    expect(profileText).toContain('logRules:');
    expect(profileText).toContain('timeout after');
    context.close();
    context = await testContext(profileText);
    expect((await list()).rules).toEqual([rule]);
  }, 30_000);
});

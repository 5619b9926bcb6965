import { describe, expect, it } from 'vitest';
import { LogRuleSchema, LogRulesSchema, type LogRule } from '../../../shared/domain';
import { LogAlerts } from './log-alerts';

const rule: LogRule = { id: 'r1', name: 'timeouts', pattern: 'timeout after \\d+ms', ignoreCase: false, scope: { kind: 'service', service: 'user_PROD' }, threshold: 3, windowSeconds: 60, severity: 'error' };
const box = { engine: 'lab-engine-2', id: 'abc', name: 'prod_user_2', service: 'user_PROD', environment: 'PROD' };

describe('LogAlerts', () => {
  it('fires when the threshold is crossed in the window, with the last line and the focus at the last match', () => {
    const alerts = new LogAlerts();
    alerts.setRules([rule]);
    expect(alerts.line(box, ['r1'], 'timeout after 30ms', 1_000)).toBe(false);
    expect(alerts.line(box, ['r1'], 'all fine', 2_000)).toBe(false);
    expect(alerts.line(box, ['r1'], 'timeout after 31ms', 3_000)).toBe(false);
    expect(alerts.signals(3_000)).toEqual([]);
    expect(alerts.line(box, ['r1'], 'timeout after 32ms', 4_000)).toBe(true);
    const [signal] = alerts.signals(5_000);
    expect(signal).toMatchObject({ headline: 'timeouts on prod_user_2 (3 log lines in 1 min)', key: 'log:r1:lab-engine-2/abc', service: 'user_PROD', environment: 'PROD', severity: 'error', active: true, startedAt: 4_000 });
    expect(signal!.evidence).toMatchObject({ source: 'log', at: 4_000, container: { engine: 'lab-engine-2', id: 'abc', name: 'prod_user_2' } });
    expect(signal!.evidence.text).toBe('3 lines matching /timeout after \\d+ms/ in 1 min on prod_user_2 (lab-engine-2): "timeout after 32ms"');
    expect(signal!.focus).toEqual({ container: { engine: 'lab-engine-2', id: 'abc', name: 'prod_user_2' }, at: 4_000 });
  });

  it('does not fire for matches spread wider than the window', () => {
    const alerts = new LogAlerts();
    alerts.setRules([rule]);
    for (const at of [0, 50_000, 100_000, 150_000]) alerts.line(box, ['r1'], 'timeout after 1ms', at);
    expect(alerts.signals(150_000)).toEqual([]);
  });

  it('resolves a window after the last match, and a new crossing is a new alert', () => {
    const alerts = new LogAlerts();
    alerts.setRules([rule]);
    for (const at of [1_000, 2_000, 3_000]) alerts.line(box, ['r1'], 'timeout after 1ms', at);
    expect(alerts.signals(62_000)[0]).toMatchObject({ active: true });
    expect(alerts.signals(63_001)[0]).toMatchObject({ active: false, resolvedAt: 63_000 });
    for (const at of [200_000, 201_000]) alerts.line(box, ['r1'], 'timeout after 1ms', at);
    expect(alerts.line(box, ['r1'], 'timeout after 1ms', 202_000)).toBe(true);
    expect(alerts.signals(202_000)[0]).toMatchObject({ active: true, startedAt: 202_000 });
  });

  it('counts only for the rules that follow the container, and forgets a removed rule', () => {
    const alerts = new LogAlerts();
    alerts.setRules([rule, { ...rule, id: 'r2', pattern: 'ERROR', ignoreCase: true, threshold: 1, severity: 'warning' }]);
    expect(alerts.line(box, ['r2'], 'timeout after 1ms error', 1)).toBe(true);
    alerts.line(box, ['r2'], 'timeout after 1ms', 2);
    alerts.line(box, ['r2'], 'timeout after 1ms', 3);
    expect(alerts.signals(10).map((s) => s.key)).toEqual(['log:r2:lab-engine-2/abc']);
    alerts.setRules([rule]);
    expect(alerts.signals(10)).toEqual([]);
  });
});

describe('log rule validation', () => {
  it('accepts a rule and fills ignoreCase', () => {
    const { ignoreCase: _drop, ...input } = rule;
    expect(LogRuleSchema.parse(input).ignoreCase).toBe(false);
  });

  it('refuses a bad regular expression, a zero threshold, a tiny window and an unknown scope', () => {
    expect(LogRuleSchema.safeParse({ ...rule, pattern: 'timeout (' }).success).toBe(false);
    expect(LogRuleSchema.safeParse({ ...rule, threshold: 0 }).success).toBe(false);
    expect(LogRuleSchema.safeParse({ ...rule, windowSeconds: 1 }).success).toBe(false);
    expect(LogRuleSchema.safeParse({ ...rule, scope: { kind: 'host', host: 'x' } }).success).toBe(false);
    expect(LogRuleSchema.safeParse({ ...rule, name: '  ' }).success).toBe(false);
  });

  it('refuses two rules with one id', () => {
    expect(LogRulesSchema.safeParse([rule, rule]).success).toBe(false);
  });
});

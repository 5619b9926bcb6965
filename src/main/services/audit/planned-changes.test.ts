import { describe, expect, it } from 'vitest';
import { PlannedChanges } from './planned-changes';

describe('planned changes', () => {
  it('counts what the console is about to change as planned for a while, and nothing else', () => {
    const planned = new PlannedChanges();
    const t = Date.now();
    planned.expect({ engine: 'e1', containerId: 'abc', containerName: 'user_PROD_2' }, t);
    expect(planned.isPlanned({ engine: 'e1', containerId: 'abc' }, t + 5000)).toBe(true);
    expect(planned.isPlanned({ engine: 'e1', containerName: 'user_PROD_2' }, t + 5000)).toBe(true);
    expect(planned.isPlanned({ engine: 'e2', containerId: 'abc' }, t + 5000)).toBe(false);
    expect(planned.isPlanned({ engine: 'e1', containerId: 'abc' }, t + 10 * 60_000)).toBe(false);
    expect(planned.isPlanned({ engine: 'e1', containerId: 'abc' }, t - 60_000)).toBe(false);
  });

  it('reads older changes back from the audit log: an action just before its line, a scale run before its end', () => {
    const planned = new PlannedChanges();
    const t = Date.parse('2026-11-29T12:00:00Z');
    planned.noteAudit({ time: new Date(t).toISOString(), user: 'me', engine: 'e1', target: 'user_PROD_1', action: 'stop', params: {}, result: 'ok', message: '' });
    planned.noteAudit({ time: new Date(t).toISOString(), user: 'me', target: 'prod/user', action: 'scale', params: {}, result: 'ok', message: '' });
    planned.noteAudit({ time: new Date(t).toISOString(), user: 'me', target: '/user_PROD/127.0.0.1-1', action: 'deregister', params: {}, result: 'ok', message: '' });
    expect(planned.isPlanned({ engine: 'e1', containerName: 'user_PROD_1' }, t - 1000)).toBe(true);
    expect(planned.isPlanned({ compose: 'prod/user' }, t - 10 * 60_000)).toBe(true);
    expect(planned.isPlanned({ compose: 'prod/user' }, t + 60_000)).toBe(false);
    expect(planned.isPlanned({ key: '/user_PROD/127.0.0.1-1' }, t)).toBe(true);
  });
});

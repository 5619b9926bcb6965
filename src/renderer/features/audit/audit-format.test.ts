import { describe, expect, it } from 'vitest';
import { formatParams, matchesAudit } from './audit-format';

describe('audit parameters', () => {
  it('shows key=value pairs, with long ids shortened and spaces quoted', () => {
    expect(
      formatParams({
        id: 'ae9c66d6e7a51885b202f99db471252043f827dae5323eaf89527382067981ec',
        timeoutSeconds: 10,
        force: false,
        environment: 'PROD',
        note: 'two words',
        skipped: undefined,
      }),
    ).toBe('id=ae9c66d6e7a5 timeoutSeconds=10 force=false environment=PROD note="two words"');
    expect(formatParams({})).toBe('');
    expect(formatParams({ list: [1, 2] })).toBe('list=[1,2]');
  });

  it('filters on every word', () => {
    const entry = { user: 'alice', engine: 'lab-engine-1', target: 'prod_search_1', action: 'restart', result: 'ok', params: { timeoutSeconds: 10 } };
    expect(matchesAudit(entry, 'alice restart')).toBe(true);
    expect(matchesAudit(entry, 'timeoutseconds=10')).toBe(true);
    expect(matchesAudit(entry, 'kill')).toBe(false);
  });
});

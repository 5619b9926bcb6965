import { describe, expect, it } from 'vitest';
import { containerHref, logsAroundHref, terminalHref } from './links';

const NOW = Date.parse('2026-11-24T19:00:00.000Z');

describe('links', () => {
  it('builds the logs deep link two minutes either side, RFC 3339', () => {
    const href = logsAroundHref({ engine: 'lab-engine-2', id: 'abcdef0123456789' }, NOW);
    expect(href.startsWith('#/logs?')).toBe(true);
    const q = new URLSearchParams(href.split('?')[1]);
    expect(q.get('engine')).toBe('lab-engine-2');
    expect(q.get('id')).toBe('abcdef0123456789');
    expect(q.get('since')).toBe('2026-11-24T18:58:00.000Z');
    expect(q.get('until')).toBe('2026-11-24T19:02:00.000Z');
    expect(q.get('at')).toBe('2026-11-24T19:00:00.000Z');
  });

  it("marks a log line by its own timestamp, nanoseconds and all", () => {
    const q = new URLSearchParams(logsAroundHref({ engine: 'e', id: 'c' }, '2026-11-24T19:00:00.123456789Z').split('?')[1]);
    expect(q.get('at')).toBe('2026-11-24T19:00:00.123456789Z');
    expect(q.get('since')).toBe('2026-11-24T18:58:00.123Z');
    expect(q.get('until')).toBe('2026-11-24T19:02:00.123Z');
  });

  it('builds the container and terminal links', () => {
    expect(terminalHref({ engine: 'e 1', id: 'abc' })).toBe('#/terminal?engine=e+1&id=abc');
    expect(containerHref({ engine: 'lab engine', id: 'abc' })).toBe('#/containers/lab%20engine/abc');
  });
});

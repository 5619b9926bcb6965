import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/domain';
import { detectLevel, levelOf, LogBuffer, makeMatcher } from './log-buffer';

const line = (ts: string, m = 'x'): LogLine => ['e/1', ts, 'out', m];

describe('LogBuffer', () => {
  it('keeps lines in timestamp order, inserting a late one where it belongs', () => {
    const buffer = new LogBuffer(10);
    buffer.add([line('2026-01-01T00:00:01.000000000Z'), line('2026-01-01T00:00:03.000000000Z')]);
    buffer.add([line('2026-01-01T00:00:02.000000000Z')]);
    expect(buffer.lines.map((l) => l.ts.slice(17, 19))).toEqual(['01', '02', '03']);
  });
  it('puts two replicas arriving in interleaved runs into one order, each replica\'s lines in their order', () => {
    const ts = (n: number) => `2026-01-01T00:00:00.${String(n).padStart(9, '0')}Z`;
    const a = (n: number): LogLine => ['a', ts(2 * n), 'out', `a${n}`];
    const b = (n: number): LogLine => ['b', ts(2 * n + 1), 'out', `b${n}`];
    const buffer = new LogBuffer(1000);
    const runs = (from: number, to: number, make: (n: number) => LogLine) => Array.from({ length: to - from }, (_, i) => make(from + i));
    // A's lines run ahead of B's, within a batch and across batches.
    buffer.add([...runs(0, 50, a), ...runs(0, 20, b)]);
    buffer.add([...runs(20, 30, b), ...runs(50, 100, a), ...runs(30, 60, b)]);
    buffer.add(runs(60, 100, b));
    expect(buffer.lines.map((l) => l.m)).toEqual(Array.from({ length: 100 }, (_, i) => [`a${i}`, `b${i}`]).flat());
    expect(buffer.received).toBe(200);
  });
  it('keeps lines of equal time in the order they came, kept lines first', () => {
    const buffer = new LogBuffer(10);
    const t1 = '2026-01-01T00:00:01.000000000Z';
    const t2 = '2026-01-01T00:00:02.000000000Z';
    buffer.add([line(t1, 'first'), line(t2, 'late')]);
    buffer.add([line(t2, 'x'), line(t1, 'second'), line(t1, 'third')]);
    expect(buffer.lines.map((l) => l.m)).toEqual(['first', 'second', 'third', 'late', 'x']);
  });
  it('drops the oldest of a merged batch beyond the cap', () => {
    const buffer = new LogBuffer(3);
    buffer.add([line('2026-01-01T00:00:02.000000000Z', '2'), line('2026-01-01T00:00:04.000000000Z', '4')]);
    buffer.add([line('2026-01-01T00:00:03.000000000Z', '3'), line('2026-01-01T00:00:01.000000000Z', '1'), line('2026-01-01T00:00:05.000000000Z', '5')]);
    expect(buffer.lines.map((l) => l.m)).toEqual(['3', '4', '5']);
    expect(buffer.dropped).toBe(2);
  });
  it('drops the oldest beyond the cap and counts them', () => {
    const buffer = new LogBuffer(100);
    for (let i = 0; i < 1000; i++) buffer.add([line(`2026-01-01T00:00:00.${String(i).padStart(9, '0')}Z`, String(i))]);
    expect(buffer.lines.length).toBeLessThanOrEqual(100);
    expect(buffer.lines.length + buffer.dropped).toBe(1000);
    expect(buffer.lines[buffer.lines.length - 1]!.m).toBe('999');
  });
});

describe('levels and search', () => {
  it('detects levels from words and JSON fields', () => {
    expect(detectLevel('2026 ERROR boom')).toBe('error');
    expect(detectLevel('{"level":"warn","msg":"x"}')).toBe('warn');
    expect(detectLevel('WARNING: disk')).toBe('warn');
    expect(detectLevel('GET / 200')).toBeUndefined();
  });
  it('works out a kept line\'s level once, when first asked', () => {
    const buffer = new LogBuffer(10);
    buffer.add([line('2026-01-01T00:00:01.000000000Z', 'ERROR boom'), line('2026-01-01T00:00:02.000000000Z', 'GET / 200')]);
    expect(buffer.lines[0]!.level).toBeUndefined();
    expect(levelOf(buffer.lines[0]!)).toBe('error');
    expect(buffer.lines[0]!.level).toBe('error');
    expect(levelOf(buffer.lines[1]!)).toBeUndefined();
    expect(buffer.lines[1]!.level).toBeNull();
  });
  it('matches text or regex, with a clear error for a bad regex', () => {
    expect(makeMatcher('Alpha', false, false).test!('alpha 1')).toBe(true);
    expect(makeMatcher('Alpha', false, true).test!('alpha 1')).toBe(false);
    expect(makeMatcher('a\\d+5$', true, false).test!('a15')).toBe(true);
    expect(makeMatcher('(', true, false).error).toBeTruthy();
  });
});

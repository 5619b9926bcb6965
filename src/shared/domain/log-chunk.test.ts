import { describe, expect, it } from 'vitest';
import { LogChunkBuilder, linesOf, type LogLine } from './logs';

describe('log chunks', () => {
  const ts = (n: number) => `2026-11-30T07:00:00.${String(n).padStart(9, '0')}Z`;

  it('carry lines of one source, stdout only, and give them back as they were', () => {
    const builder = new LogChunkBuilder();
    const lines: LogLine[] = [['0', ts(1), 'out', 'first'], ['0', ts(2), 'out', ''], ['0', ts(3), 'out', '{"level":"error","msg":"x \\" y"} ünïcode']];
    for (const [src, t, s, m] of lines) builder.add(src, t, s, m);
    const chunk = builder.take()!;
    expect(chunk).toMatchObject({ kind: 'lines', src: '0' });
    expect(chunk.s).toBeUndefined();
    expect(linesOf(JSON.parse(JSON.stringify(chunk)))).toEqual(lines);
    expect(builder.take()).toBeUndefined();
  });

  it('name each line’s source and stream when they differ', () => {
    const builder = new LogChunkBuilder();
    const lines: LogLine[] = [['0', ts(1), 'out', 'a'], ['1', ts(2), 'err', 'b'], ['0', ts(3), 'err', 'c\r']];
    for (const [src, t, s, m] of lines) builder.add(src, t, s, m);
    expect(linesOf(builder.take()!)).toEqual(lines);
  });
});

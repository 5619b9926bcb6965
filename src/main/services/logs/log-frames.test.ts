import { describe, expect, it } from 'vitest';
import { LogFrameParser, MAX_LINE_CHARS, normaliseTimestamp, parseRecord, toDockerTime } from './log-frames';

function frame(type: number, text: string | Buffer): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('timestamps', () => {
  it('pads fractions so string order is time order', () => {
    expect(normaliseTimestamp('2026-11-24T18:00:00.1Z')).toBe('2026-11-24T18:00:00.100000000Z');
    expect(normaliseTimestamp('2026-11-24T18:00:00Z')).toBe('2026-11-24T18:00:00.000000000Z');
    expect(normaliseTimestamp('2026-11-24T20:00:00.5+02:00')).toBe('2026-11-24T18:00:00.500000000Z');
    expect(normaliseTimestamp('garbage')).toBeUndefined();
    expect(normaliseTimestamp('2026-11-24T18:00:00.09Z')! < normaliseTimestamp('2026-11-24T18:00:00.1Z')!).toBe(true);
  });
  it('converts to Docker since/until with nanoseconds', () => {
    expect(toDockerTime('2026-11-24T18:00:00.000000123Z')).toBe(`${Date.parse('2026-11-24T18:00:00Z') / 1000}.000000123`);
  });
  it('splits a docker logs --timestamps line', () => {
    expect(parseRecord('err', '2026-11-24T18:00:00.123456789Z hello world')).toEqual({ ts: '2026-11-24T18:00:00.123456789Z', stream: 'err', text: 'hello world' });
    expect(parseRecord('out', '2026-11-24T18:00:00.12345678Z x')?.ts).toBe('2026-11-24T18:00:00.123456780Z');
    expect(parseRecord('out', '2026-11-24T18:00:00.1234567890Z x')).toBeUndefined();
    expect(parseRecord('out', 'no timestamp here')).toBeUndefined();
  });
});

describe('LogFrameParser', () => {
  it('demultiplexes stdout and stderr and joins lines split across frames', () => {
    const lines: string[] = [];
    const parser = new LogFrameParser(false, (s, l) => lines.push(`${s}:${l}`));
    const all = Buffer.concat([frame(1, 'a1\na'), frame(2, 'e1\n'), frame(1, '2\n')]);
    // feed in awkward pieces: mid-header and mid-payload
    for (let i = 0; i < all.length; i += 3) parser.push(all.subarray(i, i + 3));
    parser.end();
    expect(lines).toEqual(['out:a1', 'err:e1', 'out:a2']);
  });
  it('gives the same lines however a stream of whole-line frames is cut into reads', () => {
    const frames = [frame(1, 'ünï 1\n'), frame(2, 'err 1\r\n'), frame(1, '雪'.slice(0, 1)), frame(1, ' tail\n'), frame(1, '\n'), frame(2, 'two\nlines\n'), frame(1, Buffer.from([0xe9, 0x9b])), frame(1, Buffer.from([0xaa, 0x0a]))];
    const all = Buffer.concat(frames);
    const parse = (cut: number) => {
      const lines: string[] = [];
      const parser = new LogFrameParser(false, (s, l) => lines.push(`${s}:${l}`));
      for (let i = 0; i < all.length; i += cut) parser.push(all.subarray(i, i + cut));
      parser.end();
      return lines;
    };
    const expected = ['out:ünï 1', 'err:err 1', 'out:雪 tail', 'out:', 'err:two', 'err:lines', 'out:雪'];
    for (let cut = 1; cut <= all.length; cut++) expect(parse(cut), `reads of ${cut} bytes`).toEqual(expected);
  });
  it('keeps a UTF-8 character split across frames and replaces invalid bytes', () => {
    const lines: string[] = [];
    const parser = new LogFrameParser(false, (_s, l) => lines.push(l));
    const snow = Buffer.from('雪\n');
    parser.push(frame(1, snow.subarray(0, 1)));
    parser.push(frame(1, snow.subarray(1)));
    parser.push(frame(1, Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a])));
    expect(lines).toEqual(['雪', 'a\ufffd\ufffdb']);
  });
  it('reads a TTY stream as plain stdout and drops carriage returns', () => {
    const lines: string[] = [];
    const parser = new LogFrameParser(true, (s, l) => lines.push(`${s}:${l}`));
    parser.push(Buffer.from('one\r\ntwo\n'));
    expect(lines).toEqual(['out:one', 'out:two']);
  });
  it('cuts a runaway line and says how much was cut, in bounded memory', () => {
    const lines: string[] = [];
    const parser = new LogFrameParser(false, (_s, l) => lines.push(l));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) parser.push(frame(1, chunk)); // 4 MiB without a newline
    parser.push(frame(1, 'tail\n'));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(MAX_LINE_CHARS + 200);
    expect(lines[0]).toMatch(/more characters cut\]$/);
  });
});

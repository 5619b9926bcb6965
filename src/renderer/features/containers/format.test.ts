import { describe, expect, it } from 'vitest';
import { createTranslate } from '../../i18n/translate';
import { cleanCreatedBy, formatCommand, formatDuration, formatPercent, formatPorts, parseDockerTime } from './format';

describe('formatting numbers for the fleet', () => {
  it('shows percentages with sensible precision', () => {
    expect(formatPercent(0.214)).toBe('0.21%');
    expect(formatPercent(42.16)).toBe('42.2%');
    expect(formatPercent(180.4)).toBe('180%');
  });

  it('shows durations in the two largest units, in the UI language', () => {
    const en = createTranslate('en');
    expect(formatDuration(12_400, en)).toBe('12s');
    expect(formatDuration(4 * 60_000 + 3000, en)).toBe('4m 03s');
    expect(formatDuration(5 * 3_600_000 + 12 * 60_000, en)).toBe('5h 12m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000, en)).toBe('3d 4h');
    expect(formatDuration(-5, en)).toBe('0s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000, createTranslate('zh-CN'))).toBe('3天4小时');
  });

  it('lists ports and commands compactly', () => {
    expect(formatPorts([80, 443, 8080, 9090])).toBe('80, 443, 8080 +1');
    expect(formatPorts([])).toBe('');
    expect(formatCommand(['/bin/sh', '-c', 'echo hi'])).toBe('/bin/sh -c "echo hi"');
  });
});

describe('Docker times', () => {
  it('reads RFC 3339 with nanoseconds, and the zero time as never', () => {
    expect(parseDockerTime('2026-11-24T18:41:40.943237298Z')).toBe(Date.UTC(2026, 10, 24, 18, 41, 40, 943));
    expect(parseDockerTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseDockerTime('')).toBeUndefined();
  });
});

describe('layer commands', () => {
  it('drops the no-op shell prefix and shows shell steps as RUN', () => {
    expect(cleanCreatedBy('/bin/sh -c #(nop)  CMD ["/srv/replica.sh"]')).toBe('CMD ["/srv/replica.sh"]');
    expect(cleanCreatedBy('/bin/sh -c apt-get update &&   apt-get install -y curl')).toBe('RUN apt-get update && apt-get install -y curl');
    expect(cleanCreatedBy('COPY app /app # buildkit')).toBe('COPY app /app # buildkit');
  });
});

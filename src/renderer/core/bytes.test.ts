import { describe, expect, it } from 'vitest';
import { formatBytes, formatRate } from './bytes';

describe('sizes', () => {
  it('shows bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(1024 * 1024)).toBe('1.00 MiB');
    expect(formatBytes(25_276_502_016)).toBe('23.5 GiB');
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
    expect(formatRate(2048)).toBe('2.00 KiB/s');
  });
});

import { describe, expect, it } from 'vitest';
import { parseListeningPorts } from './port-discovery';

describe('parseListeningPorts', () => {
  it('keeps only listening sockets owned by the container processes', () => {
    const output = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:88B8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 9999 1 0000000000000000 100 0 0 10 0',
      '   2: 0100007F:88B8 0100007F:D3A2 01 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000000000000000 100 0 0 10 0',
      '---',
      'lrwx------    1 root     root            64 Nov 24 18:00 3 -> socket:[4242]',
      'lrwx------    1 root     root            64 Nov 24 18:00 4 -> socket:[4243]',
      'lr-x------    1 root     root            64 Nov 24 18:00 0 -> /dev/null',
    ].join('\n');
    expect(parseListeningPorts(output)).toEqual([0x88b8]);
  });
  it('returns nothing for empty or odd output', () => {
    expect(parseListeningPorts('')).toEqual([]);
    expect(parseListeningPorts('garbage\n---\n')).toEqual([]);
  });
});

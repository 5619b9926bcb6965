import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, type FleetContainer, type LogEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { docker } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';
import { MAX_LINE_CHARS } from './log-frames';

const stamp = Date.now().toString(36);
const NAME = `odd_${stamp}`;

describe('odd output and names from a real container', () => {
  let context: AppContext;
  let id: string;
  const engine = () => labProfile().docker[0]!;

  beforeAll(async () => {
    context = await testContext();
    // A 1 MB line, invalid UTF-8, an ANSI escape flood, then a normal line; labels in Chinese and emoji.
    const script = [
      "head -c 1048576 /dev/zero | tr '\\0' 'x'; echo",
      "printf 'bad \\377\\376 bytes\\n'",
      "i=0; while [ $i -lt 2000 ]; do printf '\\033[31m\\033[1m'; i=$((i+1)); done; echo 'after the flood'",
      "echo '雪 ✓ 🚀 done'",
      'sleep 600',
    ].join('; ');
    id = docker(engine(), 'run', '-d', '--network', 'host', '--name', NAME, '--label', 'app.name=搜索服务 🔍', '--label', 'team=运维', 'lab/busybox:1', 'sh', '-c', script);
    await new Promise((r) => setTimeout(r, 2000));
  });
  afterAll(() => {
    docker(engine(), 'rm', '-f', NAME);
    context?.close();
  });

  it('delivers every line, cut where too long, with invalid bytes replaced', async () => {
    const lines: Array<{ src: string; ts: string; s: string; m: string }> = [];
    await new Promise<void>((resolve) => {
      context.dispatcher.subscribe('logs.tail', { selection: { containers: [{ engine: engine().name, id }] }, tail: 100, follow: false }, (event) => {
        if (event.type === 'data') lines.push(...(event.items as LogEvent[]).flatMap((e) => linesOf(e)).map(([src, ts, s, m]) => ({ src, ts, s, m })));
        else resolve();
      });
    });
    expect(lines).toHaveLength(4);
    expect(lines[0]!.m.length).toBeLessThan(MAX_LINE_CHARS + 100);
    expect(lines[0]!.m).toMatch(/more characters cut\]$/);
    expect(lines[1]!.m).toBe('bad \ufffd\ufffd bytes');
    expect(lines[2]!.m.endsWith('after the flood')).toBe(true);
    expect(lines[3]!.m).toBe('雪 ✓ 🚀 done');
  });

  it('shows labels in Chinese and emoji in the fleet', async () => {
    let row: FleetContainer | undefined;
    const off = context.fleet.subscribe((event) => {
      const rows = event.kind === 'snapshot' ? event.containers : event.kind === 'upsert' ? [event.container] : [];
      row = rows.find((c) => c.id === id) ?? row;
    });
    const deadline = Date.now() + 10_000;
    while (!row && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    off();
    expect(row?.labels['app.name']).toBe('搜索服务 🔍');
    expect(row?.labels.team).toBe('运维');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesOf, type LogEvent } from '../../../shared/domain';
import type { AppContext } from '../../app-context';
import { testContext } from '../../../../test-support/test-context';
import { docker, removeContainers } from '../../../../test-support/docker-cli';
import { labProfile } from '../../../../test-support/lab';

/** Issue 16: the merged live follow of a flooding service, checked line by line on the main side. */
const PER_REPLICA = 100_000;
const engine = () => labProfile().docker[0]!;

describe('a merged live follow of two flooding replicas', () => {
  let context: AppContext;
  const gate = mkdtempSync(join(tmpdir(), 'int-live-gate-'));
  const project = `int${Date.now().toString(36)}`;
  const made: string[] = [];
  beforeAll(async () => {
    context = await testContext();
  });
  afterAll(() => {
    context?.close();
    removeContainers(engine(), made);
    rmSync(gate, { recursive: true, force: true });
  });

  it('delivers every line exactly once, each replica in order, with the history empty', async () => {
    for (const number of [1, 2]) {
      const name = `${project}_flood_${number}`;
      made.push(name);
      docker(
        engine(),
        'run', '-d', '--network', 'host', '--log-opt', 'max-size=500m', '-v', `${gate}:/gate`,
        '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.service=flood',
        '--name', name, 'lab/busybox:1', 'sh', '-c', `while [ ! -e /gate/go ]; do sleep 0.05; done; seq 1 ${PER_REPLICA}`,
      );
    }
    const bySrc = new Map<string, number[]>();
    const states: string[] = [];
    let historyLines = -1;
    let ended = false;
    const cancel = context.dispatcher.subscribe('logs.tail', { selection: { service: { project, service: 'flood' } }, tail: 0, follow: true }, (event) => {
      if (event.type !== 'data') return void (ended = true);
      for (const item of event.items as LogEvent[]) {
        if (Array.isArray(item) || item.kind === 'lines') {
          for (const [src, , , m] of linesOf(item)) {
            let list = bySrc.get(src);
            if (!list) bySrc.set(src, (list = []));
            list.push(Number(m));
          }
        } else if (item.kind === 'source') states.push(`${item.src}:${item.state}`);
        else historyLines = item.lines;
      }
    });
    try {
      const waitFor = async (check: () => boolean, ms: number, what: string) => {
        for (const deadline = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 100))) {
          if (Date.now() > deadline || ended) throw new Error(`${what}: states ${states.join(', ')}; lines ${[...bySrc.values()].map((l) => l.length).join(', ')}`);
        }
      };
      await waitFor(() => states.filter((s) => s.endsWith(':following')).length >= 2, 20_000, 'both replicas followed');
      writeFileSync(join(gate, 'go'), '');
      const count = () => [...bySrc.values()].reduce((sum, l) => sum + l.length, 0);
      await waitFor(() => count() >= 2 * PER_REPLICA, 60_000, 'every line');
      // Both replicas have exited: what came is all that will come.
      await waitFor(() => states.filter((s) => s.endsWith(':stopped')).length >= 2, 20_000, 'both replicas stopped');
      expect(historyLines).toBe(0);
      expect(bySrc.size).toBe(2);
      const expected = Array.from({ length: PER_REPLICA }, (_, i) => i + 1);
      for (const numbers of bySrc.values()) {
        expect(numbers.length).toBe(PER_REPLICA);
        // Compared in one go: toEqual on 100,000 numbers reports the first difference.
        expect(numbers.every((n, i) => n === expected[i])).toBe(true);
      }
    } finally {
      cancel();
    }
  }, 120_000);
});

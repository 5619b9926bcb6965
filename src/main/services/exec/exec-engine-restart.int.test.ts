import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecEvent } from '../../../shared/domain';
import type { StreamEvent } from '../../../shared/wire';
import type { AppContext } from '../../app-context';
import { copyImage, docker } from '../../../../test-support/docker-cli';
import { startExtraEngine, type ExtraEngine } from '../../../../test-support/extra-engine';
import { labProfile } from '../../../../test-support/lab';
import { testContext } from '../../../../test-support/test-context';

describe('an exec session when its engine is killed and restarted', () => {
  let extra: ExtraEngine;
  let context: AppContext;
  const ref = () => ({ name: 'extra-engine', host: extra.host });

  beforeAll(async () => {
    extra = await startExtraEngine();
    copyImage(labProfile().docker[0]!, ref(), 'lab/busybox:1');
    docker(ref(), 'run', '-d', '--network', 'host', '--restart', 'always', '--name', 'shellbox', 'lab/busybox:1', 'sleep', '100000');
    context = await testContext(`docker:\n  - name: extra-engine\n    host: ${extra.host}\n`);
  }, 120_000);
  afterAll(async () => {
    context?.close();
    await extra?.stop();
  });

  const open = () => {
    const events: ExecEvent[] = [];
    let ended: StreamEvent | undefined;
    context.dispatcher.subscribe('exec.session', { engine: 'extra-engine', id: 'shellbox' }, (event) => {
      if (event.type === 'data') events.push(...(event.items as ExecEvent[]));
      else ended = event;
    });
    return { events, get ended() { return ended; } };
  };
  const until = async (check: () => boolean, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('ends the session with a clear message, and a new session works once the engine is back', async () => {
    const first = open();
    await until(() => first.events.some((e) => e.kind === 'started'), 15_000, 'session');
    await extra.halt();
    await until(() => first.ended !== undefined, 20_000, 'the end of the session');
    const last = first.events[first.events.length - 1];
    expect(last?.kind === 'exit' ? last.message : first.ended?.type === 'end' && first.ended.error?.message).toMatch(/stopped|lost|ended|unavailable|connect/i);

    await extra.resume();
    await until(() => docker(ref(), 'inspect', '-f', '{{.State.Running}}', 'shellbox') === 'true', 20_000, 'the container back');
    const second = open();
    await until(() => second.events.some((e) => e.kind === 'started'), 15_000, 'a new session');
    const session = (second.events.find((e) => e.kind === 'started') as Extract<ExecEvent, { kind: 'started' }>).session;
    await context.dispatcher.invoke('exec.input', { session, data: 'echo back-$((1+1))\n' });
    await until(() => second.events.some((e) => e.kind === 'data' && e.data.includes('back-2')), 10_000, 'output');
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { runOneByOne, type StepState } from './run-actions';

describe('running an action on several containers', () => {
  it('runs one at a time, in order', async () => {
    const log: string[] = [];
    let active = 0;
    const summary = await runOneByOne(
      ['a', 'b', 'c'],
      async (name) => {
        active++;
        expect(active).toBe(1);
        log.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push(`end ${name}`);
        active--;
        return { ok: true, message: `${name} restarted.` };
      },
      () => undefined,
    );
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(summary).toEqual({ done: 3, stopped: false });
  });

  it('stops at the first failure and skips the rest', async () => {
    const steps: Array<[number, StepState]> = [];
    const summary = await runOneByOne(
      ['a', 'b', 'c'],
      async (name) => {
        if (name === 'b') throw new Error('refused');
        return { ok: true, message: 'ok' };
      },
      (index, step) => steps.push([index, step]),
    );
    expect(summary).toEqual({ done: 1, failedAt: 1, stopped: false });
    expect(steps).toEqual([
      [0, { status: 'running' }],
      [0, { status: 'ok', message: 'ok' }],
      [1, { status: 'running' }],
      [1, { status: 'error', message: 'refused' }],
      [2, { status: 'skipped' }],
    ]);
  });

  it('treats a result with ok false as a failure, and can be stopped between containers', async () => {
    const failed = await runOneByOne(['a', 'b'], async () => ({ ok: false, message: 'no' }), () => undefined);
    expect(failed.failedAt).toBe(0);
    let calls = 0;
    const stopped = await runOneByOne(['a', 'b', 'c'], async () => ({ ok: true, message: String(++calls) }), () => undefined, () => calls >= 1);
    expect(stopped).toEqual({ done: 1, stopped: true });
  });
});

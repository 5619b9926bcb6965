import { describe, expect, it } from 'vitest';
import { PortQueue, type PortJob } from './port-queue';

/** A discovery whose answers the test gives by hand, one container at a time. */
function manual() {
  const waiting = new Map<string, (ports: number[]) => void>();
  const started: string[] = [];
  const answers: Array<{ id: string; startedAt: string; ports: number[] }> = [];
  let peak = 0;
  const queue = new PortQueue(
    (job) =>
      new Promise<number[]>((resolve) => {
        started.push(job.id);
        waiting.set(job.id, resolve);
        peak = Math.max(peak, waiting.size);
      }),
    (job, ports) => answers.push({ id: job.id, startedAt: job.startedAt, ports }),
  );
  const answer = async (id: string, ports: number[]) => {
    const resolve = waiting.get(id);
    if (!resolve) throw new Error(`no discovery of ${id} under way`);
    waiting.delete(id);
    resolve(ports);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { queue, started, answers, answer, waiting, peak: () => peak };
}

const job = (id: string, startedMs: number, startedAt = `s${startedMs}`): PortJob => ({ id, startedAt, startedMs });

describe('PortQueue', () => {
  it('runs at most two discoveries at a time, newest-started container first, and delivers each answer', async () => {
    const m = manual();
    for (let i = 1; i <= 6; i++) m.queue.add(job(`c${i}`, i * 1000));
    // The first two added start at once; the rest wait and go newest first.
    expect(m.started).toEqual(['c1', 'c2']);
    expect(m.queue.running).toBe(2);
    await m.answer('c1', [8080]);
    expect(m.started).toEqual(['c1', 'c2', 'c6']);
    await m.answer('c2', []);
    await m.answer('c6', [9000, 9001]);
    expect(m.started).toEqual(['c1', 'c2', 'c6', 'c5', 'c4']);
    await m.answer('c5', [1]);
    await m.answer('c4', [2]);
    await m.answer('c3', [3]);
    expect(m.peak()).toBe(2);
    expect(m.queue.size).toBe(0);
    expect(m.answers).toEqual([
      { id: 'c1', startedAt: 's1000', ports: [8080] },
      { id: 'c2', startedAt: 's2000', ports: [] },
      { id: 'c6', startedAt: 's6000', ports: [9000, 9001] },
      { id: 'c5', startedAt: 's5000', ports: [1] },
      { id: 'c4', startedAt: 's4000', ports: [2] },
      { id: 'c3', startedAt: 's3000', ports: [3] },
    ]);
  });

  it('drops a destroyed container: queued, it never runs; under way, its answer is not delivered', async () => {
    const m = manual();
    m.queue.add(job('a', 1));
    m.queue.add(job('b', 2));
    m.queue.add(job('c', 3));
    m.queue.drop('a'); // under way
    m.queue.drop('c'); // queued
    expect(m.queue.size).toBe(1);
    await m.answer('a', [80]);
    // a's exec has ended, so c would have had its slot: it was dropped, nothing else runs.
    expect(m.started).toEqual(['a', 'b']);
    await m.answer('b', [81]);
    expect(m.answers.map((a) => a.id)).toEqual(['b']);
    expect(m.queue.size).toBe(0);
  });

  it('counts an exec still running after its container was dropped against the limit', async () => {
    const m = manual();
    m.queue.add(job('a', 1));
    m.queue.add(job('b', 2));
    m.queue.drop('a');
    m.queue.add(job('c', 3));
    expect(m.started).toEqual(['a', 'b']);
    await m.answer('a', []);
    expect(m.started).toEqual(['a', 'b', 'c']);
  });

  it('asks once per start: the same job under way adds nothing, a restart (new StartedAt) is looked at again', async () => {
    const m = manual();
    m.queue.add(job('a', 1, 'first'));
    m.queue.add(job('a', 1, 'first'));
    m.queue.add(job('b', 2));
    m.queue.add(job('b', 2)); // b under way too
    m.queue.add(job('c', 3));
    m.queue.add(job('c', 4, 'c-again')); // queued: replaced
    expect(m.queue.size).toBe(3);
    m.queue.add(job('a', 5, 'restarted'));
    await m.answer('a', [1]);
    // The answer for the first start is still delivered (the feed checks it against the row); the restart runs next.
    expect(m.answers).toEqual([{ id: 'a', startedAt: 'first', ports: [1] }]);
    expect(m.started).toEqual(['a', 'b', 'a']);
    await m.answer('b', []);
    expect(m.started).toEqual(['a', 'b', 'a', 'c']);
    await m.answer('a', [2]);
    await m.answer('c', [3]);
    expect(m.answers.slice(1)).toEqual([
      { id: 'b', startedAt: 's2', ports: [] },
      { id: 'a', startedAt: 'restarted', ports: [2] },
      { id: 'c', startedAt: 'c-again', ports: [3] },
    ]);
  });

  it('a failed discovery answers no ports; after stop nothing runs or is delivered', async () => {
    let calls = 0;
    const answers: number[][] = [];
    const queue = new PortQueue(
      () => {
        calls++;
        return Promise.reject(new Error('exec failed'));
      },
      (_job, ports) => answers.push(ports),
    );
    queue.add(job('a', 1));
    await new Promise((r) => setTimeout(r, 0));
    expect(answers).toEqual([[]]);
    queue.stop();
    queue.add(job('b', 2));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    expect(answers).toEqual([[]]);
  });
});

/**
 * Runs a job for every item, at most `perEngine` at a time for items of the same engine; the
 * engines themselves all go at once. A large search then never takes more than a few of one
 * engine's log readers, leaving room for the live views.
 */
export async function runPerEngine<T extends { engine: string }>(
  items: readonly T[],
  perEngine: number,
  job: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const byEngine = new Map<string, T[]>();
  for (const item of items) {
    const queue = byEngine.get(item.engine);
    if (queue) queue.push(item);
    else byEngine.set(item.engine, [item]);
  }
  const workers: Array<Promise<void>> = [];
  for (const queue of byEngine.values()) {
    let next = 0;
    const worker = async () => {
      while (next < queue.length && !signal?.aborted) await job(queue[next++]!);
    };
    for (let i = 0; i < Math.min(perEngine, queue.length); i++) workers.push(worker());
  }
  await Promise.all(workers);
}

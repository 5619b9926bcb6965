import type { RpcErrorData } from '../../shared/errors';
import type { StreamEvent } from '../../shared/wire';

export interface BatcherOptions {
  /** Longest time an item waits before it is sent. */
  intervalMs: number;
  /** Largest batch; a full batch is sent at once. */
  maxItems: number;
  /** Items queued beyond this count make push() return false: the producer should wait for drain(). */
  highWater: number;
}

export const DEFAULT_BATCHING: BatcherOptions = { intervalMs: 50, maxItems: 1000, highWater: 20_000 };

/**
 * Collects a stream's items and hands them to the transport in batches (per frame or per
 * maxItems, whichever comes first). The transport says when it can take more through
 * canSend(); while it cannot, items stay queued and the producer is told to wait.
 */
export class StreamBatcher {
  private queue: unknown[] = [];
  private timer?: NodeJS.Timeout;
  private closed = false;
  private drainWaiters: Array<() => void> = [];

  constructor(
    private readonly emit: (event: StreamEvent) => void,
    private readonly canSend: () => boolean = () => true,
    private readonly options: BatcherOptions = DEFAULT_BATCHING,
  ) {}

  /** Queues an item; false means "slow down" (await drain() before pushing more). */
  push(item: unknown): boolean {
    if (this.closed) return false;
    this.queue.push(item);
    if (this.queue.length >= this.options.maxItems) this.flush();
    else this.schedule();
    return this.queue.length < this.options.highWater;
  }

  /** Resolves once the queue is below the high-water mark again. */
  drain(): Promise<void> {
    if (this.queue.length < this.options.highWater || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  end(error?: RpcErrorData): void {
    if (this.closed) return;
    this.flushAll();
    this.closed = true;
    clearTimeout(this.timer);
    this.emit(error ? { type: 'end', error } : { type: 'end' });
    this.releaseWaiters();
  }

  /** Stops without sending anything more (the subscriber went away). */
  cancel(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue = [];
    this.releaseWaiters();
  }

  get queued(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.options.intervalMs);
  }

  private flush(): void {
    if (this.closed || this.queue.length === 0) return;
    if (!this.canSend()) {
      this.schedule();
      return;
    }
    const items = this.queue.splice(0, this.options.maxItems);
    this.emit({ type: 'data', items });
    if (this.queue.length > 0) this.schedule();
    if (this.queue.length < this.options.highWater) this.releaseWaiters();
  }

  private flushAll(): void {
    while (this.queue.length > 0) {
      const items = this.queue.splice(0, this.options.maxItems);
      this.emit({ type: 'data', items });
    }
  }

  private releaseWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

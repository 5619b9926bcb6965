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

/** Batches smaller than this mean the stream is a trickle: its next item goes at once. */
const SMALL_BATCH = 64;

/** How soon a stream the transport could not take is tried again. */
const BLOCKED_RETRY_MS = 5;

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
  private soon = false;
  private lastEmit = -Infinity;
  private lastBatchSize = 0;
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
    else this.scheduleFirst();
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

  /**
   * A trickle (quiet for an interval, or only small batches lately) is sent right after the
   * current I/O: a keystroke's echo or a registry change must not wait for the batch window.
   * A flood (large batches) is batched per interval.
   */
  private scheduleFirst(): void {
    if (this.timer || this.soon) return;
    const trickle = performance.now() - this.lastEmit >= this.options.intervalMs || this.lastBatchSize < SMALL_BATCH;
    if (!trickle) return this.schedule();
    this.soon = true;
    setImmediate(() => {
      this.soon = false;
      this.flush();
    });
  }

  private schedule(delay = this.options.intervalMs): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delay);
  }

  private flush(): void {
    if (this.closed || this.queue.length === 0) return;
    // Everything the transport takes now, in batches of maxItems; what it cannot take yet is
    // tried again shortly (a socket drains in milliseconds, not in a whole interval).
    while (this.queue.length > 0 && this.canSend()) {
      const items = this.queue.splice(0, this.options.maxItems);
      this.lastEmit = performance.now();
      this.lastBatchSize = items.length;
      this.emit({ type: 'data', items });
    }
    if (this.queue.length > 0) this.schedule(Math.min(BLOCKED_RETRY_MS, this.options.intervalMs));
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

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
  /** Each queued item's weight (how many items it stands for), and their sum. */
  private weights: number[] = [];
  private queuedWeight = 0;
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

  /**
   * Queues an item; false means "slow down" (await drain() before pushing more). An item of
   * weight n (a chunk of n log lines) counts as n items for the batch size and the high water.
   */
  push(item: unknown, weight = 1): boolean {
    if (this.closed) return false;
    this.queue.push(item);
    this.weights.push(weight);
    this.queuedWeight += weight;
    if (this.queuedWeight >= this.options.maxItems) this.flush();
    else this.scheduleFirst();
    return this.queuedWeight < this.options.highWater;
  }

  /** Resolves once the queue is below the high-water mark again. */
  drain(): Promise<void> {
    if (this.queuedWeight < this.options.highWater || this.closed) return Promise.resolve();
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
    this.weights = [];
    this.queuedWeight = 0;
    this.releaseWaiters();
  }

  get queued(): number {
    return this.queuedWeight;
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
      const { items, weight } = this.take();
      this.lastEmit = performance.now();
      this.lastBatchSize = weight;
      this.emit({ type: 'data', items });
    }
    if (this.queue.length > 0) this.schedule(Math.min(BLOCKED_RETRY_MS, this.options.intervalMs));
    if (this.queuedWeight < this.options.highWater) this.releaseWaiters();
  }

  private flushAll(): void {
    while (this.queue.length > 0) this.emit({ type: 'data', items: this.take().items });
  }

  /** The next batch: items from the front up to maxItems of weight (at least one item). */
  private take(): { items: unknown[]; weight: number } {
    let count = 0;
    let weight = 0;
    while (count < this.queue.length && (count === 0 || weight + this.weights[count]! <= this.options.maxItems)) weight += this.weights[count++]!;
    const items = this.queue.splice(0, count);
    this.weights.splice(0, count);
    this.queuedWeight -= weight;
    return { items, weight };
  }

  private releaseWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/**
 * Counts events in a sliding time window, keeping only their timestamps, and at most `cap`
 * of them (the oldest are forgotten first), so a flood of matches costs bounded memory.
 * Timestamps are expected in (roughly) rising order; one out of order is kept where it came.
 */
export class SlidingWindowCounter {
  private times: number[] = [];
  private head = 0;

  constructor(
    readonly windowMs: number,
    readonly cap = 10_000,
  ) {}

  add(at: number): void {
    this.times.push(at);
    if (this.times.length - this.head > this.cap) this.head++;
    this.compact();
  }

  /** Events within the window that ends at `now` (older ones are dropped). */
  count(now: number): number {
    const from = now - this.windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= from) this.head++;
    this.compact();
    return this.times.length - this.head;
  }

  /** The newest event's time, if any is kept. */
  last(): number | undefined {
    return this.head < this.times.length ? this.times[this.times.length - 1] : undefined;
  }

  private compact(): void {
    // Cut the consumed front in chunks, not one shift() per event.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deadlineSignal, setDeadline } from './deadline';

describe('setDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('expires on time when the process was awake', () => {
    const expired = vi.fn();
    setDeadline(expired, 5000);
    vi.advanceTimersByTime(4999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('after a sleep of the process itself, gives the peer its whole time again from the wake, once', () => {
    const expired = vi.fn();
    setDeadline(expired, 5000);
    // Asleep for a minute: the clock moved on and the timer fires late, on waking.
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(5000);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledOnce();
  });

  it('cancelled, never expires (not even in its second term)', () => {
    const expired = vi.fn();
    const cancel = setDeadline(expired, 5000);
    vi.setSystemTime(Date.now() + 60_000);
    vi.advanceTimersByTime(5000);
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(expired).not.toHaveBeenCalled();
  });

  it('deadlineSignal aborts with a TimeoutError, and not once cleared', () => {
    const late = deadlineSignal(1000);
    const answered = deadlineSignal(1000);
    answered.clear();
    vi.advanceTimersByTime(1000);
    expect(late.signal.aborted).toBe(true);
    expect((late.signal.reason as Error).name).toBe('TimeoutError');
    expect(answered.signal.aborted).toBe(false);
  });
});

import { nowNano, rfc3339NanoFixed } from './docker-time';
import { STDERR, STDOUT } from './docker-frames';

export interface LogEntry {
  nano: bigint;
  stream: typeof STDOUT | typeof STDERR;
  /** The line without its newline. */
  text: string;
}

export type LogListener = (entry: LogEntry | 'end') => void;

/**
 * One container's log as json-file keeps it: every line with its stream and time, oldest
 * first, bounded (the oldest lines go, as rotated files do). Followers hear each new line, and
 * 'end' when the container stops.
 */
export class LogBook {
  private entries: LogEntry[] = [];
  private readonly listeners = new Set<LogListener>();

  constructor(private readonly maxLines = 200_000) {}

  write(text: string, stream: LogEntry['stream'] = STDOUT, nano = nowNano()): LogEntry[] {
    const written = text.split('\n').map((line) => ({ nano, stream, text: line }));
    for (const entry of written) {
      this.entries.push(entry);
      for (const listener of this.listeners) listener(entry);
    }
    if (this.entries.length > this.maxLines * 1.1) this.entries = this.entries.slice(-this.maxLines);
    return written;
  }

  /** Lines as Docker selects them: the last `tail` lines, then since ≤ time ≤ until. */
  select(options: { tail?: number; since?: bigint; until?: bigint; stdout: boolean; stderr: boolean }): LogEntry[] {
    let lines = options.tail !== undefined && options.tail >= 0 ? (options.tail === 0 ? [] : this.entries.slice(-options.tail)) : this.entries;
    lines = lines.filter(
      (e) => (e.stream === STDOUT ? options.stdout : options.stderr) && (options.since === undefined || e.nano >= options.since) && (options.until === undefined || e.nano <= options.until),
    );
    return lines;
  }

  follow(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The container stopped: followers' streams end. */
  end(): void {
    for (const listener of [...this.listeners]) listener('end');
  }

  get size(): number {
    return this.entries.length;
  }
}

/** A line as the payload of a frame: `2026-…Z text\n` with timestamps, `text\n` without. */
export function logPayload(entry: LogEntry, timestamps: boolean): Buffer {
  return Buffer.from(timestamps ? `${rfc3339NanoFixed(entry.nano)} ${entry.text}\n` : `${entry.text}\n`);
}

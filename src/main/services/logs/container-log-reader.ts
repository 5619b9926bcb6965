import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { toRpcError } from '../../core/errors';
import { LogFrameParser, parseRecord, toDockerTime, type LogRecord } from './log-frames';

export interface ReadOptions {
  /** Normalised timestamp: lines at or after it. */
  since?: string;
  /** Normalised timestamp or Docker time: lines before it. For a finite read, pass until. */
  until?: string;
  tail?: number;
  follow: boolean;
  signal?: AbortSignal;
  /** Known TTY setting (saves an inspect). */
  tty?: boolean;
}

/**
 * Reads one container's log as batches of records (what one socket read held), pulling from
 * Docker only as fast as the consumer takes them (async iteration pauses the socket). A
 * flood moves through the pipeline a batch per step instead of a line per step. A finite
 * read uses follow with until, so Docker streams the range instead of building it in memory.
 */
export async function* readContainerLog(engine: DockerEngine, id: string, options: ReadOptions): AsyncGenerator<LogRecord[]> {
  const tty = options.tty ?? (await engine.inspect(id)).Config.Tty;
  // Never follow+until for a range: Docker then waits for a line after `until`, which a
  // quiet container never writes.
  const stream = await engine.logStream(id, {
    follow: options.follow,
    signal: options.signal,
    since: options.since ? toDockerTime(options.since) : undefined,
    until: options.follow ? undefined : options.until ? (options.until.includes('T') ? toDockerTime(options.until) : options.until) : undefined,
    tail: options.tail,
  });
  let ready: LogRecord[] = [];
  const parser = new LogFrameParser(tty, (s, line) => {
    const record = parseRecord(s, line);
    if (record) ready.push(record);
  });
  const onAbort = () => stream.destroy();
  options.signal?.addEventListener('abort', onAbort);
  try {
    for await (const chunk of stream) {
      parser.push(chunk as Buffer);
      if (ready.length) {
        const batch = ready;
        ready = [];
        yield batch;
      }
    }
    parser.end();
    if (ready.length) yield ready;
  } catch (error) {
    if (options.signal?.aborted) return;
    throw toRpcError(error);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    stream.destroy();
  }
}

/**
 * Merges several time-ordered streams of batches into one, in timestamp order (k-way merge;
 * equal times keep the sources' order). What is merged goes out before waiting on a source.
 */
export async function* mergeByTime<T extends { ts: string }>(sources: Array<AsyncIterator<T[]>>, maxBatch = 1000): AsyncGenerator<T[]> {
  interface Head {
    batch: T[];
    index: number;
    source: AsyncIterator<T[]>;
  }
  const refill = async (source: AsyncIterator<T[]>): Promise<Head | undefined> => {
    for (;;) {
      const next = await source.next();
      if (next.done) return undefined;
      if (next.value.length) return { batch: next.value, index: 0, source };
    }
  };
  const heads = (await Promise.all(sources.map(refill))).filter((head): head is Head => head !== undefined);
  let out: T[] = [];
  while (heads.length) {
    let min = 0;
    for (let i = 1; i < heads.length; i++) if (heads[i]!.batch[heads[i]!.index]!.ts < heads[min]!.batch[heads[min]!.index]!.ts) min = i;
    const head = heads[min]!;
    out.push(head.batch[head.index++]!);
    if (head.index >= head.batch.length) {
      yield out;
      out = [];
      const next = await refill(head.source);
      if (next) heads[min] = next;
      else heads.splice(min, 1);
    } else if (out.length >= maxBatch) {
      yield out;
      out = [];
    }
  }
}

/**
 * Docker timestamps stdout and stderr in separate goroutines, so one container's lines can
 * be out of order by microseconds across the two streams. A small window puts them right
 * before a merge (each stream on its own is in order).
 */
export async function* reorderWindow<T extends { ts: string }>(source: AsyncIterable<T[]>, size = 256): AsyncGenerator<T[]> {
  // window[head..] is the window; the consumed front is cut off in chunks, not one shift() per line.
  let window: T[] = [];
  let head = 0;
  for await (const batch of source) {
    const out: T[] = [];
    for (const item of batch) {
      let i = window.length;
      if (i > head && window[i - 1]!.ts > item.ts) {
        while (i > head && window[i - 1]!.ts > item.ts) i--;
        window.splice(i, 0, item);
      } else window.push(item);
      if (window.length - head > size) {
        out.push(window[head++]!);
        if (head >= 4096) {
          window = window.slice(head);
          head = 0;
        }
      }
    }
    if (out.length) yield out;
  }
  if (head < window.length) yield window.slice(head);
}

/** The last n items of a finite stream, as one batch (a bounded ring while reading). */
export async function* lastN<T>(source: AsyncIterable<T[]>, n: number): AsyncGenerator<T[]> {
  if (n <= 0) return;
  const ring: T[] = [];
  let oldest = 0;
  for await (const batch of source) {
    for (const item of batch) {
      if (ring.length < n) ring.push(item);
      else {
        ring[oldest] = item;
        oldest = (oldest + 1) % n;
      }
    }
  }
  if (ring.length) yield oldest === 0 ? ring : [...ring.slice(oldest), ...ring.slice(0, oldest)];
}

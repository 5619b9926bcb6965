import { LogChunkBuilder, type LogEvent, type LogExportEvent, type LogSelection } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { engineNamed, type Connectors } from '../../connectors/connectors';
import { backoffDelay, sleep } from '../../core/backoff';
import { toErrorData, toRpcError } from '../../core/errors';
import type { StreamSink } from '../../core/handlers';
import type { FleetService } from '../fleet/fleet-service';
import { lastN, mergeByTime, readContainerLog, reorderWindow } from './container-log-reader';
import { normaliseTimestamp, timestampMs, type LogRecord } from './log-frames';

/** The last timestamp sent per source and stream, with the texts sent at that instant. */
interface Mark {
  ts: string;
  seen: Set<string>;
}
/** Per source, per stream (looked up without building a key string: this runs for every line). */
type Marks = Map<string, Partial<Record<LogRecord['stream'], Mark>>>;

interface Source {
  src: string;
  engine: DockerEngine;
  id: string;
  name: string;
  tty: boolean;
  createdTs?: string;
}

export interface TailRequest {
  selection: LogSelection;
  tail: number;
  since?: string;
  until?: string;
  follow: boolean;
}

/** How long a follow stream may be quiet before the watchdog checks whether it is stuck. */
const STALL_CHECK_MS = 5000;

const nowTs = () => normaliseTimestamp(new Date().toISOString())!;
/**
 * Logs of one container, a whole service or any selection, merged in timestamp order.
 * History first (k-way merge of each source's range), then each source follows from its
 * last timestamp; a broken stream resumes from there, skipping lines it already sent.
 */
export class LogsService {
  constructor(
    private readonly connectors: Connectors,
    private readonly fleet: FleetService,
  ) {}

  async resolve(selection: LogSelection): Promise<Source[]> {
    const sources: Source[] = [];
    for (const target of selection.containers ?? []) {
      const engine = engineNamed(this.connectors, target.engine);
      const info = await engine.inspect(target.id);
      sources.push({ src: `${engine.name}/${info.Id}`, engine, id: info.Id, name: info.Name.replace(/^\//, ''), tty: info.Config.Tty, createdTs: normaliseTimestamp(info.Created) });
    }
    if (selection.service) {
      const { project, service } = selection.service;
      const lists = await Promise.allSettled(
        this.connectors.docker.map(async (engine) => ({
          engine,
          infos: await engine.listServiceContainers(project, service),
        })),
      );
      for (const result of lists) {
        if (result.status !== 'fulfilled') continue;
        for (const info of result.value.infos) {
          if (sources.some((s) => s.id === info.Id)) continue;
          sources.push({ src: `${result.value.engine.name}/${info.Id}`, engine: result.value.engine, id: info.Id, name: (info.Names[0] ?? info.Id).replace(/^\//, ''), tty: false, createdTs: normaliseTimestamp(new Date(info.Created * 1000).toISOString()) });
        }
      }
      if (sources.length === 0 && !selection.containers?.length) {
        throw new RpcError('NOT_FOUND', `No container of service ${project}/${service} on any connected engine`);
      }
    }
    return sources;
  }

  /** The logs.tail stream. */
  tail(request: TailRequest, sink: StreamSink<LogEvent>): () => void {
    const abort = new AbortController();
    const signal = abort.signal;
    // A promise only when the transport is full: an await per line costs a flood dearly.
    const push = (event: LogEvent, weight?: number): Promise<void> | undefined => (sink.push(event, weight) ? undefined : sink.drain());
    // Short names for the replicas on the wire (the source events say which container each is):
    // a flood carries this on every line.
    const shortNames = new Map<string, string>();
    const shortSrc = (engine: string, id: string) => {
      const key = `${engine}/${id}`;
      let name = shortNames.get(key);
      if (name === undefined) shortNames.set(key, (name = String(shortNames.size)));
      return name;
    };
    const run = async () => {
      const sources = (await this.resolve(request.selection)).map((source) => ({ ...source, src: shortSrc(source.engine.name, source.id) }));
      const start = nowTs();
      const since = request.since ? normaliseTimestamp(request.since) : undefined;
      const until = request.until ? normaliseTimestamp(request.until) : undefined;
      const follow = request.follow && !until;
      // Each of stdout and stderr is in order on its own, so each keeps its own mark.
      const last: Marks = new Map();
      const note = (src: string, record: LogRecord) => {
        let marks = last.get(src);
        if (!marks) last.set(src, (marks = {}));
        const mark = marks[record.stream];
        if (!mark) marks[record.stream] = { ts: record.ts, seen: new Set([record.text]) };
        else if (record.ts > mark.ts) {
          // Reused, not replaced: this runs for every line of a flood.
          mark.ts = record.ts;
          mark.seen.clear();
          mark.seen.add(record.text);
        } else if (record.ts === mark.ts) mark.seen.add(record.text);
      };
      const announce = async (source: Source, state: Extract<LogEvent, { kind: 'source' }>['state'], error?: unknown) =>
        push({ kind: 'source', src: source.src, engine: source.engine.name, id: source.id, name: source.name, state, ...(error ? { error: toErrorData(error) } : {}) });

      for (const source of sources) await announce(source, 'history');
      const readers = sources.map((source) => {
        // Docker applies tail before until, so "the N lines before T" (load earlier) is read
        // without tail and cut to the last N here.
        const dockerTail = since || until ? undefined : request.tail;
        const reader = readContainerLog(source.engine, source.id, { tail: dockerTail, since, until: until ?? start, follow: false, signal, tty: source.tty });
        const ordered = reorderWindow(reader);
        const range = guarded(until && !since ? lastN(before(ordered, until), request.tail) : ordered, (error) => void announce(source, 'error', error));
        return tagged(range, source.src);
      });
      let lines = 0;
      if (request.tail > 0 || since) {
        // One replica needs no merging: one async step less per batch.
        const chunk = new LogChunkBuilder();
        for await (const batch of readers.length === 1 ? readers[0]! : mergeByTime(readers)) {
          if (signal.aborted) return;
          for (const { src, record } of batch) {
            note(src, record);
            chunk.add(src, record.ts, record.stream, record.text);
          }
          lines += chunk.size;
          const full = sendChunk(chunk, push);
          if (full) await full;
        }
      }
      await push({ kind: 'history-end', lines });
      if (!follow) {
        sink.end();
        return;
      }
      const following = new Set<string>();
      const followSource = (source: Source, from: string) => {
        if (following.has(source.src)) return;
        following.add(source.src);
        void this.follow(source, from, last, note, push, announce, signal);
      };
      for (const source of sources) followSource(source, start);
      if (request.selection.service) {
        // A replaced or added replica joins the merged view by itself.
        const { project, service } = request.selection.service;
        const off = this.fleet.subscribe((event) => {
          const rows = event.kind === 'upsert' ? [event.container] : event.kind === 'snapshot' ? event.containers : [];
          for (const row of rows) {
            if (row.project !== project || row.service !== service) continue;
            const engine = this.connectors.docker.find((e) => e.name === row.engine);
            const src = shortSrc(row.engine, row.id);
            if (!engine || following.has(src)) continue;
            const source: Source = { src, engine, id: row.id, name: row.name, tty: false };
            const from = normaliseTimestamp(new Date(row.createdAt).toISOString())!;
            void announce(source, 'following').then(() => followSource(source, from < start ? start : from));
          }
        });
        signal.addEventListener('abort', off);
      }
    };
    run().catch((error: unknown) => {
      if (!signal.aborted) sink.end(error);
    });
    return () => abort.abort();
  }

  private async follow(
    source: Source,
    from: string,
    last: Marks,
    note: (src: string, record: LogRecord) => void,
    push: (event: LogEvent, weight?: number) => Promise<void> | undefined,
    announce: (source: Source, state: Extract<LogEvent, { kind: 'source' }>['state'], error?: unknown) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    let attempt = 0;
    let waitingOnConsumer = false;
    let lastLineAt = Date.now();
    const chunk = new LogChunkBuilder();
    /** Sends what was not sent yet (a resumed stream repeats lines at and after the marks). */
    const deliver = async (batch: LogRecord[]) => {
      for (const record of batch) {
        const seen = last.get(source.src)?.[record.stream];
        if (seen && (record.ts < seen.ts || (record.ts === seen.ts && seen.seen.has(record.text)))) continue;
        note(source.src, record);
        chunk.add(source.src, record.ts, record.stream, record.text);
      }
      if (chunk.size) attempt = 0;
      const full = sendChunk(chunk, push);
      if (full) {
        waitingOnConsumer = true;
        await full;
        waitingOnConsumer = false;
        lastLineAt = Date.now();
      }
    };
    while (!signal.aborted) {
      const since = this.resumeFrom(source, from, last);
      try {
        await announce(source, 'following');
        // Docker 20.10 can stall a follow when the json-file log rotates. A watchdog asks,
        // after a quiet spell, whether newer lines exist; if so the stream is stuck: reopen it.
        const streamAbort = new AbortController();
        const stopStream = () => streamAbort.abort();
        signal.addEventListener('abort', stopStream);
        // Quiet means Docker sent nothing while we waited for it: time spent waiting for the
        // consumer (a slow page under a flood) is not a stall, and reopening a flooded log
        // makes Docker read the whole file again to find `since`.
        lastLineAt = Date.now();
        const watchdog = setInterval(() => {
          if (waitingOnConsumer || Date.now() - lastLineAt < STALL_CHECK_MS) return;
          lastLineAt = Date.now();
          void this.hasNewerLines(source, last).then((newer) => {
            if (newer) streamAbort.abort();
          });
        }, STALL_CHECK_MS);
        try {
          for await (const batch of readContainerLog(source.engine, source.id, { since, follow: true, signal: streamAbort.signal, tty: source.tty })) {
            lastLineAt = Date.now();
            await deliver(batch);
          }
        } finally {
          clearInterval(watchdog);
          signal.removeEventListener('abort', stopStream);
        }
        if (signal.aborted) return;
        if (streamAbort.signal.aborted) continue; // a stalled stream: resume from the marks
        // The stream ended: the container stopped, or the engine is going away.
        const state = await source.engine
          .inspect(source.id)
          .then((info) => (info.State.Running ? 'running' : 'stopped'))
          .catch((error: unknown) => (toRpcError(error).code === 'NOT_FOUND' ? 'removed' : 'unreachable'));
        if (state === 'stopped') {
          // Docker 20.10 ends a follow when the container stops even if its reader is behind
          // (a flood): the rest of the log, after the marks, is read as a range.
          for await (const batch of readContainerLog(source.engine, source.id, { since: this.resumeFrom(source, from, last), follow: false, signal, tty: source.tty })) await deliver(batch);
          if (signal.aborted) return;
        }
        if (state === 'removed') {
          await announce(source, 'ended');
          return;
        }
        if (state === 'stopped') {
          await announce(source, 'stopped');
          await this.waitUntilRunning(source, signal);
          continue;
        }
        if (state === 'unreachable') await announce(source, 'reconnecting');
      } catch (error) {
        if (signal.aborted) return;
        await announce(source, 'reconnecting', error);
      }
      await sleep(backoffDelay(attempt++), signal);
    }
  }

  /** Where a source's stream resumes: the older of its two streams' marks. */
  private resumeFrom(source: Source, from: string, last: Marks): string {
    const marks = (['out', 'err'] as const).map((stream) => last.get(source.src)?.[stream]?.ts ?? from);
    return marks[0]! < marks[1]! ? marks[0]! : marks[1]!;
  }

  /** Whether the container has lines newer than what was sent (a stalled follow stream). */
  private async hasNewerLines(source: Source, last: Marks): Promise<boolean> {
    const marks = (['out', 'err'] as const).map((stream) => last.get(source.src)?.[stream]?.ts).filter((t): t is string => !!t);
    if (marks.length === 0) return false;
    const newest = marks.reduce((a, b) => (a > b ? a : b));
    try {
      for await (const batch of readContainerLog(source.engine, source.id, { since: newest, follow: false, tty: source.tty })) {
        if (batch.some((record) => record.ts > newest)) return true;
      }
    } catch {
      // the engine is away: the follow stream's own end says so
    }
    return false;
  }

  /** Waits for a stopped container to run again (its start event, or a check every 2 s). */
  private async waitUntilRunning(source: Source, signal: AbortSignal): Promise<void> {
    let wake: () => void = () => undefined;
    const off = this.fleet.onDockerEvent((engine, event) => {
      if (engine === source.engine.name && event.Actor.ID === source.id && event.Action === 'start') wake();
    });
    try {
      while (!signal.aborted) {
        const running = await source.engine
          .inspect(source.id)
          .then((info) => info.State.Running)
          .catch((error: unknown) => (toRpcError(error).code === 'NOT_FOUND' ? undefined : false));
        if (running !== false) return;
        // Woken by the start event, the 2 s check or the view closing; nothing is left behind on the signal.
        const woken = new AbortController();
        const stop = () => woken.abort();
        wake = stop;
        signal.addEventListener('abort', stop, { once: true });
        await sleep(2000, woken.signal);
        signal.removeEventListener('abort', stop);
      }
    } finally {
      off();
    }
  }

  /** The whole range of a selection, merged, as lines of text or JSON (pulled as the consumer reads). */
  async *exportLines(
    request: { selection: LogSelection; since?: string; until?: string; format: 'text' | 'jsonl' },
    signal: AbortSignal,
  ): AsyncGenerator<string> {
    const sources = await this.resolve(request.selection);
    const since = request.since ? normaliseTimestamp(request.since) : undefined;
    const until = request.until ? normaliseTimestamp(request.until) : nowTs();
    const bySrc = new Map(sources.map((s) => [s.src, s]));
    const readers = sources.map((s) => tagged(reorderWindow(readContainerLog(s.engine, s.id, { since, until, follow: false, signal, tty: s.tty })), s.src));
    for await (const batch of mergeByTime(readers)) {
      for (const { src, record } of batch) {
        if (signal.aborted) return;
        const source = bySrc.get(src)!;
        const stream = record.stream === 'out' ? 'stdout' : 'stderr';
        yield request.format === 'jsonl'
          ? `${JSON.stringify({ ts: record.ts, host: source.engine.name, container: source.name, stream, message: record.text })}\n`
          : `${record.ts} ${source.engine.name}/${source.name} ${stream} ${record.text}\n`;
      }
    }
  }

  /** The logs.export stream: the whole range, merged, in chunks of text. */
  export(
    request: { selection: LogSelection; since?: string; until?: string; format: 'text' | 'jsonl' },
    sink: StreamSink<LogExportEvent>,
  ): () => void {
    const abort = new AbortController();
    const run = async () => {
      let chunk = '';
      let lines = 0;
      let bytes = 0;
      const flush = async () => {
        if (!chunk) return;
        bytes += Buffer.byteLength(chunk);
        if (!sink.push({ kind: 'chunk', data: chunk })) await sink.drain();
        chunk = '';
      };
      for await (const line of this.exportLines(request, abort.signal)) {
        chunk += line;
        lines++;
        if (chunk.length > 64 * 1024) await flush();
      }
      if (abort.signal.aborted) return;
      await flush();
      sink.push({ kind: 'done', lines, bytes });
      sink.end();
    };
    run().catch((error: unknown) => {
      if (!abort.signal.aborted) sink.end(error);
    });
    return () => abort.abort();
  }
}

/** Sends the lines gathered as one chunk (weighing as many items as it has lines). */
function sendChunk(chunk: LogChunkBuilder, push: (event: LogEvent, weight?: number) => Promise<void> | undefined): Promise<void> | undefined {
  const lines = chunk.size;
  const event = chunk.take();
  return event ? push(event, lines) : undefined;
}

/** Only records strictly before a timestamp (Docker's until lets the line at `until` through). */
async function* before(source: AsyncIterable<LogRecord[]>, until: string): AsyncGenerator<LogRecord[]> {
  for await (const batch of source) {
    const kept = batch.filter((record) => record.ts < until);
    if (kept.length) yield kept;
  }
}

/** Tags each record with its source, for a merge. */
async function* tagged(reader: AsyncIterable<LogRecord[]>, src: string): AsyncGenerator<Array<{ ts: string; src: string; record: LogRecord }>> {
  for await (const batch of reader) yield batch.map((record) => ({ ts: record.ts, src, record }));
}

/** A source that fails ends quietly, reported through onError (the other replicas go on). */
async function* guarded<T>(reader: AsyncIterable<T>, onError: (error: unknown) => void): AsyncGenerator<T> {
  try {
    yield* reader;
  } catch (error) {
    onError(error);
  }
}

export { timestampMs };

import type { Readable } from 'node:stream';
import type { StreamParsedInput } from '../../../shared/contract';
import type { LogSearchEvent } from '../../../shared/domain';
import { RpcError } from '../../../shared/errors';
import type { Connectors } from '../../connectors/connectors';
import { toErrorData } from '../../core/errors';
import type { StreamSink } from '../../core/handlers';
import type { FleetService } from '../fleet/fleet-service';
import { normaliseTimestamp } from '../logs/log-frames';
import { searchContainerLog, type ContainerSearchResult } from './container-search';
import { lineMatcher } from './line-matcher';
import { runPerEngine } from './per-engine-pool';
import { resolveScope } from './search-scope';

export type LogSearchInput = StreamParsedInput<'logs.search'>;

export interface LogSearchOptions {
  /** Containers read at once on one engine. */
  perEngine?: number;
  /** How often progress goes out while reading. */
  progressEveryMs?: number;
}

/** An item out; a promise when the consumer is behind (wait for it before reading on). */
type Emit = (event: LogSearchEvent) => Promise<void> | void;

/**
 * One search over the logs of every container of a scope: each container's range is read
 * and matched as it streams (never held whole), a few containers at a time per engine, and
 * each container's count and first matches go out as soon as it is read. Aborting closes
 * every Docker read of the search at once.
 */
export class LogSearchService {
  private readonly streams = new Set<Readable>();

  constructor(
    private readonly connectors: Connectors,
    private readonly fleet: FleetService,
    private readonly options: LogSearchOptions = {},
  ) {}

  /** Docker log streams of all searches that are open now. */
  get openReads(): number {
    return this.streams.size;
  }

  /** The logs.search stream. */
  search(input: LogSearchInput, sink: StreamSink<LogSearchEvent>): () => void {
    const abort = new AbortController();
    const emit: Emit = (event) => (sink.push(event) ? undefined : sink.drain());
    this.run(input, abort.signal, emit).then(
      () => {
        if (!abort.signal.aborted) sink.end();
      },
      (error: unknown) => {
        if (!abort.signal.aborted) sink.end(error);
      },
    );
    return () => abort.abort();
  }

  /** Runs a search to its end (or until aborted), emitting its events. */
  async run(input: LogSearchInput, signal: AbortSignal, emit: Emit): Promise<void> {
    const started = Date.now();
    const matcher = lineMatcher(input.query, input);
    const since = normaliseTimestamp(new Date(input.since).toISOString());
    const until = normaliseTimestamp(new Date(input.until ?? Date.now()).toISOString());
    if (!since || !until || until <= since) throw new RpcError('BAD_REQUEST', 'The end of the time range must be after its start.');
    const { targets, failures } = await resolveScope(this.connectors, this.fleet, input.scope, Date.parse(until.slice(0, 23) + 'Z'));
    for (const failure of failures) await emit({ kind: 'engine-error', ...failure });
    const totals = { lines: 0, matches: 0 };
    let done = 0;
    let matched = 0;
    let failed = 0;
    const progress = (): LogSearchEvent => ({ kind: 'progress', done, total: targets.length, lines: totals.lines, matches: totals.matches });
    await emit(progress());
    // Progress while long logs are read; a consumer that is behind just misses a few.
    const ticker = setInterval(() => void emit(progress()), this.options.progressEveryMs ?? 250);
    try {
      await runPerEngine(
        targets,
        this.options.perEngine ?? 3,
        async (target) => {
          let result: ContainerSearchResult = { count: 0, lines: 0, matches: [] };
          let error: ReturnType<typeof toErrorData> | undefined;
          try {
            result = await searchContainerLog(target.docker, target.id, { since, until, matcher, maxMatches: input.maxMatches, signal, totals, onStream: (stream) => this.track(stream) });
          } catch (caught) {
            if (signal.aborted) return;
            error = toErrorData(caught);
          }
          if (signal.aborted) return;
          done++;
          if (error) failed++;
          if (result.count > 0) matched++;
          if (result.count > 0 || error) {
            const { engine, id, name, project, service } = target;
            await emit({ kind: 'result', engine, id, name, project, service, count: result.count, lines: result.lines, matches: result.matches, ...(error ? { error } : {}) });
          }
        },
        signal,
      );
    } finally {
      clearInterval(ticker);
    }
    if (signal.aborted) return;
    await emit(progress());
    await emit({ kind: 'summary', containers: targets.length, matchedContainers: matched, matches: totals.matches, lines: totals.lines, failed, elapsedMs: Date.now() - started });
  }

  private track(stream: Readable): void {
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
  }
}

import type { Readable } from 'node:stream';
import type { LogSearchMatch } from '../../../shared/domain';
import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { LogFrameParser, MAX_LINE_CHARS, normaliseTimestamp, toDockerTime } from '../logs/log-frames';
import { displayText, type LineMatcher } from './line-matcher';

export interface ContainerSearchOptions {
  /** Normalised timestamps (nine fraction digits). */
  since: string;
  until: string;
  matcher: LineMatcher;
  maxMatches: number;
  signal: AbortSignal;
  /** Counters shared by the whole search (progress), bumped per line read and per match. */
  totals: { lines: number; matches: number };
  /** Told of every Docker stream opened (to close them all on cancel and to count them). */
  onStream?: (stream: Readable) => void;
}

export interface ContainerSearchResult {
  count: number;
  lines: number;
  matches: LogSearchMatch[];
}

/**
 * Reads one container's log for a range and matches it line by line as it streams in: only
 * the first matching lines are kept, every match is counted. The socket is read as fast as
 * the matching goes (async iteration), so nothing of the log piles up in memory.
 */
export async function searchContainerLog(engine: DockerEngine, id: string, options: ContainerSearchOptions): Promise<ContainerSearchResult> {
  const { matcher, maxMatches, totals } = options;
  const tty = (await engine.inspect(id)).Config.Tty;
  const stream = await engine.logStream(id, { follow: false, since: toDockerTime(options.since), until: toDockerTime(options.until), signal: options.signal });
  options.onStream?.(stream);
  const result: ContainerSearchResult = { count: 0, lines: 0, matches: [] };
  const parser = new LogFrameParser(tty, (stream, line) => {
    result.lines++;
    totals.lines++;
    // "<timestamp> <message>": only the message is searched, cut as the log view cuts it.
    const space = line.indexOf(' ');
    if (space < 0) return;
    let text = line.slice(space + 1);
    if (text.length > MAX_LINE_CHARS) text = text.slice(0, MAX_LINE_CHARS);
    if (!matcher.test(text)) return;
    result.count++;
    totals.matches++;
    if (result.matches.length >= maxMatches) return;
    const ts = normaliseTimestamp(line.slice(0, space));
    if (!ts) return;
    result.matches.push({ ts, stream, ...displayText(text, matcher.locate(text)) });
  });
  const onAbort = () => stream.destroy();
  options.signal.addEventListener('abort', onAbort);
  try {
    for await (const chunk of stream) {
      parser.push(chunk as Buffer);
      if (options.signal.aborted) break;
    }
    parser.end();
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    stream.destroy();
  }
  return result;
}

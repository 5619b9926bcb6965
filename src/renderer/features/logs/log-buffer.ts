import type { LogLine } from '../../../shared/domain';

/** One line as the viewer keeps it. */
export interface ViewLine {
  seq: number;
  src: string;
  ts: string;
  s: 'out' | 'err';
  m: string;
  /** Worked out when first asked for (levelOf): most lines of a flood are never shown. */
  level?: LogLevel | null;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const JSON_LEVEL = /"(?:level|severity|lvl)"\s*:\s*"([A-Za-z]+)"/;
const WORD_LEVEL = /\b(FATAL|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE)\b/;

/** The level of a line: a JSON log's level field, else the first level word. */
export function detectLevel(text: string): LogLevel | undefined {
  const raw = (JSON_LEVEL.exec(text)?.[1] ?? WORD_LEVEL.exec(text)?.[1])?.toLowerCase();
  if (!raw) return undefined;
  if (raw === 'fatal' || raw === 'error' || raw === 'err' || raw === 'critical' || raw === 'crit') return 'error';
  if (raw === 'warn' || raw === 'warning') return 'warn';
  if (raw === 'info' || raw === 'notice') return 'info';
  if (raw === 'debug' || raw === 'trace') return 'debug';
  return undefined;
}

/** The line's level, detected once on first use. */
export function levelOf(line: ViewLine): LogLevel | undefined {
  if (line.level === undefined) line.level = detectLevel(line.m) ?? null;
  return line.level ?? undefined;
}

/**
 * The view's bounded buffer: lines kept in timestamp order, at most `cap` of them; the oldest
 * go first and are counted as dropped. A batch is put in order on its own (replicas of a
 * merged live view arrive interleaved in runs) and then merged with the kept lines it
 * overlaps, so a batch costs its own size plus the overlap, never a search and an insert into
 * the whole window per line. Lines with equal timestamps keep their arrival order.
 */
export class LogBuffer {
  lines: ViewLine[] = [];
  dropped = 0;
  received = 0;
  private seq = 0;

  constructor(public cap = 100_000) {}

  add(batch: readonly LogLine[]): void {
    if (batch.length === 0) return;
    const incoming: ViewLine[] = new Array<ViewLine>(batch.length);
    let ordered = true;
    for (let i = 0; i < batch.length; i++) {
      const [src, ts, s, m] = batch[i]!;
      incoming[i] = { src, ts, s, m, seq: this.seq++ };
      if (ordered && i > 0 && ts < incoming[i - 1]!.ts) ordered = false;
    }
    this.received += batch.length;
    // Array.prototype.sort is stable, and quick on the long ordered runs a flood brings.
    if (!ordered) incoming.sort(byTime);
    const lines = this.lines;
    const at = afterTime(lines, incoming[0]!.ts);
    if (at === lines.length) for (const line of incoming) lines.push(line);
    else {
      // Only the kept lines newer than the batch's first line move.
      const newer = lines.splice(at);
      let i = 0;
      let j = 0;
      while (i < newer.length && j < incoming.length) lines.push(incoming[j]!.ts < newer[i]!.ts ? incoming[j++]! : newer[i++]!);
      while (i < newer.length) lines.push(newer[i++]!);
      while (j < incoming.length) lines.push(incoming[j++]!);
    }
    const over = lines.length - this.cap;
    if (over > 0) {
      lines.splice(0, over);
      this.dropped += over;
    }
  }

  /** Lines added in front (load earlier), already in order. */
  prepend(batch: readonly LogLine[]): void {
    const lines = batch.map(([src, ts, s, m]): ViewLine => ({ src, ts, s, m, seq: this.seq++ }));
    this.lines = [...lines, ...this.lines].slice(0, this.cap);
  }

  clear(): void {
    this.lines = [];
    this.dropped = 0;
    this.received = 0;
  }
}

const byTime = (a: ViewLine, b: ViewLine) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/** The index after every line at or before `ts` (lines in timestamp order); the end, at once, for a line in order. */
function afterTime(lines: readonly ViewLine[], ts: string): number {
  if (lines.length === 0 || lines[lines.length - 1]!.ts <= ts) return lines.length;
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (lines[mid]!.ts <= ts) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A search as a predicate; an invalid regular expression gives an error instead. */
export function makeMatcher(query: string, regex: boolean, caseSensitive: boolean): { test?: (text: string) => boolean; error?: string } {
  if (!query) return {};
  if (!regex) {
    const needle = caseSensitive ? query : query.toLowerCase();
    return { test: (text) => (caseSensitive ? text : text.toLowerCase()).includes(needle) };
  }
  try {
    const re = new RegExp(query, caseSensitive ? '' : 'i');
    return { test: (text) => re.test(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

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
 * The view's bounded buffer: lines kept in timestamp order (a late line is inserted where
 * it belongs, searching from the end), at most `cap` of them; the oldest go first and are
 * counted as dropped.
 */
export class LogBuffer {
  lines: ViewLine[] = [];
  dropped = 0;
  received = 0;
  private seq = 0;

  constructor(public cap = 100_000) {}

  add(batch: readonly LogLine[]): void {
    for (const [src, ts, s, m] of batch) {
      const line: ViewLine = { src, ts, s, m, seq: this.seq++ };
      this.received++;
      const last = this.lines[this.lines.length - 1];
      if (!last || last.ts <= line.ts) this.lines.push(line);
      else {
        let i = this.lines.length - 1;
        while (i > 0 && this.lines[i - 1]!.ts > line.ts) i--;
        this.lines.splice(i, 0, line);
      }
    }
    const over = this.lines.length - this.cap;
    if (over > 0) {
      this.lines = this.lines.slice(over);
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

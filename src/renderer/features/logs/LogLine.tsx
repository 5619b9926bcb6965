import Anser from 'anser';
import { memo, useState, type ReactNode } from 'react';
import { levelOf, type ViewLine } from './log-buffer';

const PALETTE = ['#4f8cff', '#3ecf8e', '#f5a524', '#c77dff', '#ff6b9a', '#2ec4d6', '#a3d65c', '#ff8a4c'];

/** A stable colour per source (replica). */
export function sourceColour(src: string): string {
  let hash = 0;
  for (let i = 0; i < src.length; i++) hash = (hash * 31 + src.charCodeAt(i)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length]!;
}

function renderAnsi(text: string): ReactNode {
  if (!text.includes('\u001b[')) return text;
  return Anser.ansiToJson(text, { remove_empty: true }).map((part, i) => (
    <span
      key={i}
      style={{
        color: part.fg ? `rgb(${part.fg})` : undefined,
        backgroundColor: part.bg ? `rgb(${part.bg})` : undefined,
        fontWeight: part.decorations?.includes('bold') ? 600 : undefined,
      }}
    >
      {part.content}
    </span>
  ));
}

function highlight(text: string, query: string, regex: boolean, caseSensitive: boolean): ReactNode {
  if (!query || text.includes('\u001b[')) return renderAnsi(text);
  let re: RegExp;
  try {
    re = new RegExp(regex ? query : query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), caseSensitive ? 'g' : 'gi');
  } catch {
    return text;
  }
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(re)) {
    if (match[0] === '') break;
    parts.push(text.slice(last, match.index), <mark key={match.index}>{match[0]}</mark>);
    last = (match.index ?? 0) + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function prettyJson(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.stringify(JSON.parse(text.slice(start)), null, 2);
  } catch {
    return undefined;
  }
}

export interface LogLineProps {
  line: ViewLine;
  label: string;
  showTimestamp: boolean;
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  current: boolean;
  /** The line at the moment the view was opened for (an incident's failure). */
  focus?: boolean;
}

/** One log line: replica prefix in its colour, stderr marked, level coloured, ANSI rendered, JSON expandable. */
export const LogLine = memo(function LogLine({ line, label, showTimestamp, query, regex, caseSensitive, current, focus }: LogLineProps) {
  const [expanded, setExpanded] = useState(false);
  const pretty = expanded ? prettyJson(line.m) : undefined;
  const level = levelOf(line);
  return (
    <div
      className={`log-line log-line--${line.s}${level ? ` log-line--${level}` : ''}${current ? ' log-line--current' : ''}${focus ? ' log-line--focus' : ''}`}
      data-testid="log-line"
      data-focus={focus ? 'true' : undefined}
      data-current={current ? 'true' : undefined}
      data-src={line.src}
      data-level={level ?? 'none'}
      data-stream={line.s}
      onDoubleClick={() => setExpanded((e) => !e)}
    >
      {showTimestamp && <span className="log-line__ts">{line.ts.slice(11, 23)}</span>}
      <span className="log-line__src" style={{ color: sourceColour(line.src) }}>
        {label}
      </span>
      {pretty ? <pre className="log-line__json">{pretty}</pre> : <span className="log-line__msg">{highlight(line.m, query, regex, caseSensitive)}</span>}
    </div>
  );
});

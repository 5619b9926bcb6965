import { RpcError } from '../../../shared/errors';

/** Characters of a matching line sent for display: a window around the match when the line is longer. */
export const MATCH_TEXT_CHARS = 2000;
/** How much of the line before the match the window keeps. */
const LEAD_CHARS = 200;

export interface LineMatcher {
  /** Whether a line matches (called for every line read: no allocation on the common path). */
  test(text: string): boolean;
  /** Where the first match is: [start, length], or undefined. */
  locate(text: string): [number, number] | undefined;
}

export interface MatchOptions {
  regex: boolean;
  caseSensitive: boolean;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for a text or a regular expression. A plain case-sensitive text is a substring
 * test; everything else is one compiled regex (never global: test() keeps no state). A bad
 * expression is a BAD_REQUEST with the engine's reason.
 */
export function lineMatcher(query: string, options: MatchOptions): LineMatcher {
  if (!options.regex && options.caseSensitive) {
    return {
      test: (text) => text.includes(query),
      locate: (text) => {
        const at = text.indexOf(query);
        return at >= 0 ? [at, query.length] : undefined;
      },
    };
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.regex ? query : escapeRegex(query), options.caseSensitive ? '' : 'i');
  } catch (error) {
    throw new RpcError('BAD_REQUEST', `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`, { query });
  }
  return {
    test: (text) => pattern.test(text),
    locate: (text) => {
      const match = pattern.exec(text);
      return match ? [match.index, match[0].length] : undefined;
    },
  };
}

/** A matching line as shown: whole when short, else a window around the match with ellipses; hl moved with it. */
export function displayText(text: string, hl: [number, number] | undefined): { text: string; hl?: [number, number] } {
  if (text.length <= MATCH_TEXT_CHARS) return hl ? { text, hl } : { text };
  const start = hl ? Math.max(0, Math.min(hl[0] - LEAD_CHARS, text.length - MATCH_TEXT_CHARS)) : 0;
  const end = Math.min(text.length, start + MATCH_TEXT_CHARS);
  const head = start > 0 ? '…' : '';
  const shown = `${head}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  if (!hl) return { text: shown };
  const hlStart = hl[0] - start + head.length;
  const hlLength = Math.min(hl[1], end - hl[0]);
  return hlStart >= head.length && hlLength >= 0 ? { text: shown, hl: [hlStart, hlLength] } : { text: shown };
}

/**
 * Lexer for Go's text/template: text and {{actions}}, with {{- and -}} trimming and
 * {{/* comments *\/}}. Enough of the language for confd templates.
 */
export type Token =
  | { kind: 'text'; value: string; line: number }
  | { kind: 'open'; line: number }
  | { kind: 'close'; line: number }
  | { kind: 'ident'; value: string; line: number }
  | { kind: 'field'; value: string[]; line: number }
  | { kind: 'variable'; value: string; fields: string[]; line: number }
  | { kind: 'dot'; line: number }
  | { kind: 'string'; value: string; line: number }
  | { kind: 'number'; value: number; line: number }
  | { kind: 'bool'; value: boolean; line: number }
  | { kind: 'nil'; line: number }
  | { kind: 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma'; line: number };

export class TemplateError extends Error {
  constructor(message: string, readonly line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'TemplateError';
  }
}

const SPACE = /\s/;

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const countLines = (s: string) => {
    for (const ch of s) if (ch === '\n') line++;
  };
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    let text = open < 0 ? source.slice(i) : source.slice(i, open);
    const trimLeft = open >= 0 && source[open + 2] === '-' && SPACE.test(source[open + 3] ?? '');
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) tokens.push({ kind: 'text', value: text, line });
    countLines(open < 0 ? source.slice(i) : source.slice(i, open));
    if (open < 0) break;
    let j = open + 2 + (trimLeft ? 2 : 0);
    // comment
    const afterOpen = source.slice(j).replace(/^\s*/, '');
    if (afterOpen.startsWith('/*')) {
      const end = source.indexOf('*/', j);
      if (end < 0) throw new TemplateError('unclosed comment', line);
      let k = end + 2;
      while (SPACE.test(source[k] ?? '')) k++;
      let trimRight = false;
      if (source.startsWith('-}}', k)) {
        trimRight = true;
        k += 3;
      } else if (source.startsWith('}}', k)) k += 2;
      else throw new TemplateError('comment ends before closing delimiter', line);
      countLines(source.slice(open, k));
      i = k;
      if (trimRight) i = skipSpace(source, i, (s) => countLines(s));
      continue;
    }
    tokens.push({ kind: 'open', line });
    for (;;) {
      while (j < source.length && SPACE.test(source[j]!)) {
        if (source[j] === '\n') line++;
        j++;
      }
      if (j >= source.length) throw new TemplateError('unclosed action', line);
      if (source.startsWith('-}}', j) && SPACE.test(source[j - 1] ?? '')) {
        tokens.push({ kind: 'close', line });
        i = skipSpace(source, j + 3, (s) => countLines(s));
        break;
      }
      if (source.startsWith('}}', j)) {
        tokens.push({ kind: 'close', line });
        i = j + 2;
        break;
      }
      const ch = source[j]!;
      if (ch === '|') {
        tokens.push({ kind: 'pipe', line });
        j++;
      } else if (ch === '(') {
        tokens.push({ kind: 'lparen', line });
        j++;
      } else if (ch === ')') {
        tokens.push({ kind: 'rparen', line });
        j++;
      } else if (ch === ',') {
        tokens.push({ kind: 'comma', line });
        j++;
      } else if (source.startsWith(':=', j)) {
        tokens.push({ kind: 'declare', line });
        j += 2;
      } else if (ch === '=') {
        tokens.push({ kind: 'assign', line });
        j++;
      } else if (ch === '"') {
        let k = j + 1;
        let value = '';
        while (k < source.length && source[k] !== '"') {
          if (source[k] === '\\') {
            const next = source[k + 1];
            value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next}`;
            k += 2;
          } else value += source[k++];
        }
        if (source[k] !== '"') throw new TemplateError('unterminated quoted string', line);
        tokens.push({ kind: 'string', value, line });
        j = k + 1;
      } else if (ch === '`') {
        const end = source.indexOf('`', j + 1);
        if (end < 0) throw new TemplateError('unterminated raw quoted string', line);
        tokens.push({ kind: 'string', value: source.slice(j + 1, end), line });
        countLines(source.slice(j, end));
        j = end + 1;
      } else if (ch === '.' && !/[A-Za-z_]/.test(source[j + 1] ?? '')) {
        tokens.push({ kind: 'dot', line });
        j++;
      } else if (ch === '.') {
        const match = /^(\.[A-Za-z_][A-Za-z0-9_]*)+/.exec(source.slice(j))!;
        tokens.push({ kind: 'field', value: match[0].slice(1).split('.'), line });
        j += match[0].length;
      } else if (ch === '$') {
        const match = /^\$[A-Za-z0-9_]*((\.[A-Za-z_][A-Za-z0-9_]*)*)/.exec(source.slice(j))!;
        const [name, ...fields] = match[0].split('.');
        tokens.push({ kind: 'variable', value: name!, fields, line });
        j += match[0].length;
      } else if (/[-+0-9]/.test(ch)) {
        const match = /^[-+]?(0x[0-9a-fA-F]+|\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(source.slice(j));
        if (!match) throw new TemplateError(`bad number syntax near ${JSON.stringify(source.slice(j, j + 10))}`, line);
        tokens.push({ kind: 'number', value: Number(match[0]), line });
        j += match[0].length;
      } else if (/[A-Za-z_]/.test(ch)) {
        const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(j))!;
        const word = match[0];
        if (word === 'true' || word === 'false') tokens.push({ kind: 'bool', value: word === 'true', line });
        else if (word === 'nil') tokens.push({ kind: 'nil', line });
        else tokens.push({ kind: 'ident', value: word, line });
        j += word.length;
      } else {
        throw new TemplateError(`unexpected ${JSON.stringify(ch)} in action`, line);
      }
    }
  }
  return tokens;
}

function skipSpace(source: string, from: number, seen: (s: string) => void): number {
  let k = from;
  while (k < source.length && SPACE.test(source[k]!)) k++;
  seen(source.slice(from, k));
  return k;
}

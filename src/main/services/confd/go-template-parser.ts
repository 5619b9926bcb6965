import { lex, TemplateError, type Token } from './go-template-lexer';

export type Arg =
  | { kind: 'field'; path: string[] }
  | { kind: 'variable'; name: string; path: string[] }
  | { kind: 'dot' }
  | { kind: 'ident'; name: string }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'pipeline'; pipeline: Pipeline; path: string[] };

export interface Command {
  args: Arg[];
  line: number;
}

export interface Pipeline {
  decl: string[];
  assign: boolean;
  commands: Command[];
  line: number;
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipeline: Pipeline }
  | { kind: 'if' | 'with' | 'range'; pipeline: Pipeline; list: Node[]; elseList: Node[] };

/** Parses a Go text/template into a tree (if, else if, range, with, end, pipelines, variables). */
export function parseTemplate(source: string): Node[] {
  const tokens = lex(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++]!;
  const lineOf = () => peek()?.line ?? tokens[tokens.length - 1]?.line ?? 1;

  function expect<K extends Token['kind']>(kind: K): Extract<Token, { kind: K }> {
    const token = next();
    if (!token || token.kind !== kind) throw new TemplateError(`expected ${kind}, found ${token?.kind ?? 'end of template'}`, token?.line ?? lineOf());
    return token as Extract<Token, { kind: K }>;
  }

  /** Parses nodes until {{end}} or {{else}}; returns which stopped it. */
  function parseList(inBlock: boolean): { nodes: Node[]; stop: 'end' | 'else' | 'eof'; elseIf?: 'if' | 'with' } {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const token = next();
      if (token.kind === 'text') {
        nodes.push({ kind: 'text', text: token.value });
        continue;
      }
      if (token.kind !== 'open') throw new TemplateError(`unexpected ${token.kind}`, token.line);
      const head = peek();
      if (head?.kind === 'ident' && head.value === 'end') {
        next();
        expect('close');
        if (!inBlock) throw new TemplateError('unexpected {{end}}', head.line);
        return { nodes, stop: 'end' };
      }
      if (head?.kind === 'ident' && head.value === 'else') {
        next();
        if (!inBlock) throw new TemplateError('unexpected {{else}}', head.line);
        const after = peek();
        if (after?.kind === 'ident' && (after.value === 'if' || after.value === 'with')) {
          next();
          return { nodes, stop: 'else', elseIf: after.value };
        }
        expect('close');
        return { nodes, stop: 'else' };
      }
      if (head?.kind === 'ident' && (head.value === 'if' || head.value === 'range' || head.value === 'with')) {
        next();
        nodes.push(parseBlock(head.value, head.line));
        continue;
      }
      if (head?.kind === 'ident' && ['define', 'template', 'block'].includes(head.value)) {
        throw new TemplateError(`{{${head.value}}} is not supported in the preview`, head.line);
      }
      const pipeline = parsePipeline(true);
      expect('close');
      nodes.push({ kind: 'action', pipeline });
    }
    if (inBlock) throw new TemplateError('unexpected end of template: missing {{end}}', lineOf());
    return { nodes, stop: 'eof' };
  }

  function parseBlock(kind: 'if' | 'range' | 'with', line: number): Node {
    const pipeline = parsePipeline(true);
    expect('close');
    const body = parseList(true);
    let elseList: Node[] = [];
    if (body.stop === 'else') {
      if (body.elseIf) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing one {{end}}.
        elseList = [parseBlock(body.elseIf, line)];
      } else {
        const rest = parseList(true);
        if (rest.stop !== 'end') throw new TemplateError(`expected {{end}} after {{else}} of {{${kind}}}`, line);
        elseList = rest.nodes;
      }
    }
    return { kind, pipeline, list: body.nodes, elseList };
  }

  function parsePipeline(allowDecl: boolean): Pipeline {
    const line = lineOf();
    const decl: string[] = [];
    let assign = false;
    if (allowDecl && peek()?.kind === 'variable') {
      const save = pos;
      const names: string[] = [];
      while (peek()?.kind === 'variable') {
        const v = next() as Extract<Token, { kind: 'variable' }>;
        names.push(v.value);
        if (peek()?.kind === 'comma') next();
        else break;
      }
      const op = peek();
      if (op?.kind === 'declare' || op?.kind === 'assign') {
        next();
        decl.push(...names);
        assign = op.kind === 'assign';
      } else pos = save;
    }
    const commands: Command[] = [];
    for (;;) {
      commands.push(parseCommand());
      if (peek()?.kind === 'pipe') next();
      else break;
    }
    return { decl, assign, commands, line };
  }

  function parseCommand(): Command {
    const line = lineOf();
    const args: Arg[] = [];
    for (;;) {
      const token = peek();
      if (!token || token.kind === 'close' || token.kind === 'pipe' || token.kind === 'rparen') break;
      next();
      switch (token.kind) {
        case 'field':
          args.push({ kind: 'field', path: token.value });
          break;
        case 'variable':
          args.push({ kind: 'variable', name: token.value, path: token.fields });
          break;
        case 'dot':
          args.push({ kind: 'dot' });
          break;
        case 'ident':
          args.push({ kind: 'ident', name: token.value });
          break;
        case 'string':
        case 'number':
        case 'bool':
          args.push({ kind: 'literal', value: token.value });
          break;
        case 'nil':
          args.push({ kind: 'literal', value: null });
          break;
        case 'lparen': {
          const pipeline = parsePipeline(false);
          expect('rparen');
          const after = peek();
          const path = after?.kind === 'field' ? (next(), after.value) : [];
          args.push({ kind: 'pipeline', pipeline, path });
          break;
        }
        default:
          throw new TemplateError(`unexpected ${token.kind} in command`, token.line);
      }
    }
    if (args.length === 0) throw new TemplateError('missing value for command', line);
    return { args, line };
  }

  return parseList(false).nodes;
}

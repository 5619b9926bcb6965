import { TemplateError } from './go-template-lexer';
import { parseTemplate, type Arg, type Command, type Node, type Pipeline } from './go-template-parser';

export type TemplateFunction = (...args: unknown[]) => unknown;

/** A Go struct value for printing: fields in declaration order ({Key Value} prints as {k v}). */
export class GoStruct {
  constructor(readonly fields: Record<string, unknown>) {}
}

/** Formats a value as Go's fmt.Sprint does, for the types templates meet. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(goSprintInner).join(' ')}]`;
  if (value instanceof GoStruct) return `{${Object.values(value.fields).map(goSprintInner).join(' ')}}`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goSprintInner(v)}`).join(' ')}]`;
  }
  return String(value);
}

function goSprintInner(value: unknown): string {
  return value === null || value === undefined ? '<nil>' : goSprint(value);
}

/** Go's notion of an empty (false) value. */
export function isTrue(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof GoStruct) return true;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function printf(format: string, ...args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*\d*(?:\.\d+)?)([svdqtfx%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const arg = args[i++];
    if (arg === undefined) return `%!${verb}(MISSING)`;
    switch (verb) {
      case 'q':
        return JSON.stringify(goSprint(arg));
      case 'd':
        return typeof arg === 'number' ? String(Math.trunc(arg)) : `%!d(${typeof arg}=${goSprint(arg)})`;
      case 'f':
        return typeof arg === 'number' ? arg.toFixed(6) : `%!f(${typeof arg}=${goSprint(arg)})`;
      case 'x':
        return typeof arg === 'number' ? arg.toString(16) : Buffer.from(goSprint(arg)).toString('hex');
      default:
        return goSprint(arg);
    }
  });
}

function sprint(...args: unknown[]): string {
  // fmt.Sprint adds a space between operands when neither is a string.
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += goSprint(arg);
  });
  return out;
}

function compare(a: unknown, b: unknown, name: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  throw new Error(`${name}: incompatible types for comparison`);
}

const BUILTINS: Record<string, TemplateFunction> = {
  and: (...args) => args.find((a) => !isTrue(a)) ?? args[args.length - 1],
  or: (...args) => args.find((a) => isTrue(a)) ?? args[args.length - 1],
  not: (a) => !isTrue(a),
  len: (a) => {
    if (typeof a === 'string' || Array.isArray(a)) return typeof a === 'string' ? Buffer.byteLength(a) : a.length;
    if (a && typeof a === 'object') return Object.keys(a).length;
    throw new Error(`len of ${typeof a}`);
  },
  index: (a, ...keys) => keys.reduce<unknown>((v, k) => {
    if (Array.isArray(v)) {
      if (typeof k !== 'number' || k < 0 || k >= v.length) throw new Error(`index out of range: ${goSprint(k)}`);
      return v[k];
    }
    if (v && typeof v === 'object') return (v as Record<string, unknown>)[String(k)];
    throw new Error(`can't index item of type ${typeof v}`);
  }, a),
  print: sprint,
  println: (...args) => `${args.map(goSprint).join(' ')}\n`,
  printf: (format, ...args) => printf(String(format), ...args),
  eq: (a, ...rest) => rest.some((b) => a === b),
  ne: (a, b) => a !== b,
  lt: (a, b) => compare(a, b, 'lt') < 0,
  le: (a, b) => compare(a, b, 'le') <= 0,
  gt: (a, b) => compare(a, b, 'gt') > 0,
  ge: (a, b) => compare(a, b, 'ge') >= 0,
  html: (a) => goSprint(a).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  urlquery: (a) => encodeURIComponent(goSprint(a)),
};

interface Scope {
  vars: Map<string, unknown>;
  parent?: Scope;
}

/** Executes a parsed template against data and functions, as text/template does. */
export function executeTemplate(source: string, data: unknown, functions: Record<string, TemplateFunction>, maxOutput = 5_000_000): string {
  const nodes = parseTemplate(source);
  const funcs = { ...BUILTINS, ...functions };
  let out = '';
  const root: Scope = { vars: new Map([['$', data]]) };

  const lookup = (scope: Scope, name: string, line: number): unknown => {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.vars.has(name)) return s.vars.get(name);
    throw new TemplateError(`undefined variable: ${name}`, line);
  };
  const assign = (scope: Scope, name: string, value: unknown, line: number) => {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      if (s.vars.has(name)) {
        s.vars.set(name, value);
        return;
      }
    }
    throw new TemplateError(`undefined variable: ${name}`, line);
  };
  const field = (value: unknown, path: string[], line: number): unknown =>
    path.reduce<unknown>((v, name) => {
      if (v instanceof GoStruct) {
        if (!(name in v.fields)) throw new TemplateError(`can't evaluate field ${name}`, line);
        return v.fields[name];
      }
      if (v && typeof v === 'object' && !Array.isArray(v)) return (v as Record<string, unknown>)[name];
      if (v === null || v === undefined) throw new TemplateError(`nil pointer evaluating .${name}`, line);
      throw new TemplateError(`can't evaluate field ${name} in type ${typeof v}`, line);
    }, value);

  const evalArg = (arg: Arg, dot: unknown, scope: Scope, line: number): unknown => {
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'field':
        return field(dot, arg.path, line);
      case 'variable':
        return field(lookup(scope, arg.name, line), arg.path, line);
      case 'literal':
        return arg.value;
      case 'pipeline':
        return field(evalPipeline(arg.pipeline, dot, scope), arg.path, line);
      case 'ident': {
        const fn = funcs[arg.name];
        if (!fn) throw new TemplateError(`function "${arg.name}" not defined`, line);
        return call(arg.name, fn, [], line);
      }
    }
  };

  const call = (name: string, fn: TemplateFunction, args: unknown[], line: number): unknown => {
    try {
      return fn(...args);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      throw new TemplateError(`error calling ${name}: ${(error as Error).message}`, line);
    }
  };

  const evalCommand = (command: Command, dot: unknown, scope: Scope, piped: unknown, hasPiped: boolean): unknown => {
    const [first, ...rest] = command.args;
    if (first!.kind === 'ident') {
      const fn = funcs[first!.name];
      if (!fn) throw new TemplateError(`function "${first!.name}" not defined`, command.line);
      const args = rest.map((a) => evalArg(a, dot, scope, command.line));
      if (hasPiped) args.push(piped);
      return call(first!.name, fn, args, command.line);
    }
    if (rest.length > 0 || hasPiped) throw new TemplateError(`can't give argument to non-function ${describe(first!)}`, command.line);
    return evalArg(first!, dot, scope, command.line);
  };

  const evalPipeline = (pipeline: Pipeline, dot: unknown, scope: Scope): unknown => {
    let value: unknown;
    pipeline.commands.forEach((command, i) => {
      value = evalCommand(command, dot, scope, value, i > 0);
    });
    if (pipeline.decl.length) {
      if (pipeline.assign) assign(scope, pipeline.decl[0]!, value, pipeline.line);
      else scope.vars.set(pipeline.decl[pipeline.decl.length - 1]!, value);
    }
    return value;
  };

  const write = (text: string) => {
    out += text;
    if (out.length > maxOutput) throw new TemplateError(`output larger than ${maxOutput} characters`, 0);
  };

  const run = (list: Node[], dot: unknown, parent: Scope) => {
    const scope: Scope = { vars: new Map(), parent };
    for (const node of list) {
      switch (node.kind) {
        case 'text':
          write(node.text);
          break;
        case 'action': {
          const value = evalPipeline(node.pipeline, dot, scope);
          if (node.pipeline.decl.length === 0) write(goSprint(value));
          break;
        }
        case 'if':
        case 'with': {
          const inner: Scope = { vars: new Map(), parent: scope };
          const value = evalPipeline(node.pipeline, dot, inner);
          if (isTrue(value)) run(node.list, node.kind === 'with' ? value : dot, inner);
          else run(node.elseList, dot, inner);
          break;
        }
        case 'range': {
          const inner: Scope = { vars: new Map(), parent: scope };
          const decl = node.pipeline.decl;
          const value = evalPipeline({ ...node.pipeline, decl: [] }, dot, inner);
          const items: Array<[unknown, unknown]> = Array.isArray(value)
            ? value.map((v, i) => [i, v])
            : value && typeof value === 'object' && !(value instanceof GoStruct)
              ? Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]])
              : typeof value === 'number'
                ? Array.from({ length: Math.max(0, value) }, (_, i) => [i, i])
                : value === null || value === undefined
                  ? []
                  : (() => {
                      throw new TemplateError(`range can't iterate over ${goSprint(value)}`, node.pipeline.line);
                    })();
          if (items.length === 0) {
            run(node.elseList, dot, inner);
            break;
          }
          for (const [key, item] of items) {
            if (decl.length === 1) inner.vars.set(decl[0]!, item);
            if (decl.length === 2) {
              inner.vars.set(decl[0]!, key);
              inner.vars.set(decl[1]!, item);
            }
            run(node.list, item, inner);
          }
          break;
        }
      }
    }
  };

  run(nodes, data, root);
  return out;
}

function describe(arg: Arg): string {
  switch (arg.kind) {
    case 'field':
      return `.${arg.path.join('.')}`;
    case 'variable':
      return arg.name;
    case 'literal':
      return JSON.stringify(arg.value);
    default:
      return arg.kind;
  }
}

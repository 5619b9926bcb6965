import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { ProfileSchema, type Profile } from './profile-schema';

export class ProfileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** Parses profile text; mistakes are reported with the file and line they are on. */
export function parseProfile(text: string, file: string): Profile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    throw new ProfileError(`${file}${line ? `:${line}` : ''}: ${syntaxError.message.split('\n')[0]}`, file, line);
  }
  const parsed = ProfileSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // Point at the deepest node of the issue's path that exists in the document.
  let line: number | undefined;
  for (let depth = issue.path.length; depth >= 0 && line === undefined; depth--) {
    const node = doc.getIn(issue.path.slice(0, depth) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    if (node?.range) line = lineCounter.linePos(node.range[0]).line;
  }
  const where = issue.path.length ? issue.path.join('.') : 'profile';
  throw new ProfileError(`${file}${line ? `:${line}` : ''}: ${where}: ${issue.message}`, file, line);
}

export async function loadProfileFile(file: string): Promise<Profile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ProfileError(`${file}: cannot be read: ${(error as Error).message}`, file);
  }
  return parseProfile(text, file);
}

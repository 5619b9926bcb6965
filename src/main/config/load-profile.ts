import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { resolveSecretReferences } from './profile-secrets';
import { ProfileSchema, type Profile } from './profile-schema';
import type { SecretStore } from './secret-store';

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

/**
 * Parses profile text; mistakes are reported with the file and line they are on. Secrets
 * written as `{ secret: name }` are read from the store.
 */
export function parseProfile(text: string, file: string, secrets?: SecretStore): Profile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    throw new ProfileError(`${file}${line ? `:${line}` : ''}: ${syntaxError.message.split('\n')[0]}`, file, line);
  }
  const lineOf = (path: readonly (string | number)[]) => {
    const node = doc.getIn(path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  resolveSecretReferences(raw, secrets, (field, message) => {
    const line = lineOf(field);
    throw new ProfileError(`${file}${line ? `:${line}` : ''}: ${field.join('.')}: ${message}`, file, line);
  });
  const parsed = ProfileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // Point at the deepest node of the issue's path that exists in the document.
  let line: number | undefined;
  for (let depth = issue.path.length; depth >= 0 && line === undefined; depth--) line = lineOf(issue.path.slice(0, depth) as (string | number)[]);
  const where = issue.path.length ? issue.path.join('.') : 'profile';
  throw new ProfileError(`${file}${line ? `:${line}` : ''}: ${where}: ${issue.message}`, file, line);
}

export async function loadProfileFile(file: string, secrets?: SecretStore): Promise<Profile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ProfileError(`${file}: cannot be read: ${(error as Error).message}`, file);
  }
  return parseProfile(text, file, secrets);
}

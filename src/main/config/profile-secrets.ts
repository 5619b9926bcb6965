import { readFile, writeFile } from 'node:fs/promises';
import { isMap, parseDocument, type Document } from 'yaml';
import type { SecretStore } from './secret-store';

/** The profile fields that hold secrets. In the file each is a plain string or `{ secret: <name> }`. */
export const SECRET_FIELDS = [
  ['etcd', 'password'],
  ['zabbix', 'password'],
  ['zabbix', 'apiToken'],
] as const;

export type SecretField = (typeof SECRET_FIELDS)[number];
export const secretName = (field: SecretField) => field.join('.');

const referenceOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { secret?: unknown }).secret === 'string' ? (value as { secret: string }).secret : undefined;

/**
 * Replaces `{ secret: name }` in the parsed profile with the stored value. `fail` reports a
 * missing or unreadable secret at the field's place in the file.
 */
export function resolveSecretReferences(profile: Record<string, unknown>, store: SecretStore | undefined, fail: (field: SecretField, message: string) => never): void {
  for (const field of SECRET_FIELDS) {
    const section = profile[field[0]] as Record<string, unknown> | undefined;
    const name = section ? referenceOf(section[field[1]]) : undefined;
    if (!section || name === undefined) continue;
    if (!store) fail(field, `refers to secret "${name}" but there is no secret store`);
    let value: string | undefined;
    try {
      value = store.get(name);
    } catch (error) {
      fail(field, (error as Error).message);
    }
    if (value === undefined) fail(field, `secret "${name}" is not in the secret store (${store.file}); enter it again`);
    section[field[1]] = value;
  }
}

function plainFields(doc: Document): SecretField[] {
  return SECRET_FIELDS.filter((field) => {
    const section = doc.get(field[0], true);
    if (!isMap(section)) return false;
    const value = section.get(field[1]);
    return typeof value === 'string' && value.length > 0;
  });
}

/** Which secret fields of the profile file are written in plain text. */
export async function plainSecretsInProfile(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? [] : plainFields(parseDocument(text)).map(secretName);
}

/**
 * Moves every plain-text secret of the profile file into the store, leaving `{ secret: name }`
 * in its place (comments and layout kept). Returns the fields moved.
 */
export async function moveSecretsToStore(file: string, store: SecretStore): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text);
  const fields = plainFields(doc);
  for (const field of fields) {
    store.set(secretName(field), String(doc.getIn(field)));
    doc.setIn(field, doc.createNode({ secret: secretName(field) }));
  }
  if (fields.length) await writeFile(file, doc.toString(), { mode: 0o600 });
  return fields.map(secretName);
}

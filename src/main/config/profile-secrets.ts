import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import type { SecretStore } from './secret-store';

/**
 * The profile fields that hold secrets. In the file each is a plain string (typed by hand:
 * still accepted) or a reference `{ secret: <name> }` to the secret store. TLS and ssh keys
 * are not among them: the profile only names their files, which the console reads in place.
 */
export const SECRET_FIELDS = [
  ['etcd', 'password'],
  ['zabbix', 'password'],
  ['zabbix', 'apiToken'],
] as const;

export type SecretField = (typeof SECRET_FIELDS)[number];
/** The field as the user sees it: `zabbix.password`. */
export const fieldName = (field: SecretField) => field.join('.');

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** `zabbix "lab-zabbix"`: which connection a field belongs to, for messages. */
function connectionOf(field: SecretField, section: Record<string, unknown>): string {
  return typeof section.name === 'string' ? `${field[0]} "${section.name}"` : field[0];
}

/**
 * Replaces `{ secret: name }` in the parsed profile with the stored value. `fail` reports a
 * missing, unreadable or malformed reference at the field's place in the file.
 */
export function resolveSecretReferences(profile: Record<string, unknown>, store: SecretStore | undefined, fail: (field: SecretField, message: string) => never): void {
  for (const field of SECRET_FIELDS) {
    const section = profile[field[0]];
    if (!isObject(section) || !isObject(section[field[1]])) continue;
    const reference = section[field[1]] as Record<string, unknown>;
    const name = reference.secret;
    const connection = connectionOf(field, section);
    if (typeof name !== 'string' || Object.keys(reference).length !== 1) {
      fail(field, `must be the ${field[1]} itself or a reference to the secret store, written { secret: <name> }`);
    }
    if (!store) fail(field, `${connection} refers to secret "${name}" but there is no secret store`);
    let value: string | undefined;
    try {
      value = store.get(name);
    } catch (error) {
      fail(field, `${connection}: ${(error as Error).message}`);
    }
    if (value === undefined) fail(field, `${connection}: secret "${name}" is not in the secret store (${store.file}); enter it again, or write it here and move it with the Connections screen`);
    section[field[1]] = value;
  }
}

/**
 * The name a field's secret is stored under: `zabbix/lab-zabbix/password`. Another value
 * already stored under that name (another profile sharing the store) is never overwritten:
 * the name gets a suffix instead.
 */
function nameFor(field: SecretField, section: Record<string, unknown>, value: string, store: SecretStore): string {
  const connection = typeof section.name === 'string' && /^[\w.@:-]{1,100}$/.test(section.name) ? section.name : field[0];
  const base = `${field[0]}/${connection}/${field[1]}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const stored = store.get(name);
    if (stored === undefined || stored === value) return name;
  }
}

/**
 * Moves the plain-text secrets of a profile object (about to be written by the console) into
 * the store, leaving references. Returns the fields moved.
 */
export function storeSecretsOf(profile: Record<string, unknown>, store: SecretStore): string[] {
  const moved: string[] = [];
  for (const field of SECRET_FIELDS) {
    const section = profile[field[0]];
    if (!isObject(section)) continue;
    const value = section[field[1]];
    if (typeof value !== 'string' || !value) {
      if (value === '' || value === undefined) delete section[field[1]];
      continue;
    }
    const name = nameFor(field, section, value, store);
    store.set(name, value);
    section[field[1]] = { secret: name };
    moved.push(fieldName(field));
  }
  return moved;
}

function plainFields(doc: Document): SecretField[] {
  return SECRET_FIELDS.filter((field) => {
    const section = doc.get(field[0], true);
    if (!isMap(section)) return false;
    const value = section.get(field[1]);
    return typeof value === 'string' && value.length > 0;
  });
}

/** Where each secret field of the profile file is: a reference to the store, or plain text in the file. */
export async function secretSources(file: string): Promise<Partial<Record<string, 'store' | 'profile'>>> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const doc = parseDocument(text);
  const sources: Partial<Record<string, 'store' | 'profile'>> = {};
  for (const field of SECRET_FIELDS) {
    const value = doc.getIn(field, true);
    if (isMap(value) && value.has('secret')) sources[fieldName(field)] = 'store';
    else if (isScalar(value) && typeof value.value === 'string' && value.value) sources[fieldName(field)] = 'profile';
  }
  return sources;
}

/** Which secret fields of the profile file are written in plain text. */
export async function plainSecretsInProfile(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? [] : plainFields(parseDocument(text)).map(fieldName);
}

/** Replaces a file atomically, keeping its mode (0600 for a new one). */
export async function replaceFile(file: string, text: string): Promise<void> {
  const mode = await stat(file).then((s) => s.mode & 0o777, () => 0o600);
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode, flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Moves every plain-text secret of the profile file into the store, leaving `{ secret: name }`
 * in its place (comments and layout kept). The store is written first, so a failure leaves the
 * secret in the profile rather than nowhere. Returns the fields moved.
 */
export async function moveSecretsToStore(file: string, store: SecretStore): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text);
  const fields = plainFields(doc);
  for (const field of fields) {
    const section = (doc.get(field[0]) as { toJSON(): Record<string, unknown> }).toJSON();
    const value = String(doc.getIn(field));
    const name = nameFor(field, section, value, store);
    store.set(name, value);
    const old = doc.getIn(field, true) as { comment?: string | null } | undefined;
    const node = doc.createNode({ secret: name }, { flow: true });
    // A comment on the same line (`password: x # typed by hand`) stays with the field.
    if (old?.comment) node.comment = old.comment;
    doc.setIn(field, node);
  }
  if (fields.length) await replaceFile(file, doc.toString());
  return fields.map(fieldName);
}

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { replaceFile, storeSecretsOf } from './profile-secrets';
import type { DockerHostConfig, Profile } from './profile-schema';
import type { SecretStore } from './secret-store';

/**
 * Adds a Docker engine to the profile file, keeping its comments and layout. Without a
 * file, it writes one holding the profile in use (which came from the environment) plus
 * the new engine, so nothing the console was using is lost; passwords and tokens of that
 * profile (from ZABBIX_PASSWORD and the like) go to the secret store, the file gets references.
 */
export async function addEngineToProfile(file: string, current: Profile, engine: DockerHostConfig, secrets: SecretStore): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const entry = Object.fromEntries(Object.entries(engine).filter(([, v]) => v !== undefined));
  if (text === undefined) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const profile = structuredClone({ ...current, docker: [...current.docker, entry] }) as Record<string, unknown>;
    storeSecretsOf(profile, secrets);
    await writeFile(file, `# Ops Console connections (see the README for the format)\n${stringify(profile)}`, { mode: 0o600 });
    return;
  }
  const doc = parseDocument(text);
  if (!doc.has('docker') || doc.get('docker') === null) doc.set('docker', doc.createNode([entry]));
  else doc.addIn(['docker'], doc.createNode(entry));
  await replaceFile(file, doc.toString());
}

/** Writes the profile file's `logRules`, keeping its comments and layout (a new file holds only them). */
export async function saveLogRulesToProfile(file: string, rules: unknown[]): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const doc = parseDocument(text ?? '');
  if (rules.length === 0) doc.delete('logRules');
  else doc.set('logRules', doc.createNode(rules));
  if (text === undefined) {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, doc.toString(), { mode: 0o600 });
  } else await replaceFile(file, doc.toString());
}

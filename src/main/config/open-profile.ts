import { dirname, join } from 'node:path';
import type { AppInfo } from '../../shared/domain';
import { profileFromEnvironment } from './environment-profile';
import { loadProfileFile, ProfileError } from './load-profile';
import { profilePath as defaultProfilePath } from './paths';
import { ProfileSchema, type Profile } from './profile-schema';
import { SecretStore, type SecretCipher } from './secret-store';

/** The profile the console runs with, where it came from, and the store its secrets are in. */
export interface OpenProfile {
  profile: Profile;
  /** The profile file (read, or where one would be). */
  path: string;
  source: AppInfo['profileSource'];
  /** A mistake in the profile file: the console then runs with no connections from it. */
  error?: string;
  secrets: SecretStore;
}

/** Reads the profile file (else the environment, as the docker and etcdctl CLIs read it). */
export async function openProfile(
  env: NodeJS.ProcessEnv,
  options: { profilePath?: string; secretCipher?: SecretCipher; log?: (message: string) => void },
): Promise<OpenProfile> {
  const path = options.profilePath ?? defaultProfilePath(env);
  const secrets = new SecretStore(env.OPS_CONSOLE_SECRETS ?? join(dirname(path), 'secrets.json'), options.secretCipher);
  let opened: Omit<OpenProfile, 'path' | 'secrets'>;
  try {
    const fromFile = await loadProfileFile(path, secrets);
    opened = fromFile ? { profile: fromFile, source: 'file' } : { profile: profileFromEnvironment(env), source: 'environment' };
  } catch (error) {
    const message = error instanceof ProfileError ? error.message : `${path}: ${(error as Error).message}`;
    opened = { profile: ProfileSchema.parse({}), source: 'file', error: message };
  }
  if (opened.error) options.log?.(`profile error: ${opened.error}`);
  try {
    secrets.names(); // checks (and repairs) the store's permissions now, not when first needed
  } catch (err) {
    options.log?.(`secret store: ${(err as Error).message}`);
  }
  if (secrets.repaired) options.log?.(`${secrets.file} was readable by others: its permissions were set to 0600`);
  return { ...opened, path, secrets };
}

import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** POSIX modes mean nothing on Windows (every file stats as 0666); there the user's profile ACLs protect it. */
const POSIX = process.platform !== 'win32';

/**
 * Encrypts secrets with the OS keychain. The desktop app passes one built on Electron's
 * safeStorage (only hosts/electron.ts may import electron); browser mode has none.
 */
export interface SecretCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export type SecretProtection = 'os-keychain' | 'file-0600';

interface SecretFile {
  version: 1;
  protection: SecretProtection;
  secrets: Record<string, string>;
}

/** Secret names as written in the profile: `zabbix/lab-zabbix/password`. */
export const SECRET_NAME = /^[A-Za-z0-9][\w./@:-]{0,199}$/;

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new SecretStoreError(`"${name}" is not a valid secret name (letters, digits and . _ - / @ :)`);
}

export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

/**
 * Passwords and tokens of the profile, kept out of the profile file: in a file only the user
 * can read (0600, in a 0700 directory), encrypted with the OS keychain when a cipher is given.
 * A file found with wider permissions is tightened to 0600 when read, and `repaired` says so
 * (it was readable, so the user should consider its secrets seen); a file owned by another
 * user is refused, and so is a directory others may write to (they could swap the file).
 */
export class SecretStore {
  /** Set when the file had wider permissions than 0600 and was tightened. */
  repaired = false;

  constructor(
    readonly file: string,
    private readonly cipher?: SecretCipher,
  ) {}

  get protection(): SecretProtection {
    return this.cipher ? 'os-keychain' : 'file-0600';
  }

  private read(): SecretFile {
    let text: string;
    try {
      const stat = statSync(this.file);
      if (POSIX && process.getuid && stat.uid !== process.getuid()) {
        throw new SecretStoreError(`${this.file} belongs to another user (uid ${stat.uid}); refusing to use it`);
      }
      if (POSIX && stat.mode & 0o077) {
        chmodSync(this.file, 0o600);
        this.repaired = true;
      }
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, protection: this.protection, secrets: {} };
      if (error instanceof SecretStoreError) throw error;
      throw new SecretStoreError(`${this.file}: cannot be read: ${(error as Error).message}`);
    }
    try {
      const parsed = JSON.parse(text) as SecretFile;
      if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || !parsed.secrets) throw new Error('not a secrets file');
      return parsed;
    } catch (error) {
      throw new SecretStoreError(`${this.file}: ${(error as Error).message}`);
    }
  }

  private write(data: SecretFile): void {
    const dir = dirname(this.file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (POSIX) {
      const stat = statSync(dir);
      // Group- or world-writable without the sticky bit: someone else could replace the file.
      if (stat.mode & 0o022 && !(stat.mode & 0o1000)) {
        throw new SecretStoreError(`${dir} can be written by other users (mode ${(stat.mode & 0o777).toString(8)}); make it 0700 or choose another place (OPS_CONSOLE_SECRETS)`);
      }
    }
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // A new file ('wx': never one that already exists), 0600 from its creation: readable by
      // nobody else at any moment. Then renamed over the old one, so a crash leaves either.
      writeFileSync(temp, JSON.stringify(data, null, 2), { mode: 0o600, flag: 'wx' });
      if (POSIX) chmodSync(temp, 0o600);
      renameSync(temp, this.file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw new SecretStoreError(`${this.file}: cannot be written: ${(error as Error).message}`);
    }
  }

  get(name: string): string | undefined {
    checkName(name);
    const data = this.read();
    if (!Object.hasOwn(data.secrets, name)) return undefined;
    const value = data.secrets[name]!;
    if (data.protection === 'file-0600') return value;
    if (!this.cipher) throw new SecretStoreError(`secret "${name}" is encrypted with the desktop app's OS keychain; open the desktop app, or write it into the profile again (the Connections screen then moves it into this store)`);
    try {
      return this.cipher.decrypt(value);
    } catch (error) {
      throw new SecretStoreError(`secret "${name}" cannot be decrypted with this OS keychain: ${(error as Error).message}`);
    }
  }

  set(name: string, value: string): void {
    checkName(name);
    const data = this.read();
    if (data.protection !== this.protection && Object.keys(data.secrets).length > 0) {
      // Re-seal what is there so the file has one protection throughout.
      const plain = Object.fromEntries(Object.keys(data.secrets).map((key) => [key, this.get(key)!]));
      data.secrets = Object.fromEntries(Object.entries(plain).map(([key, v]) => [key, this.seal(v)]));
    }
    data.protection = this.protection;
    data.secrets[name] = this.seal(value);
    this.write(data);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.read().secrets, name);
  }

  names(): string[] {
    return Object.keys(this.read().secrets).sort();
  }

  private seal(value: string): string {
    return this.cipher ? this.cipher.encrypt(value) : value;
  }
}

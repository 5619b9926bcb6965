import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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

export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

/**
 * Passwords and tokens of the profile, kept out of the profile file: in a file only the user
 * can read (0600, in a 0700 directory), encrypted with the OS keychain when a cipher is given.
 * A file found with wider permissions is tightened to 0600 when read, and `repaired` says so.
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
      const mode = statSync(this.file).mode & 0o777;
      if (mode & 0o077) {
        chmodSync(this.file, 0o600);
        this.repaired = true;
      }
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, protection: this.protection, secrets: {} };
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
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    // Created 0600 from the start (never readable by others, not even for a moment), then renamed over.
    writeFileSync(temp, JSON.stringify(data, null, 2), { mode: 0o600, flag: 'w' });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  get(name: string): string | undefined {
    const data = this.read();
    const value = data.secrets[name];
    if (value === undefined) return undefined;
    if (data.protection === 'file-0600') return value;
    if (!this.cipher) throw new SecretStoreError(`secret "${name}" is encrypted with the desktop app's OS keychain; open the desktop app, or enter it again here`);
    try {
      return this.cipher.decrypt(value);
    } catch (error) {
      throw new SecretStoreError(`secret "${name}" cannot be decrypted with this OS keychain: ${(error as Error).message}`);
    }
  }

  set(name: string, value: string): void {
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

  names(): string[] {
    return Object.keys(this.read().secrets).sort();
  }

  private seal(value: string): string {
    return this.cipher ? this.cipher.encrypt(value) : value;
  }
}

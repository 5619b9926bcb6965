import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { AuditEntry } from '../../../shared/domain';

/** The audit trail: one JSON line per action, appended to a file in the user's data directory. */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(entry: AuditEntry) => void>();

  constructor(readonly file: string) {}

  static currentUser(): string {
    try {
      return userInfo().username;
    } catch {
      return process.env.USER ?? process.env.USERNAME ?? 'unknown';
    }
  }

  /** Appends an entry; writes are serialised so lines never interleave. */
  record(entry: Omit<AuditEntry, 'time' | 'user'>): Promise<AuditEntry> {
    const full: AuditEntry = { time: new Date().toISOString(), user: AuditLog.currentUser(), ...entry };
    const line = `${JSON.stringify(full)}\n`;
    this.queue = this.queue.then(async () => {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await appendFile(this.file, line, { mode: 0o600 });
    });
    return this.queue.then(() => {
      for (const listener of this.listeners) listener(full);
      return full;
    });
  }

  /** Each entry as it is written. */
  onRecord(listener: (entry: AuditEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest entries first; a damaged line is skipped, not fatal. */
  async list(limit: number): Promise<AuditEntry[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: AuditEntry[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
      const line = lines[i]?.trim();
      if (!line) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // skip a torn line
      }
    }
    return entries;
  }
}

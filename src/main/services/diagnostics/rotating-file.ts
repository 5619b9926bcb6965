import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotationOptions {
  /** Rotate when the current file would grow past this many bytes. */
  maxBytes: number;
  /** Files kept in all: the current one and maxFiles - 1 older ones (`name.1` the newest of them). */
  maxFiles: number;
}

/**
 * An append-only text file that rotates by size: `name` -> `name.1` -> `name.2` …, the oldest
 * dropped. Writes are synchronous and small (one line), so a crash loses nothing written.
 */
export class RotatingFile {
  private size = -1;

  constructor(
    readonly path: string,
    private readonly options: RotationOptions = { maxBytes: 5 * 1024 * 1024, maxFiles: 3 },
  ) {}

  append(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (this.size < 0) this.size = this.currentSize();
    if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
    appendFileSync(this.path, text, { mode: 0o600 });
    this.size += bytes;
  }

  /** The files, newest first (those that exist). */
  files(): string[] {
    const all = [this.path];
    for (let i = 1; i < this.options.maxFiles; i++) all.push(`${this.path}.${i}`);
    return all.filter((f) => existsSync(f));
  }

  /** The last `count` lines across the current and rotated files, oldest first. */
  tail(count: number): string[] {
    const lines: string[] = [];
    for (const file of this.files()) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const fileLines = text.split('\n').filter(Boolean);
      lines.unshift(...fileLines.slice(-(count - lines.length)));
      if (lines.length >= count) break;
    }
    return lines.slice(-count);
  }

  private currentSize(): number {
    mkdirSync(dirname(this.path), { recursive: true });
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  private rotate(): void {
    const { maxFiles } = this.options;
    rmSync(`${this.path}.${maxFiles - 1}`, { force: true });
    for (let i = maxFiles - 2; i >= 1; i--) {
      if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    }
    if (maxFiles > 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SESSION_LIMITS, SessionSchema, type Session } from '../../../shared/domain';
import { boundSession } from './session-bounds';

const EMPTY: Session = { values: {}, terminals: [] };

export interface SessionStoreOptions {
  /** A line in the console's log (a damaged file, a failed write). */
  log: (message: string, error?: unknown) => void;
  /** How long after a save the file is written (saves in between are folded into one write). */
  delayMs?: number;
}

/**
 * What the console had open (session.json in the data directory). Read once, checked with
 * the contract's schema: a missing file is an empty session, a damaged or odd one too, with a
 * line in the log, never a crash. Saves are kept in memory and written a little later,
 * atomically (a temporary file renamed over the old one), and at once at exit.
 */
export class SessionStore {
  private current: Session = EMPTY;
  private loaded?: Promise<Session>;
  private timer?: NodeJS.Timeout;
  private dirty = false;
  private saved = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly options: SessionStoreOptions,
  ) {}

  get(): Promise<Session> {
    // A save that came while the file was being read wins over what the file held.
    this.loaded ??= this.read().then((session) => (this.saved ? this.current : (this.current = session)));
    return this.loaded;
  }

  /** Replaces the kept session (within bounds); written to the file shortly. */
  save(session: Session): Session {
    this.saved = true;
    this.loaded ??= Promise.resolve(this.current);
    this.current = boundSession({ ...session, savedAt: Date.now() });
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.options.delayMs ?? 300);
    this.timer.unref?.();
    return this.current;
  }

  /** Writes a pending save now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.dirty) return this.writing;
    this.dirty = false;
    const text = JSON.stringify(this.current, null, 1);
    this.writing = this.writing.then(() => this.write(text)).catch((error: unknown) => this.options.log(`cannot write ${this.file}`, error));
    return this.writing;
  }

  /** At exit: a pending save written before the process goes (synchronously). */
  flushSync(): void {
    clearTimeout(this.timer);
    if (!this.dirty) return;
    this.dirty = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.current, null, 1), { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (error) {
      this.options.log(`cannot write ${this.file}`, error);
    }
  }

  private async write(text: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, this.file);
  }

  private async read(): Promise<Session> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.log(`cannot read ${this.file}; starting with an empty session`, error);
      return EMPTY;
    }
    if (text.length > SESSION_LIMITS.maxChars * 4) {
      this.options.log(`${this.file} is too large (${text.length} characters); starting with an empty session`);
      return EMPTY;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      this.options.log(`${this.file} is not JSON; starting with an empty session`, error);
      return EMPTY;
    }
    const parsed = SessionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.options.log(`${this.file} is not a session (${issue ? `${issue.path.join('.') || 'top'}: ${issue.message}` : 'invalid'}); starting with an empty session`);
      return EMPTY;
    }
    return boundSession(parsed.data);
  }
}

import { maskLogText, maskLogValue } from './log-masking';
import { RotatingFile, type RotationOptions } from './rotating-file';

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

/**
 * The console's own log (`console.log` in the data directory): one line per event, with an
 * ISO timestamp and level, secrets masked before anything is written. Never throws: a log
 * that cannot be written must not take the console down.
 */
export class ConsoleLog {
  private readonly file: RotatingFile;
  private readonly secrets = new Set<string>();
  /** Why the last write failed (reported once in diagnostics), if it did. */
  writeError?: string;

  constructor(path: string, rotation?: RotationOptions) {
    this.file = new RotatingFile(path, rotation);
  }

  get path(): string {
    return this.file.path;
  }

  /** Values that are secret wherever they appear (profile passwords and tokens). */
  addSecrets(values: Iterable<string | undefined>): void {
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
  }

  info(message: string, fields?: Record<string, unknown>): void {
    this.write('INFO', message, fields);
  }

  warn(message: string, fields?: Record<string, unknown>): void {
    this.write('WARN', message, fields);
  }

  /** An error with its whole cause chain (RpcError code and details, system codes, `cause`). */
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void {
    this.write('ERROR', error === undefined ? message : `${message}: ${describeError(error)}`, fields);
  }

  /** The last lines (oldest first), masked again with everything known as secret now. */
  tail(count = 200): string[] {
    try {
      return this.file.tail(count).map((line) => this.mask(line));
    } catch {
      return [];
    }
  }

  mask(text: string): string {
    return maskLogText(text, [...this.secrets]);
  }

  private write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const defined = fields && Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const extra = defined && Object.keys(defined).length ? ` ${JSON.stringify(maskLogValue(defined, [...this.secrets]))}` : '';
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${this.mask(message).replace(/\r?\n/g, ' ⏎ ')}${extra}\n`;
    try {
      this.file.append(line);
      this.writeError = undefined;
    } catch (err) {
      this.writeError = (err as Error).message;
    }
  }
}

/** `message [CODE] {details} <- cause: …`, following `cause` a few levels down. */
export function describeError(error: unknown, depth = 0): string {
  if (error === null || typeof error !== 'object') return String(error);
  const err = error as { name?: unknown; message?: unknown; code?: unknown; details?: unknown; cause?: unknown; errors?: unknown };
  const parts: string[] = [typeof err.message === 'string' && err.message ? err.message : String(error)];
  if (typeof err.code === 'string' || typeof err.code === 'number') parts.push(`[${err.code}]`);
  if (err.details !== undefined) {
    try {
      parts.push(JSON.stringify(maskLogValue(err.details)));
    } catch {
      // details that cannot be serialised are left out
    }
  }
  if (Array.isArray(err.errors) && err.errors.length && depth < 4) parts.push(`(${err.errors.slice(0, 3).map((e) => describeError(e, depth + 1)).join('; ')})`);
  if (err.cause !== undefined && depth < 4) parts.push(`<- cause: ${describeError(err.cause, depth + 1)}`);
  return parts.join(' ');
}

/**
 * Opens the console's log in the data directory and says what started; `log` reports a
 * main-side message there as well as to the host's own log.
 */
export function startConsoleLog(
  path: string,
  start: { version: string; host: string },
  hostLog?: (message: string, error?: unknown) => void,
): { consoleLog: ConsoleLog; log: (message: string, error?: unknown) => void } {
  const consoleLog = new ConsoleLog(path);
  const electron = process.versions.electron ? `, Electron ${process.versions.electron}` : '';
  consoleLog.info(`Ops Console ${start.version} starting (${start.host}, ${process.platform}/${process.arch}, Node ${process.versions.node}${electron})`);
  const log = (message: string, error?: unknown) => {
    if (error === undefined) consoleLog.warn(message);
    else consoleLog.error(message, error);
    hostLog?.(message, error);
  };
  return { consoleLog, log };
}

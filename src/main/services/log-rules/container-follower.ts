import type { DockerEngine } from '../../connectors/docker/docker-engine';
import { backoffDelay, sleep } from '../../core/backoff';
import { LogFrameParser, normaliseTimestamp, timestampMs, toDockerTime } from '../logs/log-frames';

/** Characters of a line that rules are matched against (bounds the cost of a long line or a slow pattern). */
export const MATCH_CHARS = 4096;

/**
 * Follows one container's log from now on (Docker's follow with since=now) and hands every
 * line's text and time to `onLine`. A stream that ends or breaks while the container is still
 * wanted is opened again after a growing pause, from the last line seen (lines at or before
 * it are skipped, so none is counted twice). `stop()` ends it for good.
 */
export class ContainerFollower {
  private readonly abort = new AbortController();

  constructor(
    private readonly engine: DockerEngine,
    readonly id: string,
    private readonly onLine: (text: string, at: number) => void,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    void this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let lastTs = normaliseTimestamp(new Date().toISOString())!;
    let attempt = 0;
    let tty: boolean | undefined;
    while (!signal.aborted) {
      try {
        tty ??= (await this.engine.inspect(this.id)).Config.Tty;
        const stream = await this.engine.logStream(this.id, { follow: true, since: toDockerTime(lastTs), signal });
        const parser = new LogFrameParser(tty, (_stream, line) => {
          const space = line.indexOf(' ');
          if (space < 0) return;
          const ts = normaliseTimestamp(line.slice(0, space));
          if (!ts || ts <= lastTs) return;
          lastTs = ts;
          const text = line.slice(space + 1, space + 1 + MATCH_CHARS);
          this.onLine(text, timestampMs(ts));
        });
        const onAbort = () => stream.destroy();
        signal.addEventListener('abort', onAbort);
        try {
          for await (const chunk of stream) {
            attempt = 0;
            parser.push(chunk as Buffer);
          }
          parser.end();
        } finally {
          signal.removeEventListener('abort', onAbort);
          stream.destroy();
        }
      } catch (error) {
        if (signal.aborted) return;
        this.onError(error);
      }
      // Ended (the container stopped, or the engine went away): try again while still wanted.
      await sleep(backoffDelay(attempt++, { firstMs: 1000, maxMs: 15_000 }), signal).catch(() => undefined);
    }
  }
}

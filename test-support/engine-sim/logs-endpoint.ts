import type { IncomingMessage, ServerResponse } from 'node:http';
import { frame } from './docker-frames';
import { beginStream, sendError } from './docker-http';
import { parseDockerTime } from './docker-time';
import { logPayload, type LogEntry } from './log-book';
import { isRunning } from './sim-container';
import type { SimEngine } from './sim-engine';

const flag = (value: string | null) => value === '1' || value === 'true' || value === 'True';

/** Writes are gathered up to this size (dockerd's writes to the socket are similarly large). */
const CHUNK_BYTES = 64 * 1024;

/**
 * GET /containers/{id}/logs: multiplexed frames (raw text for a TTY container), the selected
 * history first, then with follow every new line until the container stops, `until` passes
 * or the client goes.
 */
export function serveLogs(engine: SimEngine, ref: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  const c = engine.find(ref);
  if (!c) return sendError(res, 404, `No such container: ${ref}`);
  const stdout = flag(query.get('stdout'));
  const stderr = flag(query.get('stderr'));
  if (!stdout && !stderr) return sendError(res, 400, 'Bad parameters: you must choose at least one stream');
  let since: bigint | undefined;
  let until: bigint | undefined;
  try {
    since = query.get('since') && query.get('since') !== '0' ? parseDockerTime(query.get('since')!) : undefined;
    until = query.get('until') && query.get('until') !== '0' ? parseDockerTime(query.get('until')!) : undefined;
  } catch (error) {
    return sendError(res, 500, (error as Error).message);
  }
  const tailText = query.get('tail');
  const tail = tailText === null || tailText === 'all' ? undefined : Number.parseInt(tailText, 10);
  const timestamps = flag(query.get('timestamps'));
  const follow = flag(query.get('follow'));
  const book = engine.logs.get(c.id)!;

  beginStream(res, undefined);
  const encode = (entry: LogEntry) => (c.tty ? logPayload(entry, timestamps) : frame(entry.stream, logPayload(entry, timestamps)));
  const history = book.select({ tail: Number.isNaN(tail) ? undefined : tail, since, until, stdout, stderr });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return true;
    const ok = res.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
    return ok;
  };
  const push = (entry: LogEntry) => {
    const bytes = encode(entry);
    pending.push(bytes);
    pendingBytes += bytes.length;
    return pendingBytes >= CHUNK_BYTES ? flush() : true;
  };

  // Lines written while the history goes out wait in `live` (none lost, none twice).
  let live: LogEntry[] | undefined = [];
  let ended = false;
  const following = follow && isRunning(c);
  const stop = following
    ? book.follow((entry) => {
        if (entry === 'end' || (until !== undefined && entry.nano > until)) {
          ended = true;
          if (!live) finish();
          return;
        }
        if (entry.stream === 1 ? !stdout : !stderr) return;
        if (live) live.push(entry);
        else if (push(entry)) queueMicrotask(flush);
      })
    : () => undefined;
  const finish = () => {
    stop();
    flush();
    res.end();
  };
  res.on('close', stop);
  req.on('close', stop);

  let index = 0;
  const writeHistory = (): void => {
    const queue = () => (index < history.length ? history[index++] : live?.shift());
    for (let entry = queue(); entry; entry = queue()) {
      if (!push(entry)) {
        res.once('drain', writeHistory);
        return;
      }
    }
    live = undefined;
    flush();
    if (!following || ended) finish();
  };
  writeHistory();
}

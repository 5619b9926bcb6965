import type { IncomingMessage, ServerResponse } from 'node:http';
import { beginStream, sendError } from './docker-http';
import { nowNano, parseDockerTime } from './docker-time';
import { checkEventFilters, parseFilters, type SimEvent } from './event-log';
import type { SimEngine } from './sim-engine';

/**
 * GET /events: the past events from `since` (none without it), then live ones as JSON lines
 * until `until` (at once when it has passed) or the client goes.
 */
export function serveEvents(engine: SimEngine, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): void {
  let since: bigint | undefined;
  let until: bigint | undefined;
  let filters;
  try {
    since = query.get('since') ? parseDockerTime(query.get('since')!) : undefined;
    until = query.get('until') ? parseDockerTime(query.get('until')!) : undefined;
    filters = parseFilters(query.get('filters'));
    checkEventFilters(filters);
  } catch (error) {
    sendError(res, 400, (error as Error).message);
    return;
  }
  const now = nowNano();
  beginStream(res, 'application/json');
  const write = (event: SimEvent) => res.write(event.line);
  if (since !== undefined) for (const event of engine.events.past(since, until, filters)) write(event);
  if (until !== undefined && until <= now) {
    res.end();
    return;
  }
  const stopListening = engine.events.listen(filters, (event) => {
    if (until !== undefined && event.nano > until) return;
    write(event);
  });
  const timer = until !== undefined ? setTimeout(() => res.end(), Number((until - now) / 1_000_000n) + 1) : undefined;
  const close = () => {
    stopListening();
    clearTimeout(timer);
  };
  res.on('close', close);
  req.on('close', close);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { beginStream, sendError, sendJson } from './docker-http';
import { nowNano } from './docker-time';
import type { SimEngine } from './sim-engine';
import { statsSample } from './sim-shapes';

const flag = (value: string | null, fallback: boolean) => (value === null ? fallback : value === '1' || value === 'true' || value === 'True');

/**
 * GET /containers/{id}/stats: with stream=false one sample (with the previous reading, as
 * Docker's two-sample answer; one-shot=true without it); otherwise a sample a second, as JSON
 * lines, the first without a previous reading.
 */
export function serveStats(engine: SimEngine, ref: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse, intervalMs = 1000): void {
  const c = engine.find(ref);
  if (!c) return sendError(res, 404, `No such container: ${ref}`);
  const counters = engine.counters.get(c.id)!;
  if (!flag(query.get('stream'), true)) {
    const oneShot = flag(query.get('one-shot'), false);
    if (!oneShot) statsSample(c, counters, nowNano() - 1_000_000_000n, true);
    sendJson(res, 200, statsSample(c, counters, nowNano(), oneShot));
    return;
  }
  beginStream(res, undefined);
  let first = true;
  const send = () => {
    res.write(JSON.stringify(statsSample(c, counters, nowNano(), first)) + '\n');
    first = false;
  };
  send();
  const timer = setInterval(send, intervalMs);
  const close = () => clearInterval(timer);
  res.on('close', close);
  req.on('close', close);
}

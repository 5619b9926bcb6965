import type { ServerResponse } from 'node:http';
import { sendEmpty, sendError, sendJson } from './docker-http';
import { parseFilters } from './event-log';
import { isRunning, type SimContainer } from './sim-container';
import type { SimEngine } from './sim-engine';
import { imageHistory, inspect, listEntry, top } from './sim-shapes';

const KNOWN_LIST_FILTERS = new Set(['id', 'name', 'label', 'status', 'ancestor']);

function goMatch(pattern: string, value: string): boolean {
  try {
    return value === pattern || new RegExp(pattern).test(value);
  } catch {
    return value.includes(pattern);
  }
}

/** GET /containers/json: all (else running only) and the filters the console uses. */
export function serveList(engine: SimEngine, query: URLSearchParams, res: ServerResponse): void {
  let filters;
  try {
    filters = parseFilters(query.get('filters'));
  } catch (error) {
    return sendError(res, 400, (error as Error).message);
  }
  for (const key of Object.keys(filters)) if (!KNOWN_LIST_FILTERS.has(key)) return sendError(res, 400, `invalid filter '${key}'`);
  const all = query.get('all') === '1' || query.get('all') === 'true';
  const any = (key: string, test: (v: string) => boolean) => !filters[key]?.length || filters[key]!.some(test);
  const pass = (c: SimContainer) =>
    (all || filters.status?.length || isRunning(c)) &&
    any('id', (v) => goMatch(v, c.id)) &&
    any('name', (v) => goMatch(v, `/${c.name}`)) &&
    any('status', (v) => v === c.state) &&
    any('ancestor', (v) => v === c.image || v === c.imageId) &&
    (filters.label ?? []).every((v) => {
      const [key, value] = v.split('=', 2) as [string, string | undefined];
      return value === undefined ? key in c.labels : c.labels[key] === value;
    });
  // Newest first, as docker ps.
  const rows = engine.list().filter(pass).sort((a, b) => (a.createdNano < b.createdNano ? 1 : -1)).map(listEntry);
  sendJson(res, 200, rows);
}

export function serveInspect(engine: SimEngine, ref: string, res: ServerResponse): void {
  const c = engine.find(ref);
  if (!c) return sendError(res, 404, `No such container: ${ref}`);
  sendJson(res, 200, inspect(c, engine.root));
}

export function serveTop(engine: SimEngine, ref: string, res: ServerResponse): void {
  const c = engine.find(ref);
  if (!c) return sendError(res, 404, `No such container: ${ref}`);
  if (!isRunning(c)) return sendError(res, 409, `Container ${c.id} is not running`);
  sendJson(res, 200, top(c));
}

export function serveImageHistory(engine: SimEngine, image: string, res: ServerResponse): void {
  const known = engine.list().find((c) => c.image === image || c.imageId === image);
  if (!known) return sendError(res, 404, `No such image: ${image}`);
  sendJson(res, 200, imageHistory(known.image, known.imageId));
}

/** POST /containers/{id}/{action} and DELETE /containers/{id}, with Docker's statuses. */
export function serveAction(engine: SimEngine, ref: string, action: string, query: URLSearchParams, res: ServerResponse): void {
  const c = engine.find(ref);
  if (!c) return sendError(res, 404, `No such container: ${ref}`);
  const running = isRunning(c);
  switch (action) {
    case 'start':
      if (running) return sendEmpty(res, 304);
      engine.start(c);
      break;
    case 'stop':
      if (!running) return sendEmpty(res, 304);
      engine.stop(c);
      break;
    case 'restart':
      engine.restart(c);
      break;
    case 'kill': {
      if (!running) return sendError(res, 409, `Cannot kill container: ${ref}: Container ${c.id} is not running`);
      const signal = query.get('signal') ?? 'SIGKILL';
      const number = /^\d+$/.test(signal) ? Number(signal) : ({ SIGKILL: 9, KILL: 9, SIGTERM: 15, TERM: 15, SIGINT: 2, INT: 2, SIGHUP: 1, HUP: 1 } as Record<string, number>)[signal];
      if (number === undefined) return sendError(res, 500, `Invalid signal: ${signal}`);
      engine.kill(c, number);
      break;
    }
    case 'pause':
      if (c.state !== 'running') return sendError(res, 409, `Container ${c.id} is not running`);
      engine.pause(c);
      break;
    case 'unpause':
      if (c.state !== 'paused') return sendError(res, 500, `Container ${c.id} is not paused`);
      engine.unpause(c);
      break;
    case 'remove':
      if (running && !(query.get('force') === '1' || query.get('force') === 'true')) {
        return sendError(res, 409, `You cannot remove a running container ${c.id}. Stop the container before attempting removal or force remove`);
      }
      engine.destroy(c);
      break;
    default:
      return sendError(res, 404, 'page not found');
  }
  sendEmpty(res, 204);
}

/** POST /containers/create?name=…: the spec's labels, env and command; created, not started. */
export function serveCreate(engine: SimEngine, query: URLSearchParams, body: { Labels?: Record<string, string>; Env?: string[]; Cmd?: string[]; Image?: string; Tty?: boolean }, res: ServerResponse): void {
  const name = query.get('name') ?? undefined;
  if (name && engine.find(name)) return sendError(res, 409, `Conflict. The container name "/${name}" is already in use.`);
  const labels = body.Labels ?? {};
  const c = engine.add({
    name,
    project: labels['com.docker.compose.project'],
    service: labels['com.docker.compose.service'],
    number: labels['com.docker.compose.container-number'] ? Number(labels['com.docker.compose.container-number']) : undefined,
    labels,
    state: 'created',
    tty: body.Tty,
  });
  if (!labels['com.docker.compose.project']) c.labels = { ...labels };
  if (body.Env) c.env = body.Env;
  if (body.Cmd?.length) c.command = body.Cmd;
  if (body.Image) c.image = body.Image;
  sendJson(res, 201, { Id: c.id, Warnings: [] });
}

/**
 * Records the answers of the lab's real engine (lab-engine-1, Docker 20.10 / API 1.41) that the
 * engine simulator shapes its own answers from: one running compose replica's list entry,
 * inspect, stats, top, image history, a container event, the exec answers of the console's port
 * discovery, Docker's error bodies, and every endpoint's response headers.
 *
 *   OPS_LAB_DIR=/tmp/ops-lab-... npx tsx test-support/engine-sim/record-fixtures.ts
 *
 * Read-only against the lab, except one exec of the console's own port-discovery script (the
 * console runs it on every container start anyway).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { labProfile } from '../lab';
import { PORT_DISCOVERY_SCRIPT } from '../../src/main/services/fleet/port-discovery';
import { FIXTURE_DIR } from './fixtures';

interface Answer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

function call(socketPath: string, method: string, path: string, body?: unknown, maxMs = 3000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      const done = () => {
        const headers: Array<[string, string]> = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      };
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', done);
      res.on('close', done);
      // Streams: keep what came within maxMs.
      setTimeout(() => req.destroy(), maxMs).unref();
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Header names and values as Docker sent them, without the date. */
function headersOf(answer: Answer): Array<[string, string]> {
  return answer.headers.filter(([name]) => name !== 'Date');
}

async function main(): Promise<void> {
  const engine = labProfile().docker.find((e) => e.host.startsWith('unix://'));
  if (!engine) throw new Error('no unix-socket engine in the lab profile');
  const socket = decodeURIComponent(new URL(engine.host).pathname);
  const json = async (path: string) => JSON.parse((await call(socket, 'GET', path)).body.toString('utf8')) as unknown;

  const list = (await json('/containers/json?all=1')) as Array<{ Id: string; State: string; Labels: Record<string, string> }>;
  const candidates = list.filter((c) => c.State === 'running' && c.Labels['com.docker.compose.service'] && !c.Labels['ops-soak']);
  let replica: (typeof list)[number] | undefined;
  for (const c of candidates) {
    const inspect = (await json(`/containers/${c.Id}/json`)) as { Config: { Env: string[] } };
    if (inspect.Config.Env.some((e) => e.startsWith('ENVIRONMENT='))) {
      replica = c;
      break;
    }
  }
  if (!replica) throw new Error('no running compose replica with an ENVIRONMENT variable on ' + engine.name);
  const id = replica.Id;
  const filters = encodeURIComponent(JSON.stringify({ id: [id] }));

  const answers: Record<string, Answer> = {
    ping: await call(socket, 'GET', '/_ping'),
    version: await call(socket, 'GET', '/v1.41/version'),
    info: await call(socket, 'GET', '/info'),
    list: await call(socket, 'GET', `/containers/json?all=1&filters=${filters}`),
    inspect: await call(socket, 'GET', `/containers/${id}/json`),
    statsOnce: await call(socket, 'GET', `/containers/${id}/stats?stream=false`),
    statsStream: await call(socket, 'GET', `/containers/${id}/stats?stream=true`, undefined, 2500),
    logs: await call(socket, 'GET', `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1&tail=4`),
    top: await call(socket, 'GET', `/containers/${id}/top?ps_args=aux`),
    history: await call(socket, 'GET', `/images/${encodeURIComponent(((await json(`/containers/${id}/json`)) as { Config: { Image: string } }).Config.Image)}/history`),
    noSuchContainer: await call(socket, 'GET', '/containers/no-such-container/json'),
    pageNotFound: await call(socket, 'GET', '/no-such-endpoint'),
    badSince: await call(socket, 'GET', `/containers/${id}/logs?stdout=1&since=abc`),
  };
  const now = Math.floor(Date.now() / 1000);
  const typeFilter = encodeURIComponent(JSON.stringify({ type: ['container'] }));
  answers.events = await call(socket, 'GET', `/events?since=${now - 3600}&until=${now}&filters=${typeFilter}`);

  const execCreate = await call(socket, 'POST', `/containers/${id}/exec`, { AttachStdout: true, AttachStderr: true, Cmd: ['sh', '-c', PORT_DISCOVERY_SCRIPT] });
  answers.execCreate = execCreate;
  const execId = (JSON.parse(execCreate.body.toString('utf8')) as { Id: string }).Id;
  await call(socket, 'POST', `/exec/${execId}/start`, { Detach: false, Tty: false });
  answers.execInspect = await call(socket, 'GET', `/exec/${execId}/json`);

  const stopped = list.find((c) => c.State === 'exited');
  if (stopped) answers.statsStopped = await call(socket, 'GET', `/containers/${stopped.Id}/stats?stream=false`);

  mkdirSync(FIXTURE_DIR, { recursive: true });
  const write = (name: string, value: unknown) => writeFileSync(join(FIXTURE_DIR, `${name}.json`), JSON.stringify(value, null, 2) + '\n');
  const firstLine = (a: Answer) => JSON.parse(a.body.toString('utf8').split('\n')[0]!) as unknown;
  const body = (a: Answer) => JSON.parse(a.body.toString('utf8')) as unknown;
  const events = answers.events!.body.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { Action: string });

  write('headers', Object.fromEntries(Object.entries(answers).map(([name, a]) => [name, { status: a.status, headers: headersOf(a) }])));
  write('version', body(answers.version!));
  write('info', body(answers.info!));
  write('container-list-entry', (body(answers.list!) as unknown[])[0]);
  write('container-inspect', body(answers.inspect!));
  write('stats-once', body(answers.statsOnce!));
  write('stats-stream-first', firstLine(answers.statsStream!));
  if (answers.statsStopped) write('stats-stopped', body(answers.statsStopped));
  write('top', body(answers.top!));
  write('image-history', body(answers.history!));
  write('events', {
    start: events.find((e) => e.Action === 'start'),
    die: events.find((e) => e.Action === 'die'),
    kill: events.find((e) => e.Action === 'kill'),
    destroy: events.find((e) => e.Action === 'destroy'),
    create: events.find((e) => e.Action === 'create'),
    stop: events.find((e) => e.Action === 'stop'),
  });
  write('exec', { create: body(execCreate), inspect: body(answers.execInspect) });
  write('errors', {
    noSuchContainer: body(answers.noSuchContainer!),
    pageNotFound: body(answers.pageNotFound!),
    badSince: body(answers.badSince!),
  });
  console.log(`recorded ${Object.keys(answers).length} answers of ${engine.name} (container ${id.slice(0, 12)}) into ${FIXTURE_DIR}`);
}

await main();

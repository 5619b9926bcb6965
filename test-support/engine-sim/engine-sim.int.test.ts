import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerEngine } from '../../src/main/connectors/docker/docker-engine';
import { readJsonLines } from '../../src/main/services/fleet/json-lines';
import { LogFrameParser, parseRecord, type LogRecord } from '../../src/main/services/logs/log-frames';
import { docker, removeContainers } from '../docker-cli';
import { labProfile, steadyDemoReplicas } from '../lab';
import { testContext } from '../test-context';
import type { AppContext } from '../../src/main/app-context';
import { startEngineSims, type EngineSimFleet } from './engine-sims';
import { shapeOf } from './json-shape';

/** Objects that are data keyed by name (labels, attributes …): compared as records, not by their keys. */
const MAPS = new Set(['Labels', 'Attributes', 'DriverOpts', 'Ports', 'stats']);
const shape = (value: unknown) => shapeOf(value, MAPS);

/** The first JSON line of a stream (stats, events), then the stream is closed. */
function firstLine(stream: Readable): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let done = false;
    readJsonLines(stream, (item) => {
      if (done) return;
      done = true;
      stream.destroy();
      resolve(item);
    }).catch(reject);
  });
}

async function allLines(stream: Readable): Promise<unknown[]> {
  const items: unknown[] = [];
  await readJsonLines(stream, (item) => items.push(item));
  return items;
}

/** A log range through the console's own frame parser. */
async function records(stream: Readable): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  const parser = new LogFrameParser(false, (s, line) => {
    const record = parseRecord(s, line);
    if (record) out.push(record);
  });
  for await (const chunk of stream) parser.push(chunk as Buffer);
  parser.end();
  return out;
}

/** Status, header names (without Date), Content-Type and framing of one answer; a stream is cut after its headers. */
function headersOf(socketPath: string, path: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path }, (res) => {
      const names = res.rawHeaders.filter((_, i) => i % 2 === 0).filter((n) => n !== 'Date' && n !== 'Content-Length' && n !== 'Transfer-Encoding');
      resolve({ path: path.split('?')[0]!.replace(/[0-9a-f]{64}/, 'ID'), status: res.statusCode, names: names.sort(), type: res.headers['content-type'], chunked: res.headers['transfer-encoding'] === 'chunked' });
      res.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the engine simulator answers as the lab engine does', () => {
  let sims: EngineSimFleet;
  let context: AppContext;
  let lab: DockerEngine;
  let sim: DockerEngine;
  const labEngine = labProfile().docker.find((e) => e.host.startsWith('unix://'))!;
  const own = `engsim-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    sims = await startEngineSims(1, { containers: 6, extraDocker: [labEngine] });
    context = await testContext(readFileSync(sims.profilePath, 'utf8'));
    lab = context.connectors.docker.find((e) => e.name === labEngine.name)!;
    sim = context.connectors.docker.find((e) => e.name === sims.sims[0]!.name)!;
  });
  afterAll(async () => {
    context?.close();
    removeContainers(labEngine, [own]);
    await sims?.close();
  });

  it('ping and version', async () => {
    const [a, b] = await Promise.all([lab.ping(), sim.ping()]);
    expect(shape(b)).toEqual(shape(a));
    expect(b).toMatchObject({ version: a.version, apiVersion: '1.41' });
  });

  it('a fleet row, and its inspect', async () => {
    const replica = steadyDemoReplicas(labEngine)[0]!;
    const [labRow] = await lab.listContainers(true, { id: [replica.id] });
    const simRow = (await sim.listContainers(true)).find((c) => c.State === 'running')!;
    expect(shape(simRow)).toEqual(shape(labRow));
    expect(shape(await sim.inspect(simRow.Id))).toEqual(shape(await lab.inspect(replica.id)));
    // The console's own rows: a service, an environment, and the port its process listens on (port discovery's exec).
    const ready = await context.fleet.whenKnown(30_000, 'ports');
    expect(ready).toBe(true);
    const rows = context.fleet.feed(sim.name)!.list();
    expect(rows).toHaveLength(6);
    const row = rows.find((r) => r.id === simRow.Id)!;
    const labFleetRow = context.fleet.feed(lab.name)!.list().find((r) => r.id.startsWith(replica.id))!;
    expect(Object.keys(row).sort()).toEqual(Object.keys(labFleetRow).sort());
    expect(row).toMatchObject({ service: expect.any(String), environment: 'PRE', state: 'running', networkMode: 'host' });
    expect(row.ports).toEqual([sims.sims[0]!.find(simRow.Id)!.port]);
  });

  it('a stats sample', async () => {
    const replica = steadyDemoReplicas(labEngine)[0]!;
    const simId = sims.sims[0]!.containers().find((c) => c.state === 'running')!.id;
    const [a, b] = await Promise.all([lab.stats(replica.id).then(firstLine), sim.stats(simId).then(firstLine)]);
    expect(shape(b)).toEqual(shape(a));
  });

  it('a logs range', async () => {
    const replica = steadyDemoReplicas(labEngine)[0]!;
    const simC = sims.sims[0]!.containers().find((c) => c.state === 'running')!;
    sims.sims[0]!.log(simC.id, 'an error line', 'stderr');
    sims.sims[0]!.log(simC.id, 'a line\nanother line');
    const until = `${Math.floor(Date.now() / 1000) + 1}.000000000`;
    const since = `${Math.floor(Date.now() / 1000) - 600}.000000000`;
    const [a, b] = await Promise.all([
      lab.logStream(replica.id, { follow: false, since, until, tail: 50 }).then(records),
      sim.logStream(simC.id, { follow: false, since, until, tail: 50 }).then(records),
    ]);
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((r) => r.text).slice(-3)).toEqual(['an error line', 'a line', 'another line']);
    expect(b.map((r) => r.stream).slice(-3)).toEqual(['err', 'out', 'out']);
    expect(shape(b[0])).toEqual(shape(a[0]));
    // Timestamps: nine fraction digits, in order, as Docker's.
    expect(b.every((r, i) => i === 0 || r.ts >= b[i - 1]!.ts)).toBe(true);
  });

  it('an event', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    docker(labEngine, 'create', '--name', own, '--network', 'host', '--label', 'com.docker.compose.project=engsim', '--label', 'com.docker.compose.service=probe', 'lab/busybox:1', 'true');
    removeContainers(labEngine, [own]);
    const added = sims.sims[0]!.add({ service: 'probe' });
    sims.sims[0]!.destroy(added.id);
    const until = Math.floor(Date.now() / 1000) + 1;
    await new Promise((r) => setTimeout(r, 1100));
    const [labEvents, simEvents] = await Promise.all([lab.events({ since, until }).then(allLines), sim.events({ since, until }).then(allLines)]);
    type E = { Action: string; Actor: { Attributes: Record<string, string> } };
    for (const action of ['create', 'destroy']) {
      const a = (labEvents as E[]).find((e) => e.Action === action && e.Actor.Attributes.name === own);
      const b = (simEvents as E[]).find((e) => e.Action === action && e.Actor.Attributes.name === added.name);
      expect(a, `lab ${action}`).toBeDefined();
      expect(b, `sim ${action}`).toBeDefined();
      expect(shape(b)).toEqual(shape(a));
    }
    const probe = (simEvents as E[]).filter((e) => e.Actor.Attributes.name === added.name);
    expect(probe.map((e) => e.Action)).toEqual(['create', 'start', 'kill', 'die', 'destroy']);
  });

  it('the same headers, framing and content types on every endpoint', async () => {
    const replica = steadyDemoReplicas(labEngine)[0]!;
    const simId = sims.sims[0]!.containers().find((c) => c.state === 'running')!.id;
    const now = Math.floor(Date.now() / 1000);
    const paths = (id: string) => [
      '/_ping',
      '/v1.41/version',
      `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [id] }))}`,
      `/containers/${id}/json`,
      `/containers/${id}/stats?stream=false`,
      `/containers/${id}/stats?stream=true`,
      `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1&tail=2`,
      `/events?since=${now - 5}&until=${now}`,
      '/containers/no-such-container/json',
      '/no-such-endpoint',
    ];
    const labSocket = decodeURIComponent(new URL(labEngine.host).pathname);
    const a = await Promise.all(paths(replica.id).map((p) => headersOf(labSocket, p)));
    const b = await Promise.all(paths(simId).map((p) => headersOf(sims.sims[0]!.socketPath, p)));
    expect(b).toEqual(a);
  });

  it('follows a log until the container stops', async () => {
    const s = sims.sims[0]!;
    const c = s.add({ service: 'follow' });
    const stream = await sim.logStream(c.id, { follow: true });
    const lines = records(stream);
    s.log(c.id, 'one');
    setTimeout(() => {
      s.log(c.id, 'two', 'stderr');
      s.kill(c.id);
    }, 100);
    const got = await lines;
    expect(got.map((r) => `${r.stream} ${r.text}`)).toEqual([`out started ${c.name} on 127.0.0.1:${c.port}`, 'out one', 'err two', `err ${c.name} exiting with 137`]);
  });

  it('an unknown endpoint, and a missing container, as Docker answers them', async () => {
    const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as { code?: string; message: string });
    const [a, b] = await Promise.all([errorOf(lab.inspect('no-such-container')), errorOf(sim.inspect('no-such-container'))]);
    expect(b).toMatchObject({ code: a!.code });
    expect(b!.message).toBe(a!.message);
  });
});

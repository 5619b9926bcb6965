import { humanDuration, rfc3339Nano, ZERO_TIME } from './docker-time';
import { fixture } from './fixtures';
import { isRunning, type SimContainer } from './sim-container';

/**
 * The simulator's answers, each shaped from the lab engine's recorded answer (same fields in
 * the same order, same types) with the simulated container's values put in.
 */

interface Inspect {
  Id: string;
  Name: string;
  State: Record<string, unknown>;
  Config: Record<string, unknown>;
  [key: string]: unknown;
}

const recordedInspect = fixture<Inspect>('container-inspect');
const recordedId = recordedInspect.Id;
const recordedRoot = String(recordedInspect.ResolvConfPath).split('/containers/')[0]!;
/** The recorded inspect as text with its id and data root as placeholders. */
const inspectTemplate = JSON.stringify(recordedInspect).split(recordedId).join('@ID@').split(recordedRoot).join('@ROOT@');

const stateWord = (c: SimContainer) => c.state;

/** `docker ps`'s Status column. */
export function statusText(c: SimContainer, now = Date.now()): string {
  const since = (ns: bigint | undefined) => humanDuration(now - Number((ns ?? c.createdNano) / 1_000_000n));
  switch (c.state) {
    case 'created':
      return 'Created';
    case 'running':
      return `Up ${since(c.startedNano)}`;
    case 'paused':
      return `Up ${since(c.startedNano)} (Paused)`;
    case 'exited':
      return `Exited (${c.exitCode}) ${since(c.finishedNano)} ago`;
  }
}

/** One row of GET /containers/json. */
export function listEntry(c: SimContainer): Record<string, unknown> {
  const row = fixture<Record<string, unknown>>('container-list-entry');
  return {
    ...row,
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.image,
    ImageID: c.imageId,
    Command: c.command.join(' '),
    Created: Number(c.createdNano / 1_000_000_000n),
    Labels: c.labels,
    State: stateWord(c),
    Status: statusText(c),
  };
}

/** GET /containers/{id}/json. `root` stands in for the engine's data root in paths. */
export function inspect(c: SimContainer, root: string): Record<string, unknown> {
  const doc = JSON.parse(inspectTemplate.split('@ID@').join(c.id).split('@ROOT@').join(root)) as Inspect;
  doc.Created = rfc3339Nano(c.createdNano);
  doc.Path = c.command[0];
  doc.Args = c.command.slice(1);
  doc.State = {
    Status: c.state,
    Running: isRunning(c),
    Paused: c.state === 'paused',
    Restarting: false,
    OOMKilled: false,
    Dead: false,
    Pid: c.pid,
    ExitCode: c.exitCode,
    Error: '',
    StartedAt: c.startedNano ? rfc3339Nano(c.startedNano) : ZERO_TIME,
    FinishedAt: c.finishedNano ? rfc3339Nano(c.finishedNano) : ZERO_TIME,
  };
  doc.Image = c.imageId;
  doc.Name = `/${c.name}`;
  doc.RestartCount = c.restartCount;
  doc.Config = { ...doc.Config, Tty: c.tty, Env: c.env, Cmd: c.command, Image: c.image, Labels: c.labels };
  return doc;
}

/** Event attributes as Docker sends them: the container's labels, image, name, and the action's own. */
export function eventAttributes(c: SimContainer, extra: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = { ...c.labels, image: c.image, name: c.name, ...extra };
  return Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]!]));
}

/**
 * One event line. timeNano does not fit a double, so the line is written by hand in the
 * recorded field order rather than through JSON.stringify of a number.
 */
export function eventLine(c: SimContainer, action: string, timeNano: bigint, extra: Record<string, string> = {}): string {
  const time = timeNano / 1_000_000_000n;
  const head = JSON.stringify({
    status: action,
    id: c.id,
    from: c.image,
    Type: 'container',
    Action: action,
    Actor: { ID: c.id, Attributes: eventAttributes(c, extra) },
    scope: 'local',
  });
  return `${head.slice(0, -1)},"time":${time},"timeNano":${timeNano}}\n`;
}

interface StatsDoc {
  read: string;
  preread: string;
  pids_stats: Record<string, unknown>;
  cpu_stats: { cpu_usage: { total_usage: number; percpu_usage?: number[]; usage_in_kernelmode: number; usage_in_usermode: number }; system_cpu_usage?: number; online_cpus?: number; throttling_data: unknown };
  precpu_stats: StatsDoc['cpu_stats'];
  memory_stats: { usage?: number; max_usage?: number; stats?: Record<string, number>; limit?: number };
  name: string;
  id: string;
  [key: string]: unknown;
}

/** A running container's CPU and memory counters, advancing from sample to sample. */
export interface StatsCounters {
  cpuNs: number;
  systemNs: number;
  readNano?: bigint;
}

/**
 * One stats sample (`docker stats`): the recorded running container's sample with this
 * container's name, id and counters; the first sample of a stream has no previous reading, as
 * Docker's. A container that does not run gets Docker's empty sample.
 */
export function statsSample(c: SimContainer, counters: StatsCounters, readNano: bigint, first: boolean): Record<string, unknown> {
  if (!isRunning(c)) return { ...fixture<StatsDoc>('stats-stopped'), name: `/${c.name}`, id: c.id };
  const doc = fixture<StatsDoc>(first ? 'stats-stream-first' : 'stats-once');
  const previous = { ...counters };
  counters.cpuNs += 2_000_000 + Math.floor(Math.random() * 20_000_000);
  counters.systemNs += 2_000_000_000;
  counters.readNano = readNano;
  const usage = (total: number) => ({ total_usage: total, percpu_usage: [Math.floor(total / 2), total - Math.floor(total / 2)], usage_in_kernelmode: Math.floor(total * 0.6 / 1e7) * 1e7, usage_in_usermode: Math.floor(total * 0.3 / 1e7) * 1e7 });
  doc.read = rfc3339Nano(readNano);
  doc.cpu_stats = { ...doc.cpu_stats, cpu_usage: usage(counters.cpuNs), system_cpu_usage: counters.systemNs };
  if (!first) {
    doc.preread = previous.readNano ? rfc3339Nano(previous.readNano) : doc.preread;
    doc.precpu_stats = { ...doc.precpu_stats, cpu_usage: usage(previous.cpuNs), system_cpu_usage: previous.systemNs };
  }
  const memory = 500_000 + Math.floor(Math.random() * 200_000);
  doc.memory_stats = { ...doc.memory_stats, usage: memory };
  doc.pids_stats = { current: 3 };
  doc.name = `/${c.name}`;
  doc.id = c.id;
  return doc;
}

/** GET /containers/{id}/top?ps_args=aux: the recorded shape, this container's processes. */
export function top(c: SimContainer): Record<string, unknown> {
  const recorded = fixture<{ Titles: string[]; Processes: string[][] }>('top');
  const start = new Date(Number((c.startedNano ?? c.createdNano) / 1_000_000n)).toISOString().slice(11, 16);
  const row = (pid: number, stat: string, command: string) => ['root', String(pid), '0.0', '0.0', '2268', '1500', '?', stat, start, '0:00', command];
  return { Processes: [row(c.pid, 'Ss', `/bin/sh ${c.command.join(' ')}`), row(c.pid + 1, 'S', `httpd -f -p 127.0.0.1:${c.port} -h /www`)], Titles: recorded.Titles };
}

/** GET /images/{name}/history. */
export function imageHistory(image: string, imageId: string): unknown[] {
  return fixture<Array<Record<string, unknown>>>('image-history').map((layer) => ({ ...layer, Id: imageId, Tags: [image] }));
}

/** GET /version: the recorded engine's. */
export const version = (): Record<string, unknown> => fixture('version');

/** GET /info: the recorded engine's, with this engine's counts, name and root. */
export function info(containers: SimContainer[], name: string, root: string): Record<string, unknown> {
  const doc = fixture<Record<string, unknown>>('info');
  const running = containers.filter((c) => c.state === 'running').length;
  const paused = containers.filter((c) => c.state === 'paused').length;
  return { ...doc, Containers: containers.length, ContainersRunning: running, ContainersPaused: paused, ContainersStopped: containers.length - running - paused, Name: name, DockerRootDir: root, SystemTime: rfc3339Nano(BigInt(Date.now()) * 1_000_000n) };
}

import type { FleetContainer, TimelineEvent } from '../../../shared/domain';
import type { Signal } from './incidents';

/** Deaths this close together make a restart loop. */
export const LOOP_WINDOW_MS = 10 * 60 * 1000;
export const LOOP_COUNT = 3;
/** A container that died stays degraded this long after its last death, even when running again. */
export const RECENT_MS = 10 * 60 * 1000;

export interface Death {
  at: number;
  exitCode?: number;
  signal?: string;
  oom: boolean;
}

/** One container's unplanned deaths (Docker's die and oom events) in the watch's history. */
export interface DeathRecord {
  engine: string;
  id: string;
  name: string;
  service?: string;
  environment?: string;
  deaths: Death[];
  /** The last log lines before the latest death, once read. */
  lastLines?: string[];
}

/** Adds a die or oom event (not one the console caused) to the records; true when it was new. */
export function recordDeath(records: Map<string, DeathRecord>, event: TimelineEvent): boolean {
  if (event.kind !== 'docker' || !event.container || event.details.planned === 'true') return false;
  if (event.action !== 'die' && event.action !== 'oom') return false;
  const key = `${event.container.engine}/${event.container.id}`;
  const record = records.get(key) ?? { engine: event.container.engine, id: event.container.id, name: event.container.name, deaths: [] };
  record.service ??= event.service;
  record.environment ??= event.environment;
  records.set(key, record);
  // An oom comes with a die a moment apart: one death.
  const near = record.deaths.find((d) => Math.abs(d.at - event.at) < 2000);
  if (event.action === 'oom') {
    if (near) near.oom = true;
    else record.deaths.push({ at: event.at, oom: true });
  } else if (near) {
    near.exitCode = numberOrUndefined(event.details.exitCode);
  } else {
    record.deaths.push({ at: event.at, exitCode: numberOrUndefined(event.details.exitCode), signal: event.details.signal, oom: false });
  }
  record.deaths.sort((a, b) => a.at - b.at);
  return !near;
}

function numberOrUndefined(text: string | undefined): number | undefined {
  const n = Number(text);
  return text === undefined || text === '' || !Number.isFinite(n) ? undefined : n;
}

/** "exited 2", "exited 137 (SIGKILL)", "was killed: out of memory". */
export function describeDeath(death: Death): string {
  if (death.oom) return 'ran out of memory and was killed';
  if (death.exitCode === undefined) return 'died';
  const signal = death.exitCode > 128 ? SIGNALS[death.exitCode - 128] : undefined;
  return `exited ${death.exitCode}${signal ? ` (${signal})` : ''}`;
}

/** Of the last lines before a death, the one that says why: the last fatal or error line, else the last line. */
export function tellingLine(lines: readonly string[] | undefined): string | undefined {
  if (!lines?.length) return undefined;
  return [...lines].reverse().find((line) => /\b(FATAL|PANIC|ERROR|panic:|Exception|Traceback|Killed|out of memory)\b/i.test(line)) ?? lines[lines.length - 1];
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/**
 * The signal of one container's deaths: active while it is not running, or died lately;
 * a restart loop when it died LOOP_COUNT times in LOOP_WINDOW_MS. A clean exit (0) outside
 * the console is a warning: someone or something stopped or restarted it.
 */
export function deathSignal(record: DeathRecord, row: FleetContainer | undefined, now: number, compose?: Signal['compose']): Signal | undefined {
  const last = record.deaths[record.deaths.length - 1];
  if (!last) return undefined;
  const recent = record.deaths.filter((d) => d.at > last.at - LOOP_WINDOW_MS);
  // The episode: deaths each within RECENT_MS of the next one (its start stays put while it goes on).
  let first = record.deaths.length - 1;
  while (first > 0 && record.deaths[first]!.at - record.deaths[first - 1]!.at < RECENT_MS) first--;
  const loop = recent.length >= LOOP_COUNT;
  const down = row !== undefined && row.state !== 'running';
  const active = down || now - last.at < RECENT_MS;
  const clean = last.exitCode === 0 && !last.oom;
  const times = recent.length > 1 ? `, ${recent.length} times in ${Math.max(1, Math.round((last.at - recent[0]!.at) / 60_000))} min` : '';
  const where = `${record.name} on ${record.engine}`;
  const lastLine = tellingLine(record.lastLines);
  const state = down ? (row?.state === 'restarting' ? ' (restarting)' : ' (not running)') : '';
  const headline = loop ? `${record.name} crash-looping (${describeDeath(last)}${times})` : clean ? `${record.name} stopped outside the console` : `${record.name} ${describeDeath(last)}`;
  return {
    key: `death:${record.engine}/${record.id}`,
    service: record.service,
    environment: record.environment,
    compose,
    severity: clean && !loop ? 'warning' : 'error',
    headline,
    startedAt: record.deaths[first]!.at,
    updatedAt: last.at,
    active,
    resolvedAt: active ? undefined : last.at + RECENT_MS,
    evidence: {
      at: last.at,
      source: 'docker',
      text: `${where} ${describeDeath(last)}${times}${state}${lastLine ? `: "${lastLine.slice(0, 200)}"` : ''}`,
      container: { engine: record.engine, id: record.id, name: record.name },
      lastLines: record.lastLines,
    },
    focus: { container: { engine: record.engine, id: record.id, name: record.name }, at: last.at },
  };
}

import type { AppInfo, ConnectionStatus, Diagnostics } from '../../../shared/domain';
import type { ConsoleLog } from './console-log';

export interface DiagnosticsSources {
  info: AppInfo;
  connections: () => ConnectionStatus[];
  log: ConsoleLog;
  /** process.versions by default (electron and chrome are there in the desktop app). */
  versions?: NodeJS.ProcessVersions;
  /** How much the console's bounded stores hold (see DiagnosticsProcessSchema.held). */
  held?: () => Record<string, number>;
}

const LOG_LINES = 200;

/**
 * What an engineer pastes into a ticket when the console misbehaves: versions of the app, its
 * runtime and every connected system, each connection's state, and the last lines of the
 * console's log. Everything passes the log's masking (known secrets included) once more.
 */
export class DiagnosticsService {
  constructor(private readonly sources: DiagnosticsSources) {}

  get(): Diagnostics {
    const { info, log } = this.sources;
    const runtime = this.sources.versions ?? process.versions;
    const versions: Record<string, string> = { app: `${info.name} ${info.version}`, host: info.host, platform: info.platform, node: runtime.node };
    if (runtime.electron) versions.electron = runtime.electron;
    if (runtime.chrome) versions.chrome = runtime.chrome;
    const connections = this.sources.connections().map((c) => ({
      id: c.id,
      kind: c.kind,
      target: log.mask(c.target),
      state: c.state,
      version: c.version,
      error: c.error ? log.mask(`${c.error.message} [${c.error.code}]`) : undefined,
    }));
    const own = { ...processFigures(), held: this.sources.held?.() };
    const logLines = log.tail(LOG_LINES);
    const generatedAt = Date.now();
    const text = log.mask(
      [
        `Ops Console diagnostics, ${new Date(generatedAt).toISOString()}`,
        '',
        '## Versions',
        ...Object.entries(versions).map(([k, v]) => `${k}: ${v}`),
        `profile: ${info.profileSource}${info.profilePath ? ` (${info.profilePath})` : ''}${info.profileError ? ` — error: ${info.profileError}` : ''}`,
        '',
        '## Connections',
        ...(connections.length
          ? connections.map((c) => `${c.id} ${c.target}: ${c.state}${c.version ? `, version ${c.version}` : ''}${c.error ? ` — ${c.error}` : ''}`)
          : ['(none configured)']),
        '',
        '## This process',
        `uptime ${own.uptimeSeconds} s, rss ${mb(own.rssBytes)}, heap ${mb(own.heapUsedBytes)}, external ${mb(own.externalBytes)}`,
        `open handles: ${Object.entries(own.resources).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
        ...(own.held ? [`held: ${Object.entries(own.held).map(([what, n]) => `${what} ${n}`).join(', ')}`] : []),
        '',
        `## Console log (last ${logLines.length} lines of ${log.path})`,
        ...(log.writeError ? [`(the log cannot be written: ${log.writeError})`] : []),
        ...logLines,
        '',
      ].join('\n'),
    );
    return { generatedAt, versions, connections, process: own, logFile: log.path, logLines, text };
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Memory and open handles (sockets, timers, pipes, by Node's own names) of this process. */
function processFigures(): Diagnostics['process'] {
  const memory = process.memoryUsage();
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return { uptimeSeconds: Math.round(process.uptime()), rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, externalBytes: memory.external, resources };
}

import type { AppInfo, ConnectionStatus, Diagnostics } from '../../../shared/domain';
import type { ConsoleLog } from './console-log';

export interface DiagnosticsSources {
  info: AppInfo;
  connections: () => ConnectionStatus[];
  log: ConsoleLog;
  /** process.versions by default (electron and chrome are there in the desktop app). */
  versions?: NodeJS.ProcessVersions;
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
        `## Console log (last ${logLines.length} lines of ${log.path})`,
        ...(log.writeError ? [`(the log cannot be written: ${log.writeError})`] : []),
        ...logLines,
        '',
      ].join('\n'),
    );
    return { generatedAt, versions, connections, logFile: log.path, logLines, text };
  }
}

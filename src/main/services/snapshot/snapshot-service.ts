import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { SnapshotEvent, ZabbixProblem, ZabbixSeries } from '../../../shared/domain';
import type { StreamSink } from '../../core/handlers';
import { AuditLog } from '../audit/audit-log';
import type { Connectors } from '../../connectors/connectors';
import type { LogsService } from '../logs/logs-service';
import type { RegistryService } from '../registry/registry-service';
import type { TimelineService } from '../timeline/timeline-service';
import type { ZabbixService } from '../zabbix/zabbix-service';
import { renderIndexPage } from './index-page';
import { maskJson, maskText } from './mask-secrets';

export interface SnapshotRequest {
  from: number;
  to: number;
  services: Array<{ project: string; service: string }>;
}

/** The incident bundle: one tar.gz with an index page, written to the data directory and streamed. */
export class SnapshotService {
  constructor(
    private readonly connectors: Connectors,
    private readonly logs: LogsService,
    private readonly timeline: TimelineService,
    private readonly registry: RegistryService | undefined,
    private readonly zabbix: ZabbixService | undefined,
    private readonly dataDir: string,
    /** Passwords and tokens of the profile: never written into a snapshot. */
    private readonly knownSecrets: string[],
  ) {}

  export(request: SnapshotRequest, sink: StreamSink<SnapshotEvent>): () => void {
    const abort = new AbortController();
    void this.build(request, sink, abort.signal).catch((error: unknown) => {
      if (!abort.signal.aborted) sink.end(error);
    });
    return () => abort.abort();
  }

  private async build(request: SnapshotRequest, sink: StreamSink<SnapshotEvent>, signal: AbortSignal): Promise<void> {
    const progress = (message: string) => sink.push({ kind: 'progress', message });
    const mask = (text: string) => maskText(text, this.knownSecrets);
    const files: Array<{ name: string; body: string }> = [];
    const notes: string[] = [];
    const add = (name: string, body: string) => files.push({ name, body });
    const windowed = (t: number) => t >= request.from && t <= request.to;

    progress('timeline');
    this.timeline.start();
    const timeline = this.timeline.list().filter((e) => windowed(e.at)).map((e) => maskJson(e, this.knownSecrets) as typeof e);
    add('timeline.json', JSON.stringify(timeline, null, 2));

    progress('problems');
    let problems: ZabbixProblem[] = [];
    let charts: ZabbixSeries[] = [];
    if (this.zabbix) {
      try {
        problems = await this.zabbix.problems();
        const hosts = await this.zabbix.hosts();
        const itemids = hosts.filter((h) => h.engine).flatMap((h) => h.items.filter((i) => i.valueType === 0 || i.valueType === 3).map((i) => i.itemid)).slice(0, 20);
        if (itemids.length) charts = await this.zabbix.history(itemids, request.from, request.to);
      } catch (error) {
        notes.push(`Zabbix could not be read: ${(error as Error).message}`);
      }
    } else notes.push('No Zabbix configured: no problems or charts.');
    add('problems.json', mask(JSON.stringify(problems, null, 2)));
    add('charts.json', JSON.stringify(charts, null, 2));

    progress('registry');
    const registryKeys = this.registry ? (await this.registry.store.start(), [...this.registry.store.keys.values()]) : [];
    if (!this.registry) notes.push('No etcd configured: no registry state.');
    add('registry.json', mask(JSON.stringify(registryKeys, null, 2)));

    const containers: Array<{ engine: string; name: string; state: string; image: string; file: string }> = [];
    const logs: Array<{ service: string; file: string; lines: number }> = [];
    for (const { project, service } of request.services) {
      if (signal.aborted) return;
      progress(`containers and logs of ${project}/${service}`);
      for (const engine of this.connectors.docker) {
        const infos = await engine.listServiceContainers(project, service).catch(() => []);
        for (const info of infos) {
          const inspect = await engine.inspect(info.Id).catch(() => undefined);
          if (!inspect) continue;
          const name = inspect.Name.replace(/^\//, '');
          const file = `containers/${engine.name}/${name}.json`;
          add(file, JSON.stringify(maskJson(inspect, this.knownSecrets), null, 2));
          containers.push({ engine: engine.name, name, state: inspect.State.Status, image: inspect.Config.Image, file });
        }
      }
      let text = '';
      let lines = 0;
      try {
        for await (const line of this.logs.exportLines(
          { selection: { service: { project, service } }, since: new Date(request.from).toISOString(), until: new Date(request.to).toISOString(), format: 'text' },
          signal,
        )) {
          text += mask(line);
          lines++;
        }
      } catch (error) {
        notes.push(`Logs of ${project}/${service}: ${(error as Error).message}`);
      }
      const file = `logs/${project}_${service}.log`;
      add(file, text);
      logs.push({ service: `${project}/${service}`, file, lines });
    }

    add(
      'index.html',
      renderIndexPage({
        from: request.from,
        to: request.to,
        createdAt: Date.now(),
        createdBy: AuditLog.currentUser(),
        services: request.services.map((s) => `${s.project}/${s.service}`),
        timeline,
        problems,
        registry: registryKeys,
        containers,
        logs,
        charts,
        notes,
      }),
    );

    progress('archive');
    const stamp = new Date(request.to).toISOString().replace(/[:.]/g, '-');
    const folder = `incident-${stamp}`;
    const fileName = `${folder}.tar.gz`;
    const dir = join(this.dataDir, 'snapshots');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, fileName);
    const tar = pack();
    for (const file of files) tar.entry({ name: `${folder}/${file.name}`, mode: 0o600, mtime: new Date() }, file.body);
    tar.finalize();
    const tee = new PassThrough();
    let bytes = 0;
    tee.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      sink.push({ kind: 'chunk', data: chunk.toString('base64') });
    });
    await Promise.all([pipeline(tar, createGzip(), tee, createWriteStream(path, { mode: 0o600 }))]);
    sink.push({ kind: 'done', path, bytes, files: files.map((f) => `${folder}/${f.name}`), fileName });
    sink.end();
  }
}

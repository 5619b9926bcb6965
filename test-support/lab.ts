import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { labPaths } from '../scripts/lab/paths';
import { dockerPs, type EngineRef } from './docker-cli';

// lab.json: its shape and reader stay with the lab scripts that write and verify it; tests reach it from here.
import { readLabInfo } from '../scripts/lab/lab-info';
export { readLabInfo, tryReadLabInfo, type LabEngine, type LabInfo, type LabService } from '../scripts/lab/lab-info';

/** The profile the lab wrote for the console; tests use the console's own input. */
export function labProfilePath(): string {
  const path = labPaths().connectionsYaml;
  if (!existsSync(path)) throw new Error(`The lab is not running (no ${path}); start it with npm run lab`);
  return path;
}

export function labProfileText(): string {
  return readFileSync(labProfilePath(), 'utf8');
}

export interface LabProfile {
  docker: EngineRef[];
  etcd: { endpoints: string[] };
  zabbix: { url: string; username: string; password: string };
}

export function labProfile(): LabProfile {
  return parse(labProfileText()) as LabProfile;
}

/**
 * The lab's own running replicas that do not crash by themselves, newest first as `docker ps`
 * lists them. Tests pick from these rather than from `docker ps`, which also lists the short-lived
 * containers of the tests running beside them.
 */
export function steadyDemoReplicas(engine: EngineRef): Array<{ id: string; name: string; state: string; service: string }> {
  const steady = new Set(readLabInfo().services.flatMap((service) => service.containers).filter((c) => !c.crashy && c.engine === engine.name).map((c) => c.name));
  return dockerPs(engine).filter((c) => c.state === 'running' && steady.has(c.name));
}

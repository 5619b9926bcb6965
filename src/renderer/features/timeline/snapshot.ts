import type { FleetContainer, SnapshotEvent, TimelineEvent } from '../../../shared/domain';

/** A compose service the snapshot can include, as found in the fleet. */
export interface ServiceOption {
  /** "project/service". */
  key: string;
  project: string;
  service: string;
  environments: string[];
  engines: string[];
  replicas: number;
  running: number;
}

export function serviceKey(project: string, service: string): string {
  return `${project}/${service}`;
}

/** The compose services of the fleet (containers with both compose labels), sorted. */
export function serviceOptions(containers: readonly FleetContainer[]): ServiceOption[] {
  const found = new Map<string, ServiceOption>();
  for (const c of containers) {
    const project = c.project ?? c.labels['com.docker.compose.project'];
    const service = c.service ?? c.labels['com.docker.compose.service'];
    if (!project || !service) continue;
    const key = serviceKey(project, service);
    let option = found.get(key);
    if (!option) {
      option = { key, project, service, environments: [], engines: [], replicas: 0, running: 0 };
      found.set(key, option);
    }
    option.replicas += 1;
    if (c.state === 'running') option.running += 1;
    if (c.environment && !option.environments.includes(c.environment)) option.environments.push(c.environment);
    if (!option.engines.includes(c.engine)) option.engines.push(c.engine);
  }
  return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The services to tick first: those of the error events the user is looking at. An event is
 * matched by its container (engine + id) when the fleet knows it, else by its `app_ENV`
 * against each container's compose service and environment.
 */
export function preselectServices(events: readonly TimelineEvent[], containers: readonly FleetContainer[]): Set<string> {
  const byContainer = new Map<string, string>();
  const byAppEnv = new Map<string, Set<string>>();
  for (const c of containers) {
    const project = c.project ?? c.labels['com.docker.compose.project'];
    const service = c.service ?? c.labels['com.docker.compose.service'];
    if (!project || !service) continue;
    const key = serviceKey(project, service);
    byContainer.set(`${c.engine}\u0000${c.id}`, key);
    if (c.environment) {
      const appEnv = `${service}_${c.environment}`;
      const set = byAppEnv.get(appEnv) ?? new Set<string>();
      set.add(key);
      byAppEnv.set(appEnv, set);
    }
  }
  const picked = new Set<string>();
  for (const event of events) {
    if (event.severity !== 'error') continue;
    const direct = event.container ? byContainer.get(`${event.container.engine}\u0000${event.container.id}`) : undefined;
    if (direct) {
      picked.add(direct);
      continue;
    }
    if (event.service) for (const key of byAppEnv.get(event.service) ?? []) picked.add(key);
  }
  return picked;
}

/** The bytes of one base64 chunk. */
export function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface SnapshotDone {
  path: string;
  bytes: number;
  files: string[];
  fileName: string;
}

/** What an export has said so far: progress lines, the archive's pieces, and the end. */
export interface SnapshotProgress {
  messages: string[];
  chunks: Uint8Array<ArrayBuffer>[];
  received: number;
  done?: SnapshotDone;
}

export const EMPTY_PROGRESS: SnapshotProgress = { messages: [], chunks: [], received: 0 };

/** Applies a batch of `snapshot.export` items in order (chunks are kept in the order they came). */
export function applySnapshotEvents(state: SnapshotProgress, items: readonly SnapshotEvent[]): SnapshotProgress {
  if (items.length === 0) return state;
  const messages = state.messages.slice();
  const chunks = state.chunks.slice();
  let { received, done } = state;
  for (const item of items) {
    if (item.kind === 'progress') messages.push(item.message);
    else if (item.kind === 'chunk') {
      const bytes = decodeBase64(item.data);
      chunks.push(bytes);
      received += bytes.length;
    } else done = { path: item.path, bytes: item.bytes, files: item.files, fileName: item.fileName };
  }
  return { messages, chunks, received, done };
}

/** The archive as a file to download. */
export function assembleArchive(chunks: readonly Uint8Array<ArrayBuffer>[]): Blob {
  return new Blob([...chunks], { type: 'application/gzip' });
}

import type { AuditEntry } from '../../../shared/domain';

interface Window {
  from: number;
  to: number;
}

/** The container or key an event is about, as the watch and the timeline see it. */
export interface ChangeSubject {
  engine?: string;
  containerId?: string;
  containerName?: string;
  /** Compose project/service of the container. */
  compose?: string;
  key?: string;
}

/** How long after the console acted on something its consequences count as planned. */
const AFTER_MS = 2 * 60 * 1000;
/** The audit line of a scale or rolling restart is written when it ends: its steps came before. */
const RUN_MS = 15 * 60 * 1000;

/**
 * What the console itself is changing: a container it stops, a key it deregisters. Docker
 * and etcd report those like any failure (SIGTERM, die, key deleted); the watch and the
 * timeline ask here so that the console's own work is shown as planned, not as an incident.
 * Live expectations come from the change path before it acts; older ones (before a
 * restart of the console) are read back from the audit log.
 */
export class PlannedChanges {
  private readonly windows = new Map<string, Window[]>();

  /** The console is about to change this (a container by id or name, a compose service, a key). */
  expect(subject: ChangeSubject, at = Date.now(), forMs = AFTER_MS): void {
    for (const id of ids(subject)) this.add(id, { from: at - 1000, to: at + forMs });
  }

  /** An audit line of the console's own change: what it touched counts as planned around it. */
  noteAudit(entry: AuditEntry): void {
    if (entry.result !== 'ok' && entry.result !== 'error') return;
    const at = Date.parse(entry.time);
    if (!Number.isFinite(at)) return;
    const run = entry.action === 'scale' || entry.action === 'rolling-restart';
    const subject: ChangeSubject = run ? { compose: entry.target } : entry.target.startsWith('/') ? { key: entry.target } : { engine: entry.engine, containerName: entry.target };
    for (const id of ids(subject)) this.add(id, { from: at - (run ? RUN_MS : AFTER_MS), to: at + 5000 });
  }

  isPlanned(subject: ChangeSubject, at: number): boolean {
    return ids(subject).some((id) => this.windows.get(id)?.some((w) => at >= w.from && at <= w.to));
  }

  private add(id: string, window: Window): void {
    const now = Date.now();
    // Old windows go as new ones come: the map stays as small as the recent changes.
    const kept = (this.windows.get(id) ?? []).filter((w) => w.to > now - 3 * 3600 * 1000);
    kept.push(window);
    this.windows.set(id, kept);
  }
}

function ids(s: ChangeSubject): string[] {
  const out: string[] = [];
  if (s.containerId) out.push(`c:${s.engine ?? ''}/${s.containerId}`);
  if (s.containerName) out.push(`n:${s.engine ?? ''}/${s.containerName}`, `n:/${s.containerName}`);
  if (s.compose) out.push(`s:${s.compose}`);
  if (s.key) out.push(`k:${s.key}`);
  return out;
}

import type { DriftKind, InstanceView, RegistryServiceView, RegistryView } from '../../../shared/domain';

/** Every kind of drift, in the order they are listed (worst first). */
export const DRIFT_KINDS: readonly DriftKind[] = ['stale', 'heartbeat-stopped', 'duplicate', 'value-mismatch', 'odd-value', 'unregistered'];

export type ProblemTone = 'error' | 'orange' | 'warn';

/** stale = red, heartbeat stopped = orange, the rest (duplicate, mismatch, odd value, unregistered) = amber. */
export function problemTone(kind: DriftKind): ProblemTone {
  if (kind === 'stale') return 'error';
  if (kind === 'heartbeat-stopped') return 'orange';
  return 'warn';
}

export type InstanceState = 'ok' | 'stale' | 'problem';

export function instanceState(instance: InstanceView): InstanceState {
  if (instance.problems.some((p) => p.kind === 'stale')) return 'stale';
  return instance.problems.length > 0 ? 'problem' : 'ok';
}

/** The worst tone among an instance's problems (for the row's marker). */
export function instanceTone(instance: InstanceView): ProblemTone | undefined {
  const tones = instance.problems.map((p) => problemTone(p.kind));
  if (tones.includes('error')) return 'error';
  if (tones.includes('orange')) return 'orange';
  return tones.length ? 'warn' : undefined;
}

/** Distinct kinds, in DRIFT_KINDS order (an instance can have "duplicate" twice). */
export function problemKinds(instance: InstanceView): DriftKind[] {
  const present = new Set(instance.problems.map((p) => p.kind));
  return DRIFT_KINDS.filter((kind) => present.has(kind));
}

export const serviceId = (service: Pick<RegistryServiceView, 'app' | 'env'>) => `${service.app}_${service.env}`;

export interface RegistrySummary {
  services: number;
  instances: number;
  /** Instances with at least one problem (unregistered replicas not included). */
  withProblems: number;
  /** Per kind: instances having it; for 'unregistered', running replicas without a key. */
  byKind: Record<DriftKind, number>;
  oddKeys: number;
}

export function emptyCounts(): Record<DriftKind, number> {
  return { stale: 0, 'heartbeat-stopped': 0, duplicate: 0, 'value-mismatch': 0, 'odd-value': 0, unregistered: 0 };
}

export function summarize(services: readonly RegistryServiceView[], oddKeys = 0): RegistrySummary {
  const byKind = emptyCounts();
  let instances = 0;
  let withProblems = 0;
  for (const service of services) {
    instances += service.instances.length;
    byKind.unregistered += service.unregistered.length;
    for (const instance of service.instances) {
      if (instance.problems.length) withProblems++;
      for (const kind of problemKinds(instance)) byKind[kind]++;
    }
  }
  return { services: services.length, instances, withProblems, byKind, oddKeys };
}

export interface ServiceFilter {
  text: string;
  /** '' for every environment. */
  env: string;
  onlyProblems: boolean;
  /** Only instances with this problem ('' for any). */
  kind: DriftKind | '';
}

export const NO_FILTER: ServiceFilter = { text: '', env: '', onlyProblems: false, kind: '' };

function instanceText(instance: InstanceView): string {
  return [instance.key, instance.value, `${instance.ip}:${instance.port}`, instance.lease, instance.container?.name ?? '', instance.container?.engine ?? '', ...instance.problems.map((p) => `${p.kind} ${p.message}`)]
    .join(' ')
    .toLowerCase();
}

/**
 * The services and instances the filter lets through. Text matches the service name (then all its
 * instances stay), or an instance's key, value, container, lease or problems. With "only problems"
 * (or a kind), services keep only their instances with problems (of that kind), plus their
 * unregistered replicas; services left with nothing are dropped.
 */
export function filterServices(services: readonly RegistryServiceView[], filter: ServiceFilter): RegistryServiceView[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const out: RegistryServiceView[] = [];
  for (const service of services) {
    if (filter.env && service.env.toLowerCase() !== filter.env.toLowerCase()) continue;
    const name = serviceId(service).toLowerCase();
    let instances = service.instances;
    let unregistered = service.unregistered;
    if (words.length) {
      const nameMatches = words.every((w) => name.includes(w));
      if (!nameMatches) {
        instances = instances.filter((i) => {
          const text = `${name} ${instanceText(i)}`;
          return words.every((w) => text.includes(w));
        });
        unregistered = unregistered.filter((u) => {
          const text = `${name} ${u.engine} ${u.name} ${u.ports.join(' ')} unregistered`;
          return words.every((w) => text.includes(w));
        });
      }
    }
    if (filter.kind) {
      const kind = filter.kind;
      instances = instances.filter((i) => i.problems.some((p) => p.kind === kind));
      if (kind !== 'unregistered') unregistered = [];
    } else if (filter.onlyProblems) {
      instances = instances.filter((i) => i.problems.length > 0);
    }
    const narrowed = words.length > 0 || filter.onlyProblems || filter.kind !== '';
    if (narrowed && instances.length === 0 && unregistered.length === 0) continue;
    out.push(instances === service.instances && unregistered === service.unregistered ? service : { ...service, instances, unregistered });
  }
  return out;
}

/** The service the confd preview opens with: the first that has a healthy instance (else the first). */
export function defaultPreviewService(services: readonly RegistryServiceView[]): string | undefined {
  const healthy = services.find((s) => s.instances.some((i) => i.problems.length === 0));
  const chosen = healthy ?? services[0];
  return chosen ? serviceId(chosen) : undefined;
}

/** The environments present, sorted (for the filter's select). */
export function environments(services: readonly RegistryServiceView[]): string[] {
  return [...new Set(services.map((s) => s.env))].sort();
}

/** Every instance key held by a lease (what revoking it deletes), as the view knows them. */
export function keysOfLease(view: RegistryView | undefined, lease: string): string[] {
  if (!view || lease === '0') return [];
  return view.services.flatMap((s) => s.instances.filter((i) => i.lease === lease).map((i) => i.key));
}

/** The remaining part of the lease, 0..1, for the countdown bar. */
export function ttlFraction(ttl: number | undefined, grantedTtl: number | undefined): number {
  if (ttl === undefined || !grantedTtl || grantedTtl <= 0) return 0;
  return Math.min(1, Math.max(0, ttl / grantedTtl));
}

/** Colour of the countdown: ok while above a third, amber below, red once run out. */
export function ttlTone(ttl: number | undefined, grantedTtl: number | undefined): 'ok' | 'warn' | 'error' {
  if (ttl === undefined || ttl <= 0) return 'error';
  return ttlFraction(ttl, grantedTtl) > 1 / 3 ? 'ok' : 'warn';
}

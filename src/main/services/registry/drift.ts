import type { DriftKind, FleetContainer, InstanceView, RegistryKey, RegistryServiceView, RegistryView } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';
import { expectedValue, looksLikeServiceKey, parseInstanceKey } from './instance-key';
import type { LeaseInfo } from './lease-tracker';

export interface DriftInput {
  revision: string;
  keys: RegistryKey[];
  containers: FleetContainer[];
  lease: (id: string) => LeaseInfo | undefined;
  pattern: RegExp;
  productionEnvironments: readonly string[];
  /** Engine name -> the IP addresses its containers are reached at (host networking). */
  engineAddresses: (engine: string) => string[];
  now: number;
  /** Whether the containers and their ports are known yet (see RegistryView.dockerReady). */
  dockerReady: boolean;
}

const IP_PORT = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:]+\]|[a-z0-9.-]+):\d{1,5}$/i;
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * Matches the registry against Docker without relabelling anything: an instance
 * /{app}_{ENV}/{ip}-{port} is served by a running container of compose service {app}
 * (or with no compose label) in environment {ENV} (when it says) that listens on {port},
 * on an engine reached at {ip} (loopback addresses match any local engine).
 */
/** localeCompare's order, from one collator: localeCompare builds one per call (most of a 10,000-key view's time). */
const byText = new Intl.Collator().compare;

/** How many of the other keys a duplicate finding names (the rest are counted). */
const DUPLICATES_NAMED = 5;

export function analyseDrift(input: DriftInput): RegistryView {
  const services = new Map<string, RegistryServiceView>();
  const oddKeys: RegistryView['oddKeys'] = [];
  const byValue = new Map<string, string[]>();
  const instancesByKey = new Map<string, InstanceView>();
  const running = input.containers.filter((c) => c.state === 'running');
  // Running containers whose ports are still being looked for: they neither serve a key nor fail to, yet.
  const known = running.filter((c) => !c.portsPending);
  const looking = running.filter((c) => c.portsPending);

  for (const key of input.keys) {
    const parsed = parseInstanceKey(key.key, input.pattern);
    if (!parsed) {
      if (looksLikeServiceKey(key.key)) oddKeys.push({ key: key.key, message: 'In a service directory but not of the form /{app}_{ENV}/{ip}-{port}' });
      continue;
    }
    const id = `${parsed.app}_${parsed.env}`;
    let service = services.get(id);
    if (!service) {
      service = { app: parsed.app, env: parsed.env, production: isProductionEnvironment(parsed.env, input.productionEnvironments), instances: [], unregistered: [] };
      services.set(id, service);
    }
    const problems: InstanceView['problems'] = [];
    const add = (kind: DriftKind, message: string) => problems.push({ kind, message });
    if (key.valueKind === 'binary' || key.truncated || !IP_PORT.test(key.value)) {
      add('odd-value', key.valueKind === 'binary' ? `Binary value (${key.size} bytes)` : key.truncated ? `Value is ${key.size} bytes long` : 'Value is not ip:port');
    } else if (key.value !== expectedValue(parsed)) {
      add('value-mismatch', `Value ${key.value} does not match the key (expected ${expectedValue(parsed)})`);
    }
    const valueKey = key.valueKind === 'text' ? key.value : `${parsed.ip}:${parsed.port}`;
    const sameValue = byValue.get(valueKey);
    if (sameValue) sameValue.push(key.key);
    else byValue.set(valueKey, [key.key]);

    const match = known.find((c) => serves(c, parsed, input.engineAddresses));
    const portsPending = !match && looking.some((c) => serves(c, parsed, input.engineAddresses, false));
    if (!match && !portsPending && input.dockerReady) add('stale', `Nothing running serves ${parsed.ip}:${parsed.port}`);
    const lease = key.lease !== '0' ? input.lease(key.lease) : undefined;
    if (lease) {
      const expected = lease.refreshInterval ?? lease.grantedTtl / 3;
      const sinceRefresh = lease.grantedTtl - lease.ttl;
      if (lease.ttl <= 0) add('heartbeat-stopped', 'Lease expired');
      else if (sinceRefresh > Math.max(2 * expected, 2) + 1) add('heartbeat-stopped', `No heartbeat for ${sinceRefresh} s; expires in ${lease.ttl} s`);
    }
    const instance: InstanceView = {
      key: key.key,
      ...parsed,
      value: key.valueKind === 'binary' ? `(binary, ${key.size} bytes)` : key.value.slice(0, 200),
      lease: key.lease,
      createRevision: key.createRevision,
      modRevision: key.modRevision,
      container: match ? { engine: match.engine, id: match.id, name: match.name, state: match.state } : undefined,
      ...(portsPending ? { portsPending } : {}),
      ttl: lease?.ttl,
      grantedTtl: lease?.grantedTtl,
      refreshInterval: lease?.refreshInterval,
      refreshJitter: lease?.refreshJitter,
      problems,
    };
    service.instances.push(instance);
    instancesByKey.set(key.key, instance);
  }

  // Linear in the keys: a registry of thousands with one endpoint registered many times must not stall the main process.
  for (const keys of byValue.values()) {
    if (keys.length < 2) continue;
    const first = keys.slice(0, DUPLICATES_NAMED + 1);
    for (const key of keys) {
      const named = first.filter((k) => k !== key).slice(0, DUPLICATES_NAMED).join(', ');
      const more = keys.length - 1 > DUPLICATES_NAMED ? ` and ${keys.length - 1 - DUPLICATES_NAMED} more` : '';
      instancesByKey.get(key)?.problems.push({ kind: 'duplicate', message: `Same endpoint also registered as ${named}${more}` });
    }
  }

  for (const service of input.dockerReady ? services.values() : []) {
    const registeredPorts = new Set(service.instances.filter((i) => i.container).map((i) => `${i.container!.engine}/${i.container!.id}`));
    for (const container of known) {
      if (!same(container.service, service.app) || !same(container.environment, service.env)) continue;
      if (registeredPorts.has(`${container.engine}/${container.id}`)) continue;
      service.unregistered.push({ engine: container.engine, id: container.id, name: container.name, ports: container.ports });
    }
    service.instances.sort((a, b) => byText(a.key, b.key));
  }

  return {
    revision: input.revision,
    at: input.now,
    dockerReady: input.dockerReady,
    services: [...services.values()].sort((a, b) => byText(`${a.app}_${a.env}`, `${b.app}_${b.env}`)),
    oddKeys,
  };
}

const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** Whether the container serves the instance (`byPort` false: could, were it listening on the port). */
function serves(container: FleetContainer, instance: { app: string; env: string; ip: string; port: number }, addresses: (engine: string) => string[], byPort = true): boolean {
  if (byPort && !container.ports.includes(instance.port)) return false;
  if (container.service && !same(container.service, instance.app)) return false;
  if (container.environment && !same(container.environment, instance.env)) return false;
  const engineIps = addresses(container.engine);
  return LOOPBACK.test(instance.ip) ? engineIps.some((ip) => LOOPBACK.test(ip)) || engineIps.length === 0 : engineIps.includes(instance.ip) || engineIps.length === 0;
}

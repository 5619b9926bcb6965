// Hosts, trapper items and triggers the lab needs in Zabbix, created through the API (idempotent: look up first).
import { ENGINE_NAMES, LOOPBACK } from './paths.js';
import { DEMO_SERVICES, serviceKey } from './demo-services.js';
import type { ZabbixApi } from './zabbix-api.js';

export const HOST_GROUP = 'Lab';
export const PLATFORM_HOST = 'lab-platform';

// Zabbix value types
const FLOAT = 0;
const CHAR = 1;
const UINT = 3;
const TRAPPER = 2;
const SEVERITY = { warning: 2, high: 4 } as const;

interface ItemDef {
  key: string;
  name: string;
  valueType: number;
  units?: string;
  description?: string;
}

interface TriggerDef {
  description: string;
  expression: string;
  priority: number;
  tags: { tag: string; value: string }[];
  comments?: string;
}

/** Trapper items on each engine host; the feeder sends these keys. */
export const ENGINE_ITEMS: ItemDef[] = [
  { key: 'docker.engine.up', name: 'Docker engine up', valueType: UINT, description: '1 if the engine answers /_ping' },
  { key: 'docker.engine.ping.ms', name: 'Docker engine ping time', valueType: FLOAT, units: 'ms' },
  { key: 'docker.engine.version', name: 'Docker engine version', valueType: CHAR },
  { key: 'docker.containers.total', name: 'Containers total', valueType: UINT },
  { key: 'docker.containers.running', name: 'Containers running', valueType: UINT },
  { key: 'docker.containers.stopped', name: 'Containers stopped', valueType: UINT },
  { key: 'docker.containers.paused', name: 'Containers paused', valueType: UINT },
  { key: 'docker.containers.restarting', name: 'Containers restarting', valueType: UINT },
  { key: 'docker.images', name: 'Images', valueType: UINT },
];

export function replicasKey(service: string): string {
  return `platform.replicas[${service}]`;
}
export function registrationsKey(service: string): string {
  return `platform.registrations[${service}]`;
}
export function staleKey(service: string): string {
  return `platform.stale[${service}]`;
}
export function noReplicaTriggerName(service: string): string {
  return `No live replica of ${service}`;
}

function platformItems(): ItemDef[] {
  return DEMO_SERVICES.flatMap((s) => {
    const k = serviceKey(s);
    return [
      { key: replicasKey(k), name: `Live replicas of ${k}`, valueType: UINT, description: 'Running containers of the compose service across both lab engines' },
      { key: registrationsKey(k), name: `etcd registrations of ${k}`, valueType: UINT, description: `Keys under /${k}/ in etcd` },
      {
        key: staleKey(k),
        name: `Stale registrations of ${k}`,
        valueType: UINT,
        description: 'etcd keys beyond the live replicas (one sample: registrations minus replicas, at least 0)',
      },
    ];
  });
}

function engineTriggers(host: string): TriggerDef[] {
  return [
    {
      description: `Docker engine ${host} is down`,
      expression: `last(/${host}/docker.engine.up)=0`,
      priority: SEVERITY.high,
      tags: [{ tag: 'scope', value: 'availability' }],
    },
  ];
}

function platformTriggers(): TriggerDef[] {
  return DEMO_SERVICES.flatMap((s) => {
    const k = serviceKey(s);
    const tags = [
      { tag: 'env', value: s.env },
      { tag: 'app', value: s.app },
    ];
    return [
      {
        description: noReplicaTriggerName(k),
        expression: `last(/${PLATFORM_HOST}/${replicasKey(k)})<1`,
        priority: SEVERITY.high,
        tags,
        comments: `No running container of compose service ${s.app} in project ${s.env.toLowerCase()} on any Docker host.`,
      },
      {
        description: `Stale registrations of ${k}`,
        expression: `last(/${PLATFORM_HOST}/${staleKey(k)})>0`,
        priority: SEVERITY.warning,
        tags,
        comments: 'More keys in etcd than live replicas: a replica died without deregistering (its key stays until the TTL runs out).',
      },
    ];
  });
}

async function ensureGroup(api: ZabbixApi): Promise<string> {
  const found = await api.call<{ groupid: string }[]>('hostgroup.get', { filter: { name: [HOST_GROUP] }, output: ['groupid'] });
  if (found[0]) return found[0].groupid;
  const r = await api.call<{ groupids: string[] }>('hostgroup.create', { name: HOST_GROUP });
  return r.groupids[0]!;
}

async function ensureHost(api: ZabbixApi, host: string, groupid: string, role: string): Promise<{ id: string; created: boolean }> {
  const found = await api.call<{ hostid: string }[]>('host.get', { filter: { host: [host] }, output: ['hostid'] });
  if (found[0]) return { id: found[0].hostid, created: false };
  const r = await api.call<{ hostids: string[] }>('host.create', {
    host,
    groups: [{ groupid }],
    interfaces: [{ type: 1, main: 1, useip: 1, ip: LOOPBACK, dns: '', port: '10050' }],
    tags: [{ tag: 'role', value: role }, { tag: 'lab', value: 'ops-console' }],
  });
  return { id: r.hostids[0]!, created: true };
}

async function ensureItems(api: ZabbixApi, hostid: string, items: ItemDef[]): Promise<number> {
  const have = await api.call<{ key_: string }[]>('item.get', { hostids: [hostid], output: ['key_'] });
  const known = new Set(have.map((i) => i.key_));
  const missing = items.filter((i) => !known.has(i.key));
  if (missing.length === 0) return 0;
  await api.call(
    'item.create',
    missing.map((i) => ({
      hostid,
      key_: i.key,
      name: i.name,
      type: TRAPPER,
      value_type: i.valueType,
      units: i.units ?? '',
      description: i.description ?? '',
      history: '7d',
      ...(i.valueType === CHAR ? {} : { trends: '30d' }),
    })),
  );
  return missing.length;
}

async function ensureTriggers(api: ZabbixApi, hostid: string, triggers: TriggerDef[]): Promise<number> {
  const have = await api.call<{ triggerid: string; description: string; expression: string }[]>('trigger.get', {
    hostids: [hostid],
    output: ['description', 'expression'],
    expandExpression: true,
  });
  const known = new Map(have.map((t) => [t.description, t]));
  let changed = 0;
  for (const t of triggers) {
    const h = known.get(t.description);
    if (h && h.expression !== t.expression) {
      await api.call('trigger.update', { triggerid: h.triggerid, expression: t.expression });
      changed++;
    }
  }
  const missing = triggers.filter((t) => !known.has(t.description));
  if (missing.length === 0) return changed;
  await api.call(
    'trigger.create',
    missing.map((t) => ({ description: t.description, expression: t.expression, priority: t.priority, tags: t.tags, comments: t.comments ?? '', manual_close: 1 })),
  );
  return missing.length + changed;
}

export interface ProvisionResult {
  created: number;
  hostIds: Record<string, string>;
}

/**
 * The stock "Zabbix server" host polls an agent on 127.0.0.1:10050 that the lab does not run; it would only add
 * "agent not available" problems that have nothing to do with the platform. Disable it (once).
 */
async function disableStockServerHost(api: ZabbixApi): Promise<number> {
  const found = await api.call<{ hostid: string; status: string }[]>('host.get', { filter: { host: ['Zabbix server'] }, output: ['hostid', 'status'] });
  const h = found[0];
  if (!h || h.status === '1') return 0;
  await api.call('host.update', { hostid: h.hostid, status: 1 });
  return 1;
}

/** Host group Lab, one host per engine and lab-platform, with their items and triggers. */
export async function provisionZabbix(api: ZabbixApi): Promise<ProvisionResult> {
  let created = await disableStockServerHost(api);
  const hostIds: Record<string, string> = {};
  const groupid = await ensureGroup(api);
  for (const host of ENGINE_NAMES) {
    const h = await ensureHost(api, host, groupid, 'docker-host');
    hostIds[host] = h.id;
    created += Number(h.created) + (await ensureItems(api, h.id, ENGINE_ITEMS)) + (await ensureTriggers(api, h.id, engineTriggers(host)));
  }
  const ph = await ensureHost(api, PLATFORM_HOST, groupid, 'platform');
  hostIds[PLATFORM_HOST] = ph.id;
  created += Number(ph.created) + (await ensureItems(api, ph.id, platformItems())) + (await ensureTriggers(api, ph.id, platformTriggers()));
  return { created, hostIds };
}

import type { ZabbixHost, ZabbixItem, ZabbixProblem, ZabbixProblemsEvent, ZabbixSeries } from '../../../shared/domain';
import type { ZabbixClient } from '../../connectors/zabbix/zabbix-client';
import { toErrorData } from '../../core/errors';
import type { ChangeGuard } from '../audit/change-guard';
import type { Connectors } from '../../connectors/connectors';
import { engineAddresses } from '../registry/registry-service';

interface RawHost {
  hostid: string;
  host: string;
  name: string;
  status: string;
  interfaces?: Array<{ ip: string; dns: string }>;
}
interface RawItem {
  itemid: string;
  hostid: string;
  name: string;
  key_: string;
  units: string;
  value_type: string;
  lastvalue?: string;
  lastclock?: string;
  delay: string;
}
interface RawProblem {
  eventid: string;
  objectid: string;
  name: string;
  severity: string;
  clock: string;
  acknowledged: string;
  suppressed?: string;
  acknowledges?: Array<{ clock: string; message: string; username?: string; alias?: string; name?: string; surname?: string }>;
  tags?: Array<{ tag: string; value: string }>;
}

/** How far back the API keeps raw history by default: beyond this, trends. */
const HISTORY_SPAN_MS = 2 * 24 * 3600 * 1000;
const KEY_ITEMS = /^(docker\.|agent\.ping|system\.cpu\.util|vm\.memory\.utilization|icmpping)/;

export function toItem(raw: RawItem): ZabbixItem {
  return {
    itemid: raw.itemid,
    hostid: raw.hostid,
    name: raw.name,
    key: raw.key_,
    units: raw.units,
    valueType: Number(raw.value_type),
    lastValue: raw.lastclock && raw.lastclock !== '0' ? raw.lastvalue : undefined,
    lastClock: raw.lastclock && raw.lastclock !== '0' ? Number(raw.lastclock) * 1000 : undefined,
    delay: raw.delay,
  };
}

/** Seconds of an item's update interval ("30s", "5m", "1h"; trapper items have "0"). */
export function delaySeconds(delay: string): number {
  const match = /^(\d+)([smhdw]?)$/.exec(delay.trim());
  if (!match) return 60;
  const n = Number(match[1]);
  return n * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as Record<string, number>)[match[2]!]!;
}

/** Inserts a null where consecutive points are further apart than maxGapMs, so charts show a gap. */
export function withGaps(points: Array<[number, number]>, maxGapMs: number): Array<[number, number | null]> {
  const out: Array<[number, number | null]> = [];
  points.forEach((point, i) => {
    const previous = points[i - 1];
    if (previous && point[0] - previous[0] > maxGapMs) out.push([previous[0] + 1, null]);
    out.push(point);
  });
  return out;
}

/** Zabbix beside the containers: hosts matched to engines, problems, history, acknowledgement. */
export class ZabbixService {
  constructor(
    private readonly zabbix: ZabbixClient,
    private readonly connectors: Connectors,
    private readonly guard: ChangeGuard,
    private readonly engineHosts: Record<string, string> = {},
  ) {}

  /** The engine a Zabbix host stands for: by setting, by name, or by interface address. */
  matchEngine(host: Pick<RawHost, 'host' | 'name' | 'interfaces'>): { engine: string; matchedBy: 'setting' | 'name' | 'address' } | undefined {
    for (const [engine, hostName] of Object.entries(this.engineHosts)) {
      if (hostName === host.host || hostName === host.name) return { engine, matchedBy: 'setting' };
    }
    const byName = this.connectors.docker.find((e) => e.name === host.host || e.name === host.name);
    if (byName) return { engine: byName.name, matchedBy: 'name' };
    const addresses = (host.interfaces ?? []).flatMap((i) => [i.ip, i.dns]).filter(Boolean);
    const byAddress = this.connectors.docker.find((e) => {
      const engineIps = engineAddresses(e.config).filter((ip) => !/^(127\.|::1$)/.test(ip));
      return engineIps.some((ip) => addresses.includes(ip));
    });
    return byAddress ? { engine: byAddress.name, matchedBy: 'address' } : undefined;
  }

  async hosts(): Promise<ZabbixHost[]> {
    const [hosts, problems] = await Promise.all([
      this.zabbix.call<RawHost[]>('host.get', { output: ['hostid', 'host', 'name', 'status'], selectInterfaces: ['ip', 'dns'], sortfield: 'name' }),
      this.problems(),
    ]);
    const items = hosts.length
      ? await this.zabbix.call<RawItem[]>('item.get', {
          hostids: hosts.map((h) => h.hostid),
          output: ['itemid', 'hostid', 'name', 'key_', 'units', 'value_type', 'lastvalue', 'lastclock', 'delay'],
          sortfield: 'name',
        })
      : [];
    return hosts.map((host) => {
      const match = this.matchEngine(host);
      return {
        hostid: host.hostid,
        host: host.host,
        name: host.name,
        enabled: host.status === '0',
        interfaces: (host.interfaces ?? []).map((i) => i.ip || i.dns),
        engine: match?.engine,
        matchedBy: match?.matchedBy,
        problems: problems.filter((p) => p.hosts.some((h) => h.hostid === host.hostid)).length,
        items: items.filter((i) => i.hostid === host.hostid && KEY_ITEMS.test(i.key_)).map(toItem),
      };
    });
  }

  async items(hostids: string[], search?: string): Promise<ZabbixItem[]> {
    const items = await this.zabbix.call<RawItem[]>('item.get', {
      hostids,
      output: ['itemid', 'hostid', 'name', 'key_', 'units', 'value_type', 'lastvalue', 'lastclock', 'delay'],
      ...(search ? { search: { name: search }, searchWildcardsEnabled: true } : {}),
      sortfield: 'name',
      limit: 1000,
    });
    return items.map(toItem);
  }

  async problems(): Promise<ZabbixProblem[]> {
    const raw = await this.zabbix.call<RawProblem[]>('problem.get', {
      output: 'extend',
      selectAcknowledges: 'extend',
      selectTags: 'extend',
      recent: false,
      sortfield: ['eventid'],
      sortorder: 'DESC',
    });
    if (raw.length === 0) return [];
    const events = await this.zabbix.call<Array<{ eventid: string; hosts: Array<{ hostid: string; host: string; name: string }> }>>('event.get', {
      eventids: raw.map((p) => p.eventid),
      output: ['eventid'],
      selectHosts: ['hostid', 'host', 'name'],
    });
    const hostsOf = new Map(events.map((e) => [e.eventid, e.hosts]));
    return raw.map((p) => {
      const hosts = hostsOf.get(p.eventid) ?? [];
      return {
        eventid: p.eventid,
        objectid: p.objectid,
        name: p.name,
        severity: Number(p.severity),
        clock: Number(p.clock) * 1000,
        acknowledged: p.acknowledged === '1',
        acknowledges: (p.acknowledges ?? []).map((a) => ({ clock: Number(a.clock) * 1000, message: a.message, user: a.username ?? a.alias ?? [a.name, a.surname].filter(Boolean).join(' ') })),
        tags: p.tags ?? [],
        hosts,
        engines: hosts.map((h) => this.matchEngine(h)?.engine).filter((e): e is string => !!e),
        suppressed: p.suppressed === '1',
      };
    });
  }

  /** The zabbix.problems stream: checks every intervalMs, sends the list when it changed. */
  watchProblems(onEvent: (event: ZabbixProblemsEvent) => void, intervalMs = 5000): () => void {
    let last = '';
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const poll = async () => {
      let event: ZabbixProblemsEvent;
      try {
        event = { at: Date.now(), problems: await this.problems() };
      } catch (error) {
        event = { at: Date.now(), problems: [], error: toErrorData(error) };
      }
      const signature = JSON.stringify([event.problems, event.error]);
      if (!stopped && signature !== last) {
        last = signature;
        onEvent(event);
      }
      if (!stopped) timer = setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  async history(itemids: string[], from: number, to: number): Promise<ZabbixSeries[]> {
    const items = await this.zabbix.call<RawItem[]>('item.get', { itemids, output: ['itemid', 'hostid', 'name', 'key_', 'units', 'value_type', 'delay'] });
    const useTrends = to - from > HISTORY_SPAN_MS;
    return Promise.all(
      items.map(async (item): Promise<ZabbixSeries> => {
        const valueType = Number(item.value_type);
        const numeric = valueType === 0 || valueType === 3;
        const name = item.name;
        if (!numeric) return { itemid: item.itemid, name, units: item.units, source: 'history', points: [] };
        const time_from = Math.floor(from / 1000);
        const time_till = Math.ceil(to / 1000);
        let points: Array<[number, number]>;
        let intervalMs: number;
        if (useTrends) {
          const trends = await this.zabbix.call<Array<{ clock: string; value_avg: string }>>('trend.get', { itemids: [item.itemid], time_from, time_till, output: ['clock', 'value_avg'] });
          points = trends.map((t) => [Number(t.clock) * 1000, Number(t.value_avg)]);
          intervalMs = 3600 * 1000;
        } else {
          const history = await this.zabbix.call<Array<{ clock: string; ns: string; value: string }>>('history.get', {
            itemids: [item.itemid],
            history: valueType,
            time_from,
            time_till,
            sortfield: 'clock',
            sortorder: 'ASC',
            output: 'extend',
            limit: 20_000,
          });
          points = history.map((h) => [Number(h.clock) * 1000 + Math.floor(Number(h.ns) / 1e6), Number(h.value)]);
          const delay = delaySeconds(item.delay);
          intervalMs = (delay > 0 ? delay : medianGap(points) / 1000 || 60) * 1000;
        }
        points.sort((a, b) => a[0] - b[0]);
        return { itemid: item.itemid, name, units: item.units, source: useTrends ? 'trends' : 'history', points: withGaps(points, intervalMs * 3) };
      }),
    );
  }

  async acknowledge(eventid: string, message: string): Promise<{ ok: true }> {
    // The audit line names the problem, not only its event id.
    const [problem] = await this.zabbix.call<Array<{ name: string }>>('problem.get', { eventids: [eventid], output: ['name'] }).catch(() => []);
    const target = problem ? `Zabbix problem '${problem.name}' (event ${eventid})` : `Zabbix event ${eventid}`;
    const change = { action: 'acknowledge', target, params: { eventid, message }, production: false, typedName: '', why: '', typeWhat: '' };
    return this.guard.run(
      change,
      async () => {
        // 2 = acknowledge, 4 = add message (the same bits from 5.0 to 7.x).
        await this.zabbix.call('event.acknowledge', { eventids: [eventid], action: 6, message });
        return { ok: true as const };
      },
      () => `Acknowledged ${target}`,
    );
  }
}

function medianGap(points: Array<[number, number]>): number {
  const gaps = points.slice(1).map((p, i) => p[0] - points[i]![0]).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

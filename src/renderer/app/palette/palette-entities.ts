import type { ComponentType } from 'react';
import { serviceAliases, serviceDisplayName } from '../../../shared/service-name';
import type { FleetContainer, Incident, RegistryView, ZabbixHost, ZabbixProblem } from '../../../shared/domain';
import { searchTerms, type SearchEntity } from '../../core/entity-search';
import {
  composeServiceHref,
  composeServiceLogsHref,
  containerHref,
  containerLogsHref,
  engineHref,
  incidentHref,
  problemHref,
  registryServicesHref,
  zabbixHostHref,
} from '../../core/links';
import type { Translate } from '../../i18n';

/** What a palette row is; each row shows its kind. */
export type EntityKind = 'container' | 'service' | 'instance' | 'host' | 'problem' | 'incident' | 'screen' | 'action';

export interface PaletteEntity extends SearchEntity {
  /** Unique over the palette, stable across openings (recents are kept by it). */
  id: string;
  kind: EntityKind;
  label: string;
  /** A second, muted line: engine and image, key, host … */
  detail?: string;
  /** Where Enter goes. */
  href?: string;
  /** Where the logs modifier goes (containers, compose services, instances served by a container). */
  logsHref?: string;
  /** An action that is not a link (theme, language, check connections). */
  run?: () => void;
  /** A tone for the row's marker: something wrong with it. */
  tone?: 'error' | 'warn';
  /** The row's icon, when not the kind's own (a screen's). */
  Icon?: ComponentType;
}

export interface PaletteSources {
  containers: readonly FleetContainer[];
  engines: readonly string[];
  registry?: RegistryView;
  problems: readonly ZabbixProblem[];
  zabbixHosts: readonly ZabbixHost[];
  incidents: readonly Incident[];
}

function containerTone(c: FleetContainer): PaletteEntity['tone'] {
  if (c.health === 'unhealthy' || c.state === 'dead' || c.state === 'restarting') return 'error';
  if (c.state === 'exited' && c.exitCode !== undefined && c.exitCode !== 0) return 'warn';
  return undefined;
}

export function containerEntities(containers: readonly FleetContainer[]): PaletteEntity[] {
  return containers.map((c) => {
    const ref = { engine: c.engine, id: c.id };
    const compose = c.service ? `${c.project ? `${c.project}/` : ''}${c.service}` : undefined;
    return {
      id: `container:${c.engine}/${c.id}`,
      kind: 'container',
      label: c.name,
      detail: [c.engine, c.image, c.state].join(' · '),
      terms: searchTerms(c.name, c.id.slice(0, 12), c.image, compose),
      href: containerHref(ref),
      logsHref: containerLogsHref(ref),
      tone: containerTone(c),
    };
  });
}

/** One row per compose project/service seen in the fleet, with its replica count. */
export function composeServiceEntities(containers: readonly FleetContainer[], t: Translate): PaletteEntity[] {
  const groups = new Map<string, { project?: string; service: string; environment?: string; count: number; engines: Set<string> }>();
  for (const c of containers) {
    if (!c.service) continue;
    const key = `${c.project ?? ''}/${c.service}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { project: c.project, service: c.service, count: 0, engines: new Set() }));
    group.environment ??= c.environment;
    group.count++;
    group.engines.add(c.engine);
  }
  return [...groups.entries()].map(([key, g]) => ({
    id: `compose:${key}`,
    kind: 'service',
    // The service's one name (user_PROD); compose's prod/user is said in the detail and found too.
    label: serviceDisplayName(g),
    detail: [...serviceAliases(g).slice(0, 1), t('palette.detail.compose', { count: g.count, engines: [...g.engines].sort().join(', ') })].join(' · '),
    terms: searchTerms(serviceDisplayName(g), ...serviceAliases(g)),
    href: composeServiceHref(g.project, g.service),
    logsHref: g.project ? composeServiceLogsHref(g.project, g.service) : undefined,
  }));
}

/** Registry services (`app_ENV`) and each registered instance (by key and by `ip:port`). */
export function registryEntities(view: RegistryView | undefined, t: Translate): PaletteEntity[] {
  if (!view) return [];
  const out: PaletteEntity[] = [];
  for (const service of view.services) {
    const name = `${service.app}_${service.env}`;
    const broken = service.instances.some((i) => i.problems.length > 0);
    out.push({
      id: `registry:${name}`,
      kind: 'service',
      label: name,
      detail: t('palette.detail.registryService', { count: service.instances.length }),
      terms: searchTerms(name, service.app),
      href: registryServicesHref(name),
      tone: broken ? 'warn' : undefined,
    });
    for (const instance of service.instances) {
      const address = `${instance.ip}:${instance.port}`;
      out.push({
        id: `instance:${instance.key}`,
        kind: 'instance',
        label: address,
        detail: [instance.key, instance.container?.name].filter(Boolean).join(' · '),
        terms: searchTerms(address, instance.key, instance.value !== address ? instance.value : undefined),
        href: registryServicesHref(instance.key),
        logsHref: instance.container ? containerLogsHref(instance.container) : undefined,
        tone: instance.problems.some((p) => p.kind === 'stale') ? 'error' : instance.problems.length ? 'warn' : undefined,
      });
    }
  }
  return out;
}

export function engineEntities(engines: readonly string[], t: Translate): PaletteEntity[] {
  return engines.map((engine) => ({
    id: `engine:${engine}`,
    kind: 'host',
    label: engine,
    detail: t('palette.detail.engine'),
    terms: searchTerms(engine),
    href: engineHref(engine),
  }));
}

export function zabbixHostEntities(hosts: readonly ZabbixHost[], t: Translate): PaletteEntity[] {
  return hosts.map((h) => ({
    id: `zabbix-host:${h.hostid}`,
    kind: 'host',
    label: h.name,
    detail: h.engine ? t('palette.detail.zabbixHostEngine', { engine: h.engine }) : t('palette.detail.zabbixHost'),
    terms: searchTerms(h.name, h.host !== h.name ? h.host : undefined, ...h.interfaces),
    href: zabbixHostHref(h.host),
    tone: h.problems > 0 ? 'warn' : undefined,
  }));
}

export function problemEntities(problems: readonly ZabbixProblem[]): PaletteEntity[] {
  return problems.map((p) => ({
    id: `problem:${p.eventid}`,
    kind: 'problem',
    label: p.name,
    detail: p.hosts.map((h) => h.name).join(', '),
    terms: searchTerms(p.name, ...p.hosts.map((h) => h.name)),
    href: problemHref(p.eventid),
    tone: p.severity >= 4 ? 'error' : 'warn',
  }));
}

export function incidentEntities(incidents: readonly Incident[]): PaletteEntity[] {
  return incidents.map((i) => ({
    id: `incident:${i.id}`,
    kind: 'incident',
    label: i.title,
    detail: [i.service, i.state].filter(Boolean).join(' · '),
    terms: searchTerms(i.title, i.service, i.compose ? `${i.compose.project}/${i.compose.service}` : undefined),
    href: incidentHref(i.id),
    logsHref: i.focus ? containerLogsHref(i.focus.container) : undefined,
    tone: i.state === 'open' ? (i.severity === 'warning' ? 'warn' : 'error') : undefined,
  }));
}

import type { FleetContainer } from '../../../shared/domain';
import { searchTerms } from '../../core/entity-search';
import { composeServiceLogsHref, containerActionHref, containerLogsHref, problemHref, terminalHref, topologyServiceHref } from '../../core/links';
import { hashQuery, parseHash } from '../../core/router';
import { parseContainersPath } from '../../features/containers/containers-route';
import type { Translate } from '../../i18n';
import type { PaletteEntity } from './palette-entities';

function action(id: string, label: string, href: string, ...extraTerms: string[]): PaletteEntity {
  return { id: `action:${id}`, kind: 'action', label, href, terms: searchTerms(label, ...extraTerms) };
}

function findContainer(containers: readonly FleetContainer[], engine: string, id: string): FleetContainer | undefined {
  return containers.find((c) => c.engine === engine && (c.id === id || c.id.startsWith(id) || c.name === id));
}

/** The platform service (`app_ENV`) of a container, as the topology names it. */
function platformService(c: Pick<FleetContainer, 'service' | 'environment'>): string | undefined {
  return c.service && c.environment ? `${c.service}_${c.environment}` : undefined;
}

/**
 * What can be done to what is open now: a container's detail offers its logs, a terminal, a
 * restart and scaling its service; a compose service its logs and scaling; a marked Zabbix
 * problem its acknowledgement. Each is a link to the screen that does it (with its usual
 * confirmation).
 */
export function selectionActions(hash: string, containers: readonly FleetContainer[], problemName: (eventid: string) => string | undefined, t: Translate): PaletteEntity[] {
  const { path } = parseHash(hash);
  const route = parseContainersPath(path);
  if (route.view === 'detail') {
    const found = findContainer(containers, route.engine, route.id);
    const ref = { engine: route.engine, id: found?.id ?? route.id };
    const name = found?.name ?? route.id.slice(0, 12);
    const out = [
      action('logs', t('palette.action.logs', { name }), containerLogsHref(ref), 'logs', 'tail'),
      action('terminal', t('palette.action.terminal', { name }), terminalHref(ref), 'terminal', 'shell', 'exec'),
      action('restart', t('palette.action.restart', { name }), containerActionHref(ref, 'restart'), 'restart'),
    ];
    const service = found && platformService(found);
    if (service) out.push(action('scale', t('palette.action.scale', { name: service }), topologyServiceHref(service), 'scale', 'replicas'));
    return out;
  }
  if (route.view === 'service') {
    const label = route.project ? `${route.project}/${route.service}` : route.service;
    const replica = containers.find((c) => c.service === route.service && (c.project ?? '') === route.project);
    const out: PaletteEntity[] = [];
    if (route.project) out.push(action('logs', t('palette.action.logs', { name: label }), composeServiceLogsHref(route.project, route.service), 'logs', 'tail'));
    const service = replica && platformService(replica);
    if (service) out.push(action('scale', t('palette.action.scale', { name: service }), topologyServiceHref(service), 'scale', 'replicas'));
    return out;
  }
  if (path.startsWith('/metrics/problems')) {
    const eventid = hashQuery(hash).get('event');
    if (!eventid) return [];
    const name = problemName(eventid) ?? eventid;
    return [action('acknowledge', t('palette.action.acknowledge', { name }), problemHref(eventid, { ack: true }), 'acknowledge', 'ack')];
  }
  return [];
}

/** Links to the places an engineer goes from an incident or an event: a container, its logs at a moment, a shell. */

const MINUTE = 60_000;

/** How far either side of a moment "logs around this moment" reaches. */
export const LOGS_AROUND_MS = 2 * MINUTE;

/**
 * `#/logs?engine=E&id=ID&since=…&until=…&at=…`: the container's logs from 2 min before to 2 min
 * after the moment; the Logs screen scrolls to the last line at or before `at` and marks it. `at` is
 * milliseconds, or a log line's RFC 3339 UTC timestamp (`…Z`, up to nine fraction digits).
 */
export function logsAroundHref(container: { engine: string; id: string }, at: number | string): string {
  // A line's own timestamp (nine fraction digits, UTC) goes as is, so that exactly that line is marked.
  const ms = typeof at === 'number' ? at : Date.parse(`${at.slice(0, 23)}Z`);
  const mark = typeof at === 'number' ? new Date(at).toISOString() : at;
  const query = new URLSearchParams({ engine: container.engine, id: container.id, since: new Date(ms - LOGS_AROUND_MS).toISOString(), until: new Date(ms + LOGS_AROUND_MS).toISOString(), at: mark });
  return `#/logs?${query.toString()}`;
}

/** `#/containers/<engine>/<id>`. */
export function containerHref(container: { engine: string; id: string }): string {
  return `#/containers/${encodeURIComponent(container.engine)}/${encodeURIComponent(container.id)}`;
}

/** `#/terminal?engine=E&id=ID`: a shell in the container (after the usual confirmation). */
export function terminalHref(container: { engine: string; id: string }): string {
  return `#/terminal?${new URLSearchParams({ engine: container.engine, id: container.id }).toString()}`;
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `#/${path}?${text}` : `#/${path}`;
}

/** `#/logs?engine=E&id=ID`: the container's logs, following. */
export function containerLogsHref(container: { engine: string; id: string }): string {
  return withQuery('logs', { engine: container.engine, id: container.id });
}

/** Container actions the detail view offers from a link (it opens its usual confirmation). */
export type LinkedContainerAction = 'restart' | 'stop' | 'start';

/** `#/containers/<engine>/<id>?action=restart`: the detail, with the action's confirmation open. */
export function containerActionHref(container: { engine: string; id: string }, action: LinkedContainerAction): string {
  return `${containerHref(container)}?${new URLSearchParams({ action }).toString()}`;
}

/** `#/containers/service/<project>/<service>`: a compose service's replicas and summed stats. */
export function composeServiceHref(project: string | undefined, service: string): string {
  return `#/containers/service/${encodeURIComponent(project || '-')}/${encodeURIComponent(service)}`;
}

/** `#/logs?project=P&service=S`: the logs of every replica of a compose service. */
export function composeServiceLogsHref(project: string, service: string): string {
  return withQuery('logs', { project, service });
}

/** `#/containers?engine=E`: the fleet of one Docker engine. */
export function engineHref(engine: string): string {
  return withQuery('containers', { engine });
}

/** `#/registry/services?text=…`: the registry's services, filtered (a service `app_ENV`, a key, an `ip:port`). */
export function registryServicesHref(text: string): string {
  return withQuery('registry/services', { text });
}

/** `#/metrics/problems?event=ID`: the Zabbix problems with this one marked; `ack` opens its acknowledgement. */
export function problemHref(eventid: string, options: { ack?: boolean } = {}): string {
  return withQuery('metrics/problems', { event: eventid, ack: options.ack ? '1' : undefined });
}

/** `#/metrics/hosts?host=H`: the Zabbix hosts with this one marked. */
export function zabbixHostHref(host: string): string {
  return withQuery('metrics/hosts', { host });
}

/** `#/incidents?incident=ID`: the watch's incidents with this one marked. */
export function incidentHref(id: string): string {
  return withQuery('incidents', { incident: id });
}

/** `#/topology?service=app_ENV`: the topology filtered to one platform service (scale, restart). */
export function topologyServiceHref(service: string): string {
  return withQuery('topology', { service });
}

import { platformServiceName } from '../../../../shared/service-name';
/**
 * Where a container's detail leads: its logs, a terminal in it, its service in the registry,
 * its engine's metrics and its service on the timeline. Each is a hash route the browser can
 * follow (a real link: keyboard, middle-click, copy).
 */

export type PivotId = 'logs' | 'terminal' | 'registry' | 'metrics' | 'timeline';

export interface PivotContainer {
  engine: string;
  /** The full id (the Logs and Terminal screens look it up as given). */
  id: string;
  /** The compose service (`com.docker.compose.service`), when there is one. */
  service?: string;
  /** The environment it belongs to (PRE, PROD …), when it can be told. */
  environment?: string;
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `#/${path}?${text}` : `#/${path}`;
}

/**
 * The platform service a container serves, as the registry and the timeline name it:
 * `app_ENV` (compose service and environment); undefined when either is unknown.
 */
export function platformService(container: Pick<PivotContainer, 'service' | 'environment'>): string | undefined {
  return platformServiceName(container);
}

/** The Logs screen's own query (`#/logs?engine=E&id=ID`). */
export function logsHref(container: PivotContainer): string {
  return withQuery('logs', { engine: container.engine, id: container.id });
}

/** The Terminal screen's own query: it asks for the exec confirmation of that container. */
export function terminalHref(container: PivotContainer): string {
  return withQuery('terminal', { engine: container.engine, id: container.id });
}

/** The registry's services tab, with the service's name (`app_ENV`) as its text filter. */
export function registryHref(container: PivotContainer): string {
  return withQuery('registry/services', { text: platformService(container) });
}

/** The Metrics screen's hosts (each Zabbix host with the engine it matches), for this engine. */
export function metricsHref(container: PivotContainer): string {
  return withQuery('metrics/hosts', { engine: container.engine });
}

/** The timeline, for the container's platform service. */
export function timelineHref(container: PivotContainer): string {
  return withQuery('timeline', { service: platformService(container) });
}

/** Links to the places an engineer goes from an incident or an event: a container, its logs at a moment, a shell. */

const MINUTE = 60_000;

/** How far either side of a moment "logs around this moment" reaches. */
export const LOGS_AROUND_MS = 2 * MINUTE;

/**
 * `#/logs?engine=E&id=ID&since=…&until=…&at=…`: the container's logs from 2 min before to 2 min
 * after the moment; the Logs screen scrolls to the last line at or before `at` and marks it.
 */
export function logsAroundHref(container: { engine: string; id: string }, at: number): string {
  const query = new URLSearchParams({ engine: container.engine, id: container.id, since: new Date(at - LOGS_AROUND_MS).toISOString(), until: new Date(at + LOGS_AROUND_MS).toISOString(), at: new Date(at).toISOString() });
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

/** `#/logs?engine=E&id=ID`: the container's logs, following the end. */
export function logsHref(container: { engine: string; id: string }): string {
  return `#/logs?${new URLSearchParams({ engine: container.engine, id: container.id }).toString()}`;
}

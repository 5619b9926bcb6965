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

/** Where inside the Containers screen: the fleet, one container, or the stats of one service. */
export type ContainersRoute =
  | { view: 'fleet' }
  | { view: 'detail'; engine: string; id: string }
  | { view: 'service'; project: string; service: string };

/** `#/containers/<engine>/<id>` and `#/containers/service/<project>/<service>`. */
export function parseContainersPath(path: string): ContainersRoute {
  const parts = path
    .replace(/^\/+/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  if (parts[0] !== 'containers') return { view: 'fleet' };
  if (parts.length === 4 && parts[1] === 'service') return { view: 'service', project: parts[2] === '-' ? '' : parts[2]!, service: parts[3]! };
  if (parts.length === 3) return { view: 'detail', engine: parts[1]!, id: parts[2]! };
  return { view: 'fleet' };
}

/** The hash-route path (without `#/`) of one container's detail. */
export function detailPath(engine: string, id: string): string {
  return `containers/${encodeURIComponent(engine)}/${encodeURIComponent(id)}`;
}

/** The hash-route path of a service's summed stats. */
export function servicePath(project: string | undefined, service: string): string {
  return `containers/service/${encodeURIComponent(project || '-')}/${encodeURIComponent(service)}`;
}

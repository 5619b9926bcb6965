/** The tabs of the Registry screen, each a hash sub-route: `#/registry/keys`. */
export const REGISTRY_TABS = ['services', 'keys', 'confd', 'cluster'] as const;
export type RegistryTab = (typeof REGISTRY_TABS)[number];

/** The tab of a hash path (`/registry/keys` → keys); services for `/registry` or anything unknown. */
export function tabFromPath(path: string): RegistryTab {
  const segment = path.replace(/^\/+/, '').split('/')[1] ?? '';
  return (REGISTRY_TABS as readonly string[]).includes(segment) ? (segment as RegistryTab) : 'services';
}

export function tabHref(tab: RegistryTab): string {
  return `#/registry/${tab}`;
}

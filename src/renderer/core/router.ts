import { useEffect, useMemo, useSyncExternalStore } from 'react';

/**
 * Hash routing: `#/containers` is the Containers screen. The hash survives reloads, works
 * from file:// and under the browser-mode `/<token>/` prefix without any server help.
 */
export interface RouteLocation {
  /** First path segment, e.g. `containers`; '' for the bare `#/`. */
  screen: string;
  /** The full path after `#`, e.g. `/containers`. */
  path: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentHash(): string {
  return window.location.hash;
}

export function parseHash(hash: string): RouteLocation {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const screen = path.replace(/^\/+/, '').split('/')[0] ?? '';
  return { screen: decodeURIComponent(screen), path };
}

export function useLocation(): RouteLocation {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}

/** The query of a hash route: `#/logs?engine=E&id=I` → engine=E&id=I. */
export function hashQuery(hash: string): URLSearchParams {
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/** The query of the current route, again on every change of the hash. */
export function useHashQuery(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => hashQuery(hash), [hash]);
}

export function hrefFor(screen: string): string {
  return `#/${screen}`;
}

export function navigate(screen: string, options: { replace?: boolean } = {}): void {
  const href = hrefFor(screen);
  if (options.replace) window.location.replace(href);
  else window.location.hash = href;
}

/**
 * A link may carry a filter for the screen it opens (`#/timeline?service=user_PROD`): when the
 * query has `name`, `apply` gets its value (again whenever the link changes it).
 */
export function useQueryParam(name: string, apply: (value: string) => void): void {
  const value = useHashQuery().get(name);
  useEffect(() => {
    if (value !== null) apply(value);
  }, [value]);
}

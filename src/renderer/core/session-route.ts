/** Query parameters that ask for something once (a confirmation); a restored route never asks again. */
const ONE_SHOT = ['action', 'ack'];

/**
 * The route worth reopening after a restart, from a hash: a known screen with its query, less
 * the one-shot asks; undefined for the bare `#/`, an unknown screen and the Terminal screen
 * (its sessions are offered again, never reconnected by themselves).
 */
export function routeToKeep(hash: string, isScreen: (id: string) => boolean): string | undefined {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const screen = decodeURIComponent(path.replace(/^\/+/, '').split('/')[0] ?? '');
  if (!screen || screen === 'terminal' || !isScreen(screen)) return undefined;
  const params = new URLSearchParams(query);
  for (const name of ONE_SHOT) params.delete(name);
  const rest = params.toString();
  return `#${path}${rest ? `?${rest}` : ''}`;
}

/** Whether the window was opened on a screen of its own (a deep link), which wins over the restored one. */
export function isExplicitHash(hash: string): boolean {
  return hash.replace(/^#\/?/, '') !== '';
}

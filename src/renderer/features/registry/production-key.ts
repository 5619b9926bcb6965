/** The environment a registry key belongs to by the platform's convention: /{app}_{ENV}/… → ENV. */
export function keyEnvironment(key: string): string | undefined {
  return /^\/[^/_]+_([^/]+)\//.exec(key)?.[1];
}

/** Whether a change to this key needs the typed confirmation (the main side checks the same). */
export function isProductionKey(key: string, productionEnvironments: readonly string[]): boolean {
  const env = keyEnvironment(key)?.toLowerCase();
  return env !== undefined && productionEnvironments.some((name) => name.trim().toLowerCase() === env);
}

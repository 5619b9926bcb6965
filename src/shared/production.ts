/**
 * Which environments get the stronger confirmation. One rule for both sides: the renderer
 * asks for the typed name, the main side refuses without it.
 */

/** Is this environment one of the production ones? Names are compared trimmed and case-insensitively. */
export function isProductionEnvironment(environment: string | undefined, productionEnvironments: readonly string[]): boolean {
  const name = environment?.trim().toLowerCase();
  if (!name) return false;
  return productionEnvironments.some((p) => p.trim().toLowerCase() === name);
}

/** The environment a registry key belongs to by the platform's convention: /{app}_{ENV}/… → ENV. */
export function keyEnvironment(key: string): string | undefined {
  return /^\/[^/_]+_([^/]+)\//.exec(key)?.[1];
}

/** Whether a change to this registry key needs the typed confirmation. */
export function isProductionKey(key: string, productionEnvironments: readonly string[]): boolean {
  return isProductionEnvironment(keyEnvironment(key), productionEnvironments);
}

/** Environment variables that name a container's environment, in order of preference. */
const ENV_VARS = ['ENVIRONMENT', 'ENV', 'APP_ENV', 'DEPLOY_ENV'];
const ENV_LABELS = ['environment', 'env', 'io.ops-console.environment'];

/** Which environment (PRE, PROD ...) a container belongs to, from its env or labels. */
export function environmentOf(env: string[] | undefined, labels: Record<string, string> | undefined): string | undefined {
  for (const label of ENV_LABELS) {
    const value = labels?.[label];
    if (value) return value;
  }
  const vars = new Map((env ?? []).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
  for (const name of ENV_VARS) {
    const value = vars.get(name);
    if (value) return value;
  }
  return undefined;
}

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth|access[_-]?key|cookie|session|dsn|signature)/i;

/** Names that look like they hold a secret; their values are masked until revealed. */
export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

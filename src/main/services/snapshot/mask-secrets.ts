import { looksSecret } from '../containers/container-environment';

export const MASK = '••••••';

/** Masks NAME=value pairs whose name looks secret, `password: x`, bearer tokens and known secret values. */
export function maskText(text: string, knownSecrets: string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join(MASK);
  out = out.replace(/\b([A-Za-z0-9_.-]*(?:pass(?:word|wd)?|secret|token|api[_-]?key|credential|private[_-]?key|access[_-]?key))(["']?\s*[=:]\s*["']?)([^\s"',;&]+)/gi, (_m, name: string, sep: string) => `${name}${sep}${MASK}`);
  out = out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${MASK}`);
  return out;
}

/** Masks the values of env entries (NAME=value) whose names look secret. */
export function maskEnv(env: string[] | undefined): string[] {
  return (env ?? []).map((line) => {
    const eq = line.indexOf('=');
    return eq > 0 && looksSecret(line.slice(0, eq)) ? `${line.slice(0, eq)}=${MASK}` : line;
  });
}

/** Deep copy of a JSON value with secret-looking fields and env lists masked. */
export function maskJson(value: unknown, knownSecrets: string[] = []): unknown {
  if (typeof value === 'string') return maskText(value, knownSecrets);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, knownSecrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        if (k === 'Env' && Array.isArray(v)) return [k, maskEnv(v as string[])];
        if (looksSecret(k) && typeof v === 'string') return [k, MASK];
        return [k, maskJson(v, knownSecrets)];
      }),
    );
  }
  return value;
}

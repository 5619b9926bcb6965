import { MASK, maskJson, maskText } from '../snapshot/mask-secrets';

/**
 * Masks what must never reach the console's own log or a pasted diagnostics report:
 * passwords, tokens and keys (NAME=value, `password: x`, bearer/basic tokens, known secret
 * values), `Authorization` headers, Zabbix's `auth` session field, credentials in URLs and
 * PEM private keys.
 */
export function maskLogText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text.replace(/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g, `-----BEGIN $1PRIVATE KEY-----${MASK}-----END $1PRIVATE KEY-----`);
  // scheme://user:password@host -> scheme://user:••••••@host (and a bare token in the user part).
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@"'<>]+):([^\s/@"'<>]*)@/gi, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@"'<>]{16,})@/gi, (_m, scheme: string) => `${scheme}${MASK}@`);
  // Authorization / X-Auth-Token headers in any quoting, and Zabbix's "auth" request field.
  out = out.replace(/\b((?:proxy-)?authorization|x-auth-token|cookie)(["']?\s*[=:]\s*["']?)([^"'\r\n,}]+)/gi, (_m, name: string, sep: string) => `${name}${sep}${MASK}`);
  out = out.replace(/(["']?\bauth["']?\s*[=:]\s*["']?)([^\s"',;&}]+)/gi, (_m, head: string) => `${head}${MASK}`);
  // Query parameters named like secrets (?token=…&password=…) are covered by maskText.
  return maskText(out, [...knownSecrets]);
}

/** A structured value (a config, an error's details) with secret-looking fields and text masked. */
export function maskLogValue(value: unknown, knownSecrets: readonly string[] = []): unknown {
  const masked = maskJson(value, [...knownSecrets]);
  return JSON.parse(maskLogText(JSON.stringify(masked) ?? 'null', knownSecrets)) as unknown;
}

import type { RegistryKey } from '../../../shared/domain';

/** The platform's convention: /{app}_{ENV}/{ip}-{port} -> {ip}:{port}. A setting can replace it. */
export const DEFAULT_INSTANCE_PATTERN = '^/(?<app>[^/_]+)_(?<env>[^/]+)/(?<ip>[^/]+)-(?<port>\\d{1,5})$';

export interface ParsedInstanceKey {
  app: string;
  env: string;
  ip: string;
  port: number;
}

export function parseInstanceKey(key: string, pattern: RegExp): ParsedInstanceKey | undefined {
  const match = pattern.exec(key);
  const groups = match?.groups;
  if (!groups?.app || !groups.env || !groups.ip || !groups.port) return undefined;
  const port = Number(groups.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { app: groups.app, env: groups.env, ip: groups.ip, port };
}

/** Whether a key sits in a service directory (/{app}_{ENV}/...) even if it is not a well-formed instance. */
export function looksLikeServiceKey(key: string): boolean {
  return /^\/[^/_]+_[^/]+\/[^/]+$/.test(key);
}

const PREVIEW_BYTES = 4096;

/** Classifies a value and makes a safe preview: text, JSON, or base64 for binary. */
export function describeValue(value: Buffer): Pick<RegistryKey, 'value' | 'valueKind' | 'size' | 'truncated'> {
  const size = value.length;
  const truncated = size > PREVIEW_BYTES;
  const head = value.subarray(0, PREVIEW_BYTES);
  if (isBinary(head, truncated)) return { value: head.toString('base64'), valueKind: 'binary', size, truncated };
  const text = head.toString('utf8');
  let valueKind: RegistryKey['valueKind'] = 'text';
  if (!truncated && /^\s*[{[]/.test(text)) {
    try {
      JSON.parse(text);
      valueKind = 'json';
    } catch {
      // text that only starts like JSON
    }
  }
  return { value: text, valueKind, size, truncated };
}

/** Control bytes other than tab/newline/CR, or bytes that are not UTF-8, make a value binary. */
export function isBinary(bytes: Buffer, cut = false): boolean {
  // A preview may end in the middle of a character: ignore the last three bytes then.
  const checked = cut ? bytes.subarray(0, Math.max(0, bytes.length - 3)) : bytes;
  for (const byte of checked) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  return !Buffer.from(checked.toString('utf8'), 'utf8').equals(checked);
}

/** What the value of an instance key should be, by the convention. */
export function expectedValue(parsed: ParsedInstanceKey): string {
  return `${parsed.ip}:${parsed.port}`;
}

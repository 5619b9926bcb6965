/**
 * Docker's clock in nanoseconds (bigint: a Unix time in ns does not fit a double), and its text
 * forms: RFC 3339 with 9 fixed digits (log timestamps), Go's RFC3339Nano with trailing zeros
 * trimmed (inspect), and the `since`/`until` query forms Docker accepts.
 */

let last = 0n;

/** Now, in ns since the epoch; strictly increasing within this process. */
export function nowNano(): bigint {
  const wall = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  last = wall > last ? wall : last + 1n;
  return last;
}

function split(ns: bigint): { iso: string; fraction: string } {
  const ms = Number(ns / 1_000_000n);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const fraction = (ns % 1_000_000_000n).toString().padStart(9, '0');
  return { iso, fraction };
}

/** `2026-11-29T21:51:01.636569944Z`: what `docker logs -t` prints (fixed width). */
export function rfc3339NanoFixed(ns: bigint): string {
  const { iso, fraction } = split(ns);
  return `${iso}.${fraction}Z`;
}

/** Go's time.RFC3339Nano: trailing zeros of the fraction dropped (inspect's Created, StartedAt). */
export function rfc3339Nano(ns: bigint): string {
  const { iso, fraction } = split(ns);
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${iso}.${trimmed}Z` : `${iso}Z`;
}

/** Go's zero time, as Docker writes an unset FinishedAt. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * A `since`/`until` value as the daemon reads it (timetypes.ParseTimestamps): Unix seconds with
 * an optional fraction (the CLI turns dates and durations into this form before it asks).
 * Throws Docker's own message for anything else.
 */
export function parseDockerTime(value: string): bigint {
  const [secs = '', fraction] = value.split('.', 2);
  if (!/^-?\d+$/.test(secs)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(secs)}: invalid syntax`);
  if (fraction !== undefined && !/^\d{1,9}$/.test(fraction)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(fraction)}: invalid syntax`);
  return BigInt(secs) * 1_000_000_000n + BigInt((fraction ?? '').padEnd(9, '0') || '0');
}

/** Go's units.HumanDuration, as in `docker ps`'s Status ("Up 8 minutes", "Exited (0) 3 seconds ago"). */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const minutes = Math.floor(s / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(s / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

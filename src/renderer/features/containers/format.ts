import type { Translate } from '../../i18n';

/** "0.42%", "12.3%", "140%" (CPU can exceed 100 % on several cores). */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)}%`;
}

/** A compact duration in the two largest units: "3d 4h", "5h 12m", "4m 03s", "12s". */
export function formatDuration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('duration.dh', { d, h });
  if (h > 0) return t('duration.hm', { h, m: String(m).padStart(2, '0') });
  if (m > 0) return t('duration.ms', { m, s: String(s).padStart(2, '0') });
  return t('duration.s', { s });
}

/** Ports in ascending order, the first few, then "+n". */
export function formatPorts(ports: readonly number[], max = 3): string {
  if (ports.length === 0) return '';
  const shown = ports.slice(0, max).join(', ');
  return ports.length > max ? `${shown} +${ports.length - max}` : shown;
}

/** A command as one line: words with spaces or quotes are quoted. */
export function formatCommand(words: readonly string[]): string {
  return words.map((word) => (word === '' || /[\s"'\\$`]/.test(word) ? JSON.stringify(word) : word)).join(' ');
}

/** Docker's RFC 3339 times; its zero time ("0001-01-01…") means never. */
export function parseDockerTime(value: string | undefined): number | undefined {
  if (!value || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** A layer's "created by": Docker's "/bin/sh -c #(nop) " prefix says nothing; RUN steps read as RUN. */
export function cleanCreatedBy(text: string): string {
  return text
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Turning a key's value into something safe to show: text, pretty JSON or a hex dump. */

/** How much of a value is shown before "show all" (a 1 MB value must not freeze the page). */
export const VALUE_PREVIEW_LIMIT = 64 * 1024;
export const HEX_BYTES_PER_LINE = 16;

export type ValueMode = 'text' | 'json' | 'hex';

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function utf8ToBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The bytes of a value as `registry.get` returns it. */
export function valueBytes(value: string, encoding: 'utf8' | 'base64'): Uint8Array {
  return encoding === 'base64' ? base64ToBytes(value) : utf8ToBytes(value);
}

const hex2 = (byte: number) => byte.toString(16).padStart(2, '0');

/**
 * One line of a classic hex dump: offset, the bytes in groups of 8, then the printable ASCII.
 * 16 bytes a line normally, 8 where the box is narrow.
 */
export function hexLine(bytes: Uint8Array, offset: number, perLine = HEX_BYTES_PER_LINE): string {
  const slice = bytes.subarray(offset, offset + perLine);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < perLine; i++) {
    const byte = slice[i];
    hex += byte === undefined ? '   ' : `${hex2(byte)} `;
    if (i % 8 === 7 && i < perLine - 1) hex += ' ';
    if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  }
  return `${offset.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`;
}

/** The width of a hex line in characters (to pick 16 or 8 bytes a line). */
export function hexLineWidth(perLine = HEX_BYTES_PER_LINE): number {
  return hexLine(new Uint8Array(perLine), 0, perLine).length;
}

/** How many hex lines cover `length` bytes (at least one, for the empty value). */
export function hexLineCount(length: number, perLine = HEX_BYTES_PER_LINE): number {
  return Math.max(1, Math.ceil(length / perLine));
}

/** The whole dump of (at most `limit` bytes of) a value, for tests and copying. */
export function hexDump(bytes: Uint8Array, limit = bytes.length, perLine = HEX_BYTES_PER_LINE): string[] {
  const shown = bytes.subarray(0, Math.min(limit, bytes.length));
  const lines: string[] = [];
  for (let offset = 0; offset < shown.length; offset += perLine) lines.push(hexLine(shown, offset, perLine));
  return lines.length ? lines : [hexLine(shown, 0, perLine)];
}

/**
 * Bytes as readable text: invalid UTF-8 becomes U+FFFD, control characters other than tab and
 * newline become their visible "control picture" (␀ for 0x00), so nothing invisible hides in a value.
 */
export function bytesToDisplayText(bytes: Uint8Array): string {
  return showControls(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
}

/** Control characters other than tab, newline and CR as their visible pictures (0x00 → ␀). */
export function showControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => (c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}

/** The first `limit` characters, and whether anything was left out. */
export function clip(text: string, limit: number): { text: string; clipped: boolean } {
  return text.length > limit ? { text: text.slice(0, limit), clipped: true } : { text, clipped: false };
}

/** JSON re-indented, or why it is not JSON. */
export function prettyJson(text: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The mode a value opens in: hex for binary, JSON when it parses as an object or array, else text. */
export function defaultMode(value: string, encoding: 'utf8' | 'base64'): ValueMode {
  if (encoding === 'base64') return 'hex';
  if (!/^\s*[{[]/.test(value)) return 'text';
  return prettyJson(value).ok ? 'json' : 'text';
}

/** A one-line preview of a value for a table cell. */
export function previewValue(value: string, valueKind: 'text' | 'json' | 'binary', max = 160): string {
  if (valueKind === 'binary') {
    const bytes = base64ToBytes(value.slice(0, Math.ceil(max / 3) * 4));
    return Array.from(bytes.subarray(0, Math.floor(max / 3)), hex2).join(' ');
  }
  const oneLine = showControls(value.slice(0, max * 2)).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

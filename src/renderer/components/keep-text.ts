/**
 * Which part of a text must stay visible when the text is cut to fit: the range [start, end).
 * What comes before it and after it may give way to an ellipsis; the kept part never does
 * (unless it alone is wider than the room).
 */
export type KeepRange = readonly [start: number, end: number];

/** Characters that separate the words of host names, endpoints and keys. */
const SEPARATORS = /[-_.:/@]/;

/** The whole text: nothing special to keep (it is cut at its end, as usual). */
export function keepNothing(text: string): KeepRange {
  return [text.length, text.length];
}

/** `127.0.0.1:30205` keeps `:30205`, the port; a text that does not end in `:<digits>` keeps nothing special. */
export function keepPort(text: string): KeepRange {
  const match = /:\d+$/.exec(text);
  return match ? [match.index, text.length] : keepNothing(text);
}

/** `127.0.0.1-30205` keeps `-30205`: a number at the end with its separator (a port in a key's name). */
export function keepTrailingNumber(text: string): KeepRange {
  const match = /[-_.:]\d+$/.exec(text);
  return match && match.index > 0 ? [match.index, text.length] : keepNothing(text);
}

/** The last `count` characters (a lease ID, whose start is the same for every lease of a member). */
export function keepLast(text: string, count: number): KeepRange {
  return text.length <= count ? [0, text.length] : [text.length - count, text.length];
}

/** `/order_PRE/127.0.0.1-30205` keeps `127.0.0.1-30205`, the last segment of a key. */
export function keepLastSegment(text: string): KeepRange {
  const trimmed = text.endsWith('/') ? text.length - 1 : text.length;
  const slash = text.lastIndexOf('/', trimmed - 1);
  return slash < 0 ? [0, text.length] : [slash + 1, text.length];
}

/**
 * The part of a name that tells it apart from the others of its set: `lab-engine-1` among
 * `lab-engine-1` and `lab-engine-2` keeps `1`; `db-01.example.com` among `db-02.example.com`
 * keeps `01`. The common start and end are cut back to a separator, so a number is kept whole
 * (`lab-engine-10` and `lab-engine-11` keep `10` and `11`). A name alone in its set keeps nothing
 * special.
 */
export function keepDistinct(name: string, names: Iterable<string>): KeepRange {
  const others = [...new Set(names)].filter((other) => other !== name);
  if (others.length === 0 || name === '') return keepNothing(name);
  let prefix = name.length;
  let suffix = name.length;
  for (const other of others) {
    prefix = Math.min(prefix, commonPrefix(name, other));
    suffix = Math.min(suffix, commonSuffix(name, other));
  }
  // Out to word boundaries, then in past the separators there: the kept part is whole words.
  const sep = (i: number) => SEPARATORS.test(name[i] ?? '');
  const boundary = (i: number) => i <= 0 || i >= name.length || sep(i - 1) || sep(i);
  while (!boundary(prefix)) prefix--;
  let end = name.length - suffix;
  while (!boundary(end)) end++;
  while (prefix < end && sep(prefix)) prefix++;
  while (end > prefix && sep(end - 1)) end--;
  if (end <= prefix) {
    // One name is the other's start or end (`web` and `web-2`): keep the whole name.
    return [0, name.length];
  }
  return [prefix, end];
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}

/** The text in three parts: what may be cut before, what is kept, what may be cut after. */
export function splitKept(text: string, [start, end]: KeepRange): [head: string, kept: string, tail: string] {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return [text.slice(0, s), text.slice(s, e), text.slice(e)];
}

/**
 * The palette's matching and ranking: pure, no React, fast enough for 10,000 entities per key
 * stroke. A query matches one of an entity's search terms (name, id, image, key, ip:port …);
 * the best term decides its score.
 *
 * Ranking, best first: the whole term, a prefix of it, the start of a word inside it
 * (after `_ - / . : space`), anywhere inside it, then letters in order (fuzzy). Among equals,
 * the first term (the name) beats later ones, a shorter term beats a longer one, then the
 * order the entities were given in.
 */

export interface SearchEntity {
  /** Lower-case search terms, the most telling first (see `searchTerms`). */
  terms: readonly string[];
}

export const SCORE = {
  exact: 1000,
  prefix: 800,
  wordStart: 600,
  substring: 400,
  fuzzy: 100,
} as const;

const WORD_BREAKS = new Set(['_', '-', '/', '.', ':', ' ', '@', '=', '(', '[']);

/** The terms of an entity, lower-cased, empty ones dropped. */
export function searchTerms(...terms: Array<string | undefined>): string[] {
  const out: string[] = [];
  for (const term of terms) if (term) out.push(term.toLowerCase());
  return out;
}

/** Letters of `query` in order inside `term`; the tighter they sit, the higher (0 when they are not all there). */
function fuzzyScore(query: string, term: string): number {
  let from = 0;
  let first = -1;
  let gaps = 0;
  for (let q = 0; q < query.length; q++) {
    const at = term.indexOf(query[q]!, from);
    if (at < 0) return 0;
    if (first < 0) first = at;
    else gaps += at - from;
    from = at + 1;
  }
  // 1..99: fewer gaps and an earlier start rank higher, never reaching a substring match.
  return Math.max(1, SCORE.fuzzy - Math.min(99, gaps * 3 + Math.min(first, 20)));
}

/** How well `query` (lower-case, trimmed) matches one term; 0 for not at all. */
export function scoreTerm(query: string, term: string): number {
  if (query.length === 0) return 0;
  if (term === query) return SCORE.exact;
  if (term.startsWith(query)) return SCORE.prefix;
  let at = term.indexOf(query);
  if (at < 0) return fuzzyScore(query, term);
  while (at > 0) {
    if (WORD_BREAKS.has(term[at - 1]!)) return SCORE.wordStart;
    at = term.indexOf(query, at + 1);
  }
  return SCORE.substring;
}

/** The entity's best score over its terms, with a small bonus for earlier and shorter terms. */
export function scoreEntity(query: string, entity: SearchEntity): number {
  let best = 0;
  const terms = entity.terms;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const base = scoreTerm(query, term);
    if (base === 0) continue;
    // Within the same band: the name (first term) first, then shorter terms (a closer fit).
    const score = base + (i === 0 ? 50 : 0) + Math.max(0, 40 - (term.length - query.length));
    if (score > best) best = score;
  }
  return best;
}

export interface Ranked<T> {
  item: T;
  score: number;
}

interface Hit<T> extends Ranked<T> {
  index: number;
}

/**
 * A best-first list of at most `size` hits. Hits arrive in the entities' order, so one that
 * ties with the last kept loses (stable): a full list costs one comparison per further hit,
 * and 10,000 matches are never sorted.
 */
class TopHits<T> {
  readonly hits: Hit<T>[] = [];
  constructor(private readonly size: number) {}

  offer(hit: Hit<T>): void {
    const hits = this.hits;
    if (this.size <= 0) return;
    if (hits.length >= this.size && hit.score <= hits[hits.length - 1]!.score) return;
    // After every hit scoring at least as much (earlier ones win ties).
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (hits[mid]!.score >= hit.score) lo = mid + 1;
      else hi = mid;
    }
    hits.splice(lo, 0, hit);
    if (hits.length > this.size) hits.pop();
  }
}

function normalize(query: string): string {
  return query.trim().toLowerCase();
}

const strip = <T>({ item, score }: Hit<T>): Ranked<T> => ({ item, score });

/**
 * The entities that match `query`, best first (stable among equals), at most `limit`. An
 * empty query matches nothing (the palette shows recents then).
 */
export function rankEntities<T extends SearchEntity>(items: readonly T[], query: string, limit = Infinity): Ranked<T>[] {
  const q = normalize(query);
  if (q.length === 0) return [];
  const hits: Hit<T>[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const score = scoreEntity(q, item);
    if (score > 0) hits.push({ item, score, index });
  }
  hits.sort((a, b) => b.score - a.score || a.index - b.index);
  return (hits.length > limit ? hits.slice(0, limit) : hits).map(strip);
}

/**
 * What the palette draws: the best `perKind` hits of each kind, best first across kinds
 * (stable among equals), at most `total` in all. One pass; nothing is sorted but the few kept.
 */
export function searchByKind<T extends SearchEntity & { kind: string }>(items: readonly T[], query: string, perKind: number, total: number): Ranked<T>[] {
  const q = normalize(query);
  if (q.length === 0) return [];
  const kinds = new Map<string, TopHits<T>>();
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!;
    const score = scoreEntity(q, item);
    if (score === 0) continue;
    let top = kinds.get(item.kind);
    if (!top) kinds.set(item.kind, (top = new TopHits<T>(perKind)));
    top.offer({ item, score, index });
  }
  const all = [...kinds.values()].flatMap((top) => top.hits);
  all.sort((a, b) => b.score - a.score || a.index - b.index);
  return all.slice(0, total).map(strip);
}

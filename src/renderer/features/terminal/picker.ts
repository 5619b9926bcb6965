import type { FleetContainer } from '../../../shared/domain';

/** How many matches the picker lists at once; the rest is counted ("type more"). */
export const PICK_LIMIT = 50;

/** What a picker row is searched by: name, compose service (project/service), engine and environment. */
function searchText(c: FleetContainer): string {
  return [c.name, c.project && c.service ? `${c.project}/${c.service}` : c.service, c.engine, c.environment].filter(Boolean).join(' ').toLowerCase();
}

/** 0: the name starts with the first word, 1: the name holds it, 2: something else does. */
function rank(c: FleetContainer, first: string | undefined): number {
  if (!first) return 0;
  const name = c.name.toLowerCase();
  return name.startsWith(first) ? 0 : name.includes(first) ? 1 : 2;
}

/**
 * The running containers matching every word typed (in any of name, service, engine,
 * environment), names that start with the first word first, then by name and engine;
 * at most `limit` of them, and how many matched in all.
 */
export function pickContainers(containers: readonly FleetContainer[], text: string, limit = PICK_LIMIT): { shown: FleetContainer[]; matched: number; running: number } {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const running = containers.filter((c) => c.state === 'running');
  const matching = running.filter((c) => {
    const haystack = searchText(c);
    return words.every((word) => haystack.includes(word));
  });
  const sorted = matching
    .map((c) => ({ c, rank: rank(c, words[0]) }))
    .sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name) || a.c.engine.localeCompare(b.c.engine))
    .map(({ c }) => c);
  return { shown: sorted.slice(0, limit), matched: sorted.length, running: running.length };
}

/** The key of a picker row (engine and id). */
export function pickKey(c: Pick<FleetContainer, 'engine' | 'id'>): string {
  return `${c.engine}/${c.id}`;
}

/** The row after (+1) or before (-1) the current one, stopping at the ends; the first when none is current. */
export function moveActive(current: number, step: 1 | -1, count: number): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, current + step));
}

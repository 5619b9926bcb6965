import { SESSION_LIMITS, type Session } from '../../../shared/domain';

const size = (value: unknown): number => JSON.stringify(value)?.length ?? 0;

/**
 * The session within its bounds: a route that is a hash route of sane length, at most
 * `maxValues` values of at most `maxValueChars` each, at most `maxTerminals` terminals, and
 * the largest values dropped until the whole fits in `maxChars`.
 */
export function boundSession(session: Session, limits = SESSION_LIMITS): Session {
  const route = session.route && session.route.startsWith('#/') && session.route.length <= limits.maxRouteChars ? session.route : undefined;
  const entries = Object.entries(session.values)
    .filter(([, value]) => value !== undefined && size(value) <= limits.maxValueChars)
    .slice(0, limits.maxValues);
  const bounded: Session = { ...(route ? { route } : {}), values: Object.fromEntries(entries), terminals: session.terminals.slice(0, limits.maxTerminals), ...(session.savedAt !== undefined ? { savedAt: session.savedAt } : {}) };
  if (size(bounded) <= limits.maxChars) return bounded;
  // Too large in all: drop the largest values first (a filter is small; a pasted blob is not).
  const bySize = entries.map(([key, value]) => ({ key, chars: size(value) })).sort((a, b) => b.chars - a.chars);
  const values = { ...bounded.values };
  let total = size(bounded);
  for (const { key, chars } of bySize) {
    if (total <= limits.maxChars) break;
    delete values[key];
    total -= chars + key.length + 4;
  }
  return { ...bounded, values };
}

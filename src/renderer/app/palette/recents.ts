import { readSetting, writeSetting } from '../../core/storage';
import type { EntityKind, PaletteEntity } from './palette-entities';

/** What the palette remembers of an entity opened from it: enough to draw and open it again. */
export interface RecentEntity {
  id: string;
  kind: EntityKind;
  label: string;
  detail?: string;
  href: string;
  logsHref?: string;
}

export const RECENTS_SETTING = 'palette.recents';
export const MAX_RECENTS = 8;

const KINDS: readonly EntityKind[] = ['container', 'service', 'instance', 'host', 'problem', 'incident', 'screen', 'action'];

function isRecent(value: unknown): value is RecentEntity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.label === 'string' &&
    typeof v.href === 'string' &&
    v.href.startsWith('#/') &&
    KINDS.includes(v.kind as EntityKind) &&
    (v.detail === undefined || typeof v.detail === 'string') &&
    (v.logsHref === undefined || (typeof v.logsHref === 'string' && v.logsHref.startsWith('#/')))
  );
}

/** The remembered list, newest first; anything unreadable is dropped. */
export function parseRecents(text: string | null): RecentEntity[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(isRecent).slice(0, MAX_RECENTS) : [];
  } catch {
    return [];
  }
}

/** `entity` first, without an older copy of it, at most MAX_RECENTS. Entities without a link are not kept. */
export function withRecent(recents: readonly RecentEntity[], entity: PaletteEntity): RecentEntity[] {
  if (!entity.href) return [...recents];
  const recent: RecentEntity = { id: entity.id, kind: entity.kind, label: entity.label, detail: entity.detail, href: entity.href, logsHref: entity.logsHref };
  return [recent, ...recents.filter((r) => r.id !== entity.id)].slice(0, MAX_RECENTS);
}

export function readRecents(): RecentEntity[] {
  return parseRecents(readSetting(RECENTS_SETTING));
}

export function rememberRecent(entity: PaletteEntity): void {
  writeSetting(RECENTS_SETTING, JSON.stringify(withRecent(readRecents(), entity)));
}

import { Command } from 'cmdk';
import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { IconLanguage, IconMoon, IconRefresh, IconSun } from '../components/icons';
import { useEscapeKey } from '../components/use-escape-key';
import { searchByKind } from '../core/entity-search';
import { IS_MAC } from '../core/keys';
import { useCheckConnections } from '../features/connections/use-check-connections';
import { LANGUAGES, useLanguage, useT } from '../i18n';
import { useTheme } from '../core/theme';
import { PaletteRow } from './palette/PaletteRow';
import { usePaletteEntities } from './palette/use-palette-entities';
import type { PaletteEntity } from './palette/palette-entities';
import { readRecents, rememberRecent, type RecentEntity } from './palette/recents';
import './command-palette.css';

/** Rows drawn for a query: a few per kind, and never more than this in all (10,000 containers stay instant). */
const PER_KIND = 5;
const MAX_ROWS = 40;

/** The logs modifier: Ctrl+Enter (⌘+Enter on macOS; either works everywhere). */
function isLogsModifier(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

function go(href: string): void {
  window.location.hash = href;
}

/**
 * Ctrl+K / Cmd+K: find any container, service, instance, host, Zabbix problem, incident or
 * screen by name and open it (Ctrl/⌘+Enter opens its logs); run an action on what is open;
 * change a preference. Escape or a click outside closes it (the shell puts focus back).
 */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const t = useT();
  const { theme, toggleTheme } = useTheme();
  const [language, setLanguage] = useLanguage();
  const checkConnections = useCheckConnections();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [selected, setSelected] = useState('');
  const [recents] = useState<RecentEntity[]>(readRecents);
  const { entities, byId, selection } = usePaletteEntities();

  useEscapeKey(onClose);

  const preferences = useMemo<PaletteEntity[]>(
    () => [
      {
        id: 'pref:check-all-connections',
        kind: 'action',
        label: t('palette.checkAll'),
        terms: [t('palette.checkAll').toLowerCase(), 'check connections', 'ping', 'health'],
        run: () => checkConnections(),
      },
      {
        id: 'pref:toggle-theme',
        kind: 'action',
        label: theme === 'dark' ? t('palette.switchToLight') : t('palette.switchToDark'),
        terms: [(theme === 'dark' ? t('palette.switchToLight') : t('palette.switchToDark')).toLowerCase(), 'theme', 'dark', 'light'],
        run: toggleTheme,
      },
      ...LANGUAGES.filter((code) => code !== language).map<PaletteEntity>((code) => ({
        id: `pref:language-${code}`,
        kind: 'action',
        label: t('palette.language', { language: t(`language.${code}`) }),
        terms: [t('palette.language', { language: t(`language.${code}`) }).toLowerCase(), 'language', 'lang', '语言', code.toLowerCase()],
        run: () => setLanguage(code),
      })),
    ],
    [t, theme, toggleTheme, language, setLanguage, checkConnections],
  );

  const searchable = useMemo(() => [...selection, ...entities, ...preferences], [selection, entities, preferences]);
  const results = useMemo(() => searchByKind(searchable, deferredQuery, PER_KIND, MAX_ROWS).map((hit) => hit.item), [searchable, deferredQuery]);
  const screens = useMemo(() => entities.filter((e) => e.kind === 'screen'), [entities]);
  // An empty query: recents (as remembered, or as known now), what can be done here, screens, preferences.
  const recentRows = useMemo(() => recents.map((r): PaletteEntity => ({ ...r, ...byId.get(r.id), id: r.id, terms: [] })), [recents, byId]);
  const empty = query.trim() === '';
  const rows = empty ? [...recentRows, ...selection, ...screens, ...preferences] : results;

  // Keep the first row selected as the results change (cmdk does not when it does not filter).
  const firstId = rows[0]?.id ?? '';
  useEffect(() => setSelected(firstId), [firstId, deferredQuery]);

  const find = (id: string) => rows.find((row) => row.id === id);
  const open = (entity: PaletteEntity, logs = false) => {
    const href = logs ? entity.logsHref : entity.href;
    if (!href && !entity.run) return;
    if (entity.kind !== 'action' && entity.href) rememberRecent(entity);
    onClose();
    if (href) go(href);
    else entity.run?.();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // The input is the only focusable element: keep focus inside the dialog.
    if (event.key === 'Tab') event.preventDefault();
    if (isLogsModifier(event)) {
      event.preventDefault();
      const entity = find(selected);
      if (entity?.logsHref) open(entity, true);
    }
  };

  const row = (entity: PaletteEntity, group: string) => (
    <PaletteRow key={`${group}:${entity.id}`} entity={entity} icon={iconFor(entity, theme)} onSelect={() => open(entity)} />
  );

  return (
    <div className="palette-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.label')} data-testid="command-palette">
        <Command label={t('palette.label')} loop vimBindings={false} shouldFilter={false} value={selected} onValueChange={setSelected} onKeyDown={onKeyDown}>
          <Command.Input className="palette__input" placeholder={t('palette.placeholder')} autoFocus value={query} onValueChange={setQuery} data-testid="palette-input" />
          <Command.List className="palette__list">
            <Command.Empty className="palette__empty">{t('palette.empty')}</Command.Empty>
            {empty ? (
              <>
                {recentRows.length > 0 && <Command.Group heading={t('palette.groupRecent')}>{recentRows.map((e) => row(e, 'recent'))}</Command.Group>}
                {selection.length > 0 && <Command.Group heading={t('palette.groupHere')}>{selection.map((e) => row(e, 'here'))}</Command.Group>}
                <Command.Group heading={t('palette.groupNavigate')}>{screens.map((e) => row(e, 'screen'))}</Command.Group>
                <Command.Group heading={t('palette.groupPreferences')}>{preferences.map((e) => row(e, 'pref'))}</Command.Group>
              </>
            ) : (
              results.map((e) => row(e, 'hit'))
            )}
          </Command.List>
          <div className="palette__footer" aria-hidden="true">
            <span>
              <kbd>↑</kbd> <kbd>↓</kbd> {t('palette.hintMove')}
            </span>
            <span>
              <kbd>↵</kbd> {t('palette.hintOpen')}
            </span>
            <span data-testid="palette-logs-hint">
              <kbd>{IS_MAC ? '⌘' : 'Ctrl'}</kbd>+<kbd>↵</kbd> {t('palette.hintLogs')}
            </span>
            <span>
              <kbd>Esc</kbd> {t('palette.close')}
            </span>
          </div>
        </Command>
      </div>
    </div>
  );
}

function iconFor(entity: PaletteEntity, theme: string): ReactNode {
  if (entity.id === 'pref:toggle-theme') return theme === 'dark' ? <IconSun /> : <IconMoon />;
  if (entity.id.startsWith('pref:language-')) return <IconLanguage />;
  if (entity.id === 'pref:check-all-connections') return <IconRefresh />;
  return undefined;
}

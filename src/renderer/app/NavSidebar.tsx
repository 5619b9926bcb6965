import { IconCommand, IconMoon, IconSun } from '../components/icons';
import { useConnections } from '../features/connections/connections-store';
import { useT } from '../i18n';
import { IS_MAC, PALETTE_SHORTCUT } from '../core/keys';
import { hrefFor } from '../core/router';
import { SCREENS, SETTINGS_SCREEN, type Screen } from './routes';
import { SIDEBAR_KEY } from './sidebar';
import { useTheme } from '../core/theme';

/** "Ctrl+B", or "⌘B" on macOS. */
const SIDEBAR_SHORTCUT = IS_MAC ? `⌘${SIDEBAR_KEY.toUpperCase()}` : `Ctrl+${SIDEBAR_KEY.toUpperCase()}`;

interface NavSidebarProps {
  current: string;
  onOpenPalette(): void;
  /** Icons only; every label is still the accessible name, and shows on hover. */
  collapsed: boolean;
  onToggleCollapsed(): void;
}

/** The left navigation: every screen, then the palette, theme toggle, Settings and the collapse toggle. */
export function NavSidebar({ current, onOpenPalette, collapsed, onToggleCollapsed }: NavSidebarProps) {
  const t = useT();
  const { theme, toggleTheme } = useTheme();
  const { connections } = useConnections();
  const errors = connections.filter((c) => c.state === 'error').length;
  const themeLabel = theme === 'dark' ? t('nav.themeLight') : t('nav.themeDark');
  const toggleLabel = collapsed ? t('nav.expand') : t('nav.collapse');

  return (
    <nav className={`sidebar${collapsed ? ' sidebar--collapsed' : ''}`} aria-label={t('nav.label')} data-testid="sidebar" data-collapsed={String(collapsed)}>
      <div className="sidebar__brand" title={collapsed ? t('app.name') : undefined}>
        <BrandMark />
        <span className="sidebar__brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <NavLink screen={screen} active={current === screen.id} badge={screen.id === 'connections' ? errors : 0} collapsed={collapsed} />
          </li>
        ))}
      </ul>
      <div className="sidebar__footer">
        <button
          type="button"
          className="nav-link nav-link--button"
          onClick={onOpenPalette}
          title={collapsed ? t('nav.shortcutHint', { action: t('nav.openPalette'), shortcut: PALETTE_SHORTCUT }) : undefined}
          data-testid="open-palette"
        >
          <IconCommand />
          <span className="nav-link__label">{t('nav.openPalette')}</span>
          <kbd className="nav-link__kbd">{PALETTE_SHORTCUT}</kbd>
        </button>
        <button
          type="button"
          className="nav-link nav-link--button"
          onClick={toggleTheme}
          title={theme === 'dark' ? t('palette.switchToLight') : t('palette.switchToDark')}
          data-testid="theme-toggle"
        >
          {theme === 'dark' ? <IconSun /> : <IconMoon />}
          <span className="nav-link__label">{themeLabel}</span>
        </button>
        <NavLink screen={SETTINGS_SCREEN} active={current === SETTINGS_SCREEN.id} badge={0} collapsed={collapsed} />
        <button
          type="button"
          className="nav-link nav-link--button sidebar__toggle"
          onClick={onToggleCollapsed}
          aria-label={toggleLabel}
          title={t('nav.shortcutHint', { action: toggleLabel, shortcut: SIDEBAR_SHORTCUT })}
          data-testid="sidebar-toggle"
        >
          <IconSidebar collapsed={collapsed} />
          <span className="nav-link__label" aria-hidden="true">
            {toggleLabel}
          </span>
        </button>
      </div>
    </nav>
  );
}

function NavLink({ screen, active, badge, collapsed }: { screen: Screen; active: boolean; badge: number; collapsed: boolean }) {
  const t = useT();
  const { Icon } = screen;
  const label = t(screen.labelKey);
  const errors = badge > 0 ? t('nav.connectionErrors', { count: badge }) : '';
  return (
    <a
      className="nav-link"
      href={hrefFor(screen.id)}
      aria-current={active ? 'page' : undefined}
      title={collapsed ? (errors ? `${label} · ${errors}` : label) : undefined}
      data-testid={`nav-${screen.id}`}
    >
      <Icon />
      <span className="nav-link__label">{label}</span>
      {badge > 0 && (
        <span className="nav-link__badge" title={errors}>
          {badge}
          <span className="visually-hidden"> {errors}</span>
        </span>
      )}
    </a>
  );
}

/** A panel with its left part marked; the chevron points the way the toggle moves it. */
function IconSidebar({ collapsed }: { collapsed: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <path d="M9 4.5v15" />
      <path d={collapsed ? 'm13.5 9.5 2.5 2.5-2.5 2.5' : 'm16 9.5-2.5 2.5 2.5 2.5'} />
    </svg>
  );
}

function BrandMark() {
  return (
    <svg className="sidebar__brand-mark" width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="20" height="20" rx="5" fill="var(--accent)" />
      <path d="M7 9h10M7 12.5h6M7 16h8" stroke="var(--accent-contrast)" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

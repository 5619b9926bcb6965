import { IconCommand, IconMoon, IconSun } from '../components/icons';
import { useConnections } from '../features/connections/connections-store';
import { useT } from '../i18n';
import { PALETTE_SHORTCUT } from '../core/keys';
import { hrefFor } from '../core/router';
import { SCREENS, SETTINGS_SCREEN, type Screen } from './routes';
import { useTheme } from '../core/theme';

interface NavSidebarProps {
  current: string;
  onOpenPalette(): void;
}

/** The left navigation: every screen, then the palette, theme toggle and Settings. */
export function NavSidebar({ current, onOpenPalette }: NavSidebarProps) {
  const t = useT();
  const { theme, toggleTheme } = useTheme();
  const { connections } = useConnections();
  const errors = connections.filter((c) => c.state === 'error').length;

  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="sidebar__brand">
        <BrandMark />
        <span className="sidebar__brand-name">{t('app.name')}</span>
      </div>
      <ul className="nav-list">
        {SCREENS.map((screen) => (
          <li key={screen.id}>
            <NavLink screen={screen} active={current === screen.id} badge={screen.id === 'connections' ? errors : 0} />
          </li>
        ))}
      </ul>
      <div className="sidebar__footer">
        <button type="button" className="nav-link nav-link--button" onClick={onOpenPalette} data-testid="open-palette">
          <IconCommand />
          <span>{t('nav.openPalette')}</span>
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
          <span>{theme === 'dark' ? t('nav.themeLight') : t('nav.themeDark')}</span>
        </button>
        <NavLink screen={SETTINGS_SCREEN} active={current === SETTINGS_SCREEN.id} badge={0} />
      </div>
    </nav>
  );
}

function NavLink({ screen, active, badge }: { screen: Screen; active: boolean; badge: number }) {
  const t = useT();
  const { Icon } = screen;
  return (
    <a className="nav-link" href={hrefFor(screen.id)} aria-current={active ? 'page' : undefined} data-testid={`nav-${screen.id}`}>
      <Icon />
      <span>{t(screen.labelKey)}</span>
      {badge > 0 && (
        <span className="nav-link__badge" title={t('nav.connectionErrors', { count: badge })}>
          {badge}
          <span className="visually-hidden"> {t('nav.connectionErrors', { count: badge })}</span>
        </span>
      )}
    </a>
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

import { Command } from 'cmdk';
import type { ReactNode } from 'react';
import { IconLanguage, IconMoon, IconRefresh, IconSun } from '../components/icons';
import { useEscapeKey } from '../components/use-escape-key';
import { useCheckConnections } from '../features/connections/use-check-connections';
import { LANGUAGES, useLanguage, useT } from '../i18n';
import { navigate } from '../core/router';
import { ALL_SCREENS } from './routes';
import { useTheme } from '../core/theme';
import './command-palette.css';

/**
 * Ctrl+K / Cmd+K: go to any screen, run an action, change a preference. Escape or a click
 * outside closes it (the shell puts focus back where it was).
 */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const t = useT();
  const { theme, toggleTheme } = useTheme();
  const [language, setLanguage] = useLanguage();
  const checkConnections = useCheckConnections();

  useEscapeKey(onClose);

  const run = (action: () => void) => () => {
    onClose();
    action();
  };

  return (
    <div className="palette-overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t('palette.label')} data-testid="command-palette">
        <Command
          label={t('palette.label')}
          loop
          vimBindings={false}
          onKeyDown={(event) => {
            // The input is the only focusable element: keep focus inside the dialog.
            if (event.key === 'Tab') event.preventDefault();
          }}
        >
          <Command.Input className="palette__input" placeholder={t('palette.placeholder')} autoFocus />
          <Command.List className="palette__list">
            <Command.Empty className="palette__empty">{t('palette.empty')}</Command.Empty>

            <Command.Group heading={t('palette.groupNavigate')}>
              {ALL_SCREENS.map((screen) => (
                <PaletteItem
                  key={screen.id}
                  value={`go-${screen.id}`}
                  keywords={[t(screen.labelKey), ...screen.keywords]}
                  icon={<screen.Icon />}
                  onSelect={run(() => navigate(screen.id))}
                >
                  {t('palette.goTo', { screen: t(screen.labelKey) })}
                </PaletteItem>
              ))}
            </Command.Group>

            <Command.Group heading={t('palette.groupActions')}>
              <PaletteItem
                value="check-all-connections"
                keywords={[t('palette.checkAll'), 'check', 'connections', 'ping', 'health']}
                icon={<IconRefresh />}
                onSelect={run(() => checkConnections())}
              >
                {t('palette.checkAll')}
              </PaletteItem>
            </Command.Group>

            <Command.Group heading={t('palette.groupPreferences')}>
              <PaletteItem
                value="toggle-theme"
                keywords={[t('palette.switchToLight'), t('palette.switchToDark'), 'theme', 'dark', 'light']}
                icon={theme === 'dark' ? <IconSun /> : <IconMoon />}
                onSelect={run(toggleTheme)}
              >
                {theme === 'dark' ? t('palette.switchToLight') : t('palette.switchToDark')}
              </PaletteItem>
              {LANGUAGES.filter((code) => code !== language).map((code) => (
                <PaletteItem
                  key={code}
                  value={`language-${code}`}
                  keywords={[t(`language.${code}`), 'language', 'lang', '语言', code]}
                  icon={<IconLanguage />}
                  onSelect={run(() => setLanguage(code))}
                >
                  {t('palette.language', { language: t(`language.${code}`) })}
                </PaletteItem>
              ))}
            </Command.Group>
          </Command.List>
          <div className="palette__footer" aria-hidden="true">
            <span>
              <kbd>↑</kbd> <kbd>↓</kbd> {t('palette.hintMove')}
            </span>
            <span>
              <kbd>↵</kbd> {t('palette.hintRun')}
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

interface PaletteItemProps {
  value: string;
  keywords: string[];
  icon: ReactNode;
  onSelect(): void;
  children: ReactNode;
}

function PaletteItem({ value, keywords, icon, onSelect, children }: PaletteItemProps) {
  return (
    <Command.Item className="palette__item" value={value} keywords={keywords} onSelect={onSelect} data-testid={`palette-${value}`}>
      <span className="palette__item-icon">{icon}</span>
      <span className="palette__item-label">{children}</span>
    </Command.Item>
  );
}

import { useAppInfo } from '../../core/app-info';
import { PALETTE_SHORTCUT } from '../../core/keys';
import { useLinkState } from '../../core/link-state';
import { useTheme, type Theme } from '../../core/theme';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { isLanguage, LANGUAGES, useLanguage, useT } from '../../i18n';
import { AppInfoList } from './AppInfoList';
import { DiagnosticsSection } from './DiagnosticsSection';
import './settings.css';

const THEMES: readonly Theme[] = ['dark', 'light'];

/** Language, theme, and where this console's configuration comes from. */
export function SettingsScreen() {
  const t = useT();
  return (
    <>
      <ScreenHeader title={t('nav.settings')} subtitle={t('settings.subtitle')} />
      <div className="screen-body settings">
        <PreferencesSection />
        <AboutSection />
        <DiagnosticsPanel />
        <ShortcutsSection />
      </div>
    </>
  );
}

function PreferencesSection() {
  const t = useT();
  const [language, setLanguage] = useLanguage();
  const { theme, setTheme } = useTheme();
  return (
    <section className="panel" aria-labelledby="settings-preferences">
      <h2 className="section-title" id="settings-preferences">{t('settings.preferences')}</h2>
      <div className="form-grid">
        <label htmlFor="settings-language">{t('settings.language')}</label>
        <select
          id="settings-language"
          className="select"
          value={language}
          data-testid="language-select"
          onChange={(event) => isLanguage(event.target.value) && setLanguage(event.target.value)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`language.${code}`)}
            </option>
          ))}
        </select>

        <label htmlFor="settings-theme">{t('settings.theme')}</label>
        <select
          id="settings-theme"
          className="select"
          value={theme}
          data-testid="theme-select"
          onChange={(event) => setTheme(event.target.value === 'light' ? 'light' : 'dark')}
        >
          {THEMES.map((value) => (
            <option key={value} value={value}>
              {t(`theme.${value}`)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

function AboutSection() {
  const t = useT();
  const { info, error } = useAppInfo();
  const link = useLinkState();
  return (
    <section className="panel" aria-labelledby="settings-about" data-testid="app-info">
      <h2 className="section-title" id="settings-about">{t('settings.about')}</h2>
      {error && <ErrorBanner message={t('settings.infoFailed', { message: error })} />}
      {info ? (
        <AppInfoList info={info} link={link} />
      ) : (
        !error && (
          <p className="loading-line">
            <Spinner /> {t('common.loading')}
          </p>
        )
      )}
    </section>
  );
}

function DiagnosticsPanel() {
  const { info } = useAppInfo();
  return <DiagnosticsSection logFile={info?.logFile} />;
}

function ShortcutsSection() {
  const t = useT();
  const shortcuts = [
    ['?', t('keys.help')],
    [PALETTE_SHORTCUT, t('settings.shortcut.palette')],
    ['/', t('settings.shortcut.filter')],
    ['Esc', t('settings.shortcut.escape')],
  ] as const;
  return (
    <section className="panel" aria-labelledby="settings-shortcuts">
      <h2 className="section-title" id="settings-shortcuts">{t('settings.shortcuts')}</h2>
      <dl className="kv">
        {shortcuts.map(([keys, label]) => (
          <div className="kv__row" key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

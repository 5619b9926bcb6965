import { ConnectionsProvider } from '../features/connections/connections-store';
import { I18nProvider } from '../i18n';
import { AppInfoProvider } from '../core/app-info';
import { AppShell } from './AppShell';
import { NoticeProvider } from '../core/notices';
import { ThemeProvider } from '../core/theme';

/** The whole renderer: app-wide state (language, theme, notices, app info, connections) around the shell. */
export function App() {
  return (
    <I18nProvider>
      <ThemeProvider>
        <NoticeProvider>
          <AppInfoProvider>
            <ConnectionsProvider>
              <AppShell />
            </ConnectionsProvider>
          </AppInfoProvider>
        </NoticeProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}

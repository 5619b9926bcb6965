import { ConnectionsProvider } from '../features/connections/connections-store';
import { I18nProvider } from '../i18n';
import { AppInfoProvider } from '../core/app-info';
import { AppShell } from './AppShell';
import { NoticeProvider } from '../core/notices';
import { ThemeProvider } from '../core/theme';
import { useAppInfo } from '../core/app-info';
import { useBrowserNotifications } from '../core/incident-notifications';
import { WatchProvider } from '../core/watch';
import { KeymapProvider } from '../core/use-keymap';

/** The whole renderer: app-wide state (language, theme, notices, app info, connections) around the shell. */
export function App() {
  return (
    <I18nProvider>
      <ThemeProvider>
        <NoticeProvider>
          <AppInfoProvider>
            <ConnectionsProvider>
              <WatchProvider>
                <BrowserNotifications />
                <KeymapProvider>
                  <AppShell />
                </KeymapProvider>
              </WatchProvider>
            </ConnectionsProvider>
          </AppInfoProvider>
        </NoticeProvider>
      </ThemeProvider>
    </I18nProvider>
  );
}

/** Incident notifications raised by the page (browser mode; the desktop app raises them from its main process). */
function BrowserNotifications() {
  const { info } = useAppInfo();
  useBrowserNotifications(info?.host === 'browser');
  return null;
}

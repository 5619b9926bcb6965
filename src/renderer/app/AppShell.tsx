import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Spinner } from '../components/Spinner';
import { useT } from '../i18n';
import { CommandPalette } from './CommandPalette';
import { IS_MAC, isPaletteShortcut, PALETTE_SHORTCUT } from '../core/keys';
import { useKeyGroups, useKeymap } from '../core/use-keymap';
import { KeysDialog } from '../components/KeysDialog';
import { globalBindings } from './global-keys';
import { readSetting, writeSetting } from '../core/storage';
import { NavSidebar } from './NavSidebar';
import { NotFound } from './NotFound';
import { navigate, useLocation } from '../core/router';
import { rememberRoute, useSessionReady } from '../core/session';
import { routeToKeep } from '../core/session-route';
import { TerminalOffer } from '../features/terminal/TerminalOffer';
import { DEFAULT_SCREEN, findScreen, prefetchScreens } from './routes';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';
import { isSidebarShortcut, NARROW_WINDOW_QUERY, parseSidebarChoice, SIDEBAR_KEY, SIDEBAR_SETTING, sidebarCollapsed } from './sidebar';
import { StatusBar } from './StatusBar';
import './app-shell.css';

/** Navigation on the left, the current screen, the status bar, and the command palette. */
export function AppShell() {
  const t = useT();
  const { screen: screenId, path } = useLocation();
  const screen = findScreen(screenId);
  const { paletteOpen, openPalette, closePalette, togglePalette } = usePalette();
  const { collapsed, toggleSidebar } = useSidebar();
  // The screens draw once the kept session is in (it may reopen another screen, and holds their filters).
  const sessionReady = useSessionReady();

  useEffect(() => {
    if (sessionReady && screenId === '') navigate(DEFAULT_SCREEN, { replace: true });
  }, [screenId, sessionReady]);
  useRememberRoute(sessionReady);

  useEffect(() => {
    document.title = screen ? t('app.documentTitle', { screen: t(screen.labelKey) }) : t('app.name');
  }, [screen, t]);

  useFocusHeadingOnNavigation(screenId);
  const keys = useKeysDialog();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPaletteShortcut(event)) {
        event.preventDefault();
        togglePalette();
      } else if (isSidebarShortcut(event)) {
        event.preventDefault();
        toggleSidebar();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [togglePalette, toggleSidebar]);

  return (
    <div className={`app${collapsed ? ' app--nav-collapsed' : ''}`}>
      <NavSidebar current={screenId} onOpenPalette={openPalette} collapsed={collapsed} onToggleCollapsed={toggleSidebar} />
      <main className="main" data-screen={screenId} data-testid="screen">
        {!sessionReady && (
          <p className="loading-line" data-testid="app-starting">
            <Spinner /> {t('app.starting')}
          </p>
        )}
        {sessionReady && <TerminalOffer />}
        {sessionReady && (
          <ScreenErrorBoundary key={screenId}>
            <Suspense fallback={<p className="loading-line"><Spinner /> {t('app.loadingScreen')}</p>}>
              {screen ? <screen.Component /> : screenId !== '' && <NotFound path={path} />}
              <PrefetchScreens />
            </Suspense>
          </ScreenErrorBoundary>
        )}
      </main>
      <StatusBar onOpenPalette={openPalette} />
      {paletteOpen && <CommandPalette onClose={closePalette} />}
      {keys.open && <KeysDialog groups={keys.groups} onClose={keys.close} />}
    </div>
  );
}

/** Prefetching waits this long after the first screen is in, so its data draws first. */
const PREFETCH_AFTER_MS = 1000;
let prefetchStarted = false;

/**
 * Inside the screen's Suspense boundary, so it mounts once the first screen's chunk is in and
 * drawn; then every other screen's chunk is loaded in idle time (once per page).
 */
function PrefetchScreens() {
  useEffect(() => {
    if (prefetchStarted) return;
    prefetchStarted = true;
    // Not cancelled when this screen goes: it runs once for the page, whatever is shown next.
    window.setTimeout(() => prefetchScreens(), PREFETCH_AFTER_MS);
  }, []);
  return null;
}

const SIDEBAR_SHORTCUT = IS_MAC ? `⌘${SIDEBAR_KEY.toUpperCase()}` : `Ctrl+${SIDEBAR_KEY.toUpperCase()}`;

/** The keys of every screen (`?`, `g` + a letter …) and the shortcuts dialog that `?` opens. */
function useKeysDialog() {
  const [open, setOpen] = useState(false);
  const groups = useKeyGroups();
  const close = useCallback(() => setOpen(false), []);
  useKeymap(
    'keys.global',
    globalBindings({
      goTo: (screen) => navigate(screen),
      showHelp: () => setOpen(true),
      paletteKey: PALETTE_SHORTCUT,
      sidebarKey: SIDEBAR_SHORTCUT,
    }),
    'global',
  );
  return { open, close, groups };
}

/** Palette open state; focus goes back to where it was when the palette closes. */
function usePalette() {
  const [paletteOpen, setPaletteOpen] = useState(false);
  const isOpen = useRef(false);
  const returnFocus = useRef<Element | null>(null);

  const openPalette = useCallback(() => {
    if (isOpen.current) return;
    isOpen.current = true;
    returnFocus.current = document.activeElement;
    setPaletteOpen(true);
  }, []);
  const closePalette = useCallback(() => {
    if (!isOpen.current) return;
    isOpen.current = false;
    setPaletteOpen(false);
    const element = returnFocus.current;
    returnFocus.current = null;
    if (element instanceof HTMLElement && element.isConnected) element.focus({ preventScroll: true });
  }, []);
  const togglePalette = useCallback(
    () => (isOpen.current ? closePalette() : openPalette()),
    [openPalette, closePalette],
  );

  return { paletteOpen, openPalette, closePalette, togglePalette };
}

/**
 * The sidebar's width: the user's choice, remembered; without one, collapsed (icons only) while
 * the window is narrower than 1200 px, following the window as it is resized.
 */
function useSidebar() {
  const [choice, setChoice] = useState(() => parseSidebarChoice(readSetting(SIDEBAR_SETTING)));
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW_WINDOW_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(NARROW_WINDOW_QUERY);
    const onChange = () => setNarrow(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const collapsed = sidebarCollapsed(choice, narrow);
  const toggleSidebar = useCallback(() => {
    const next = collapsed ? 'expanded' : 'collapsed';
    writeSetting(SIDEBAR_SETTING, next);
    setChoice(next);
  }, [collapsed]);
  return { collapsed, toggleSidebar };
}

/** Keeps the route (screen and query) to reopen after a restart, on every change once the session is in. */
function useRememberRoute(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const remember = () => rememberRoute(routeToKeep(window.location.hash, (id) => !!findScreen(id)));
    remember();
    window.addEventListener('hashchange', remember);
    return () => window.removeEventListener('hashchange', remember);
  }, [ready]);
}

/** After moving to another screen, focus its heading so keyboard and screen-reader users start there. */
function useFocusHeadingOnNavigation(screenId: string): void {
  const previous = useRef(screenId);
  useEffect(() => {
    if (previous.current === screenId) return;
    previous.current = screenId;
    // A screen visited for the first time draws its heading once its chunk has loaded.
    let frame = 0;
    let tries = 0;
    const focus = () => {
      // The palette (or another dialog) opened meanwhile: leave the focus where the user is typing.
      if (document.activeElement?.closest('[role="dialog"]')) return;
      const heading = document.querySelector<HTMLElement>('[data-screen-heading]');
      if (heading) heading.focus({ preventScroll: true });
      else if (tries++ < 120) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [screenId]);
}

/**
 * The Electron window's security policy as plain data and functions, so that a test can
 * assert it without the Electron runtime. hosts/electron.ts applies it.
 */

export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;
}

/** True when url is the app's own page (the built file, or the dev server in development). */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

interface FrameLike {
  url: string;
  parent: FrameLike | null;
}

/** IPC is accepted only from the app's own top frame: not from subframes, not from other pages. */
export function isTrustedSender(frame: FrameLike | null | undefined, appUrl: string): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, appUrl);
}

/**
 * Every permission (camera, geolocation, clipboard ...) is denied, but notifications for the
 * app's own page (incident notifications; the desktop app raises them from the main process,
 * a page may ask too). Nothing for any other page.
 */
export function decidePermission(permission: string, pageUrl: string | undefined, appUrl: string): boolean {
  return permission === 'notifications' && !!pageUrl && isAppUrl(pageUrl, appUrl);
}

/** window.open and target=_blank never create a window. */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

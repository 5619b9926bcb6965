import { app, BrowserWindow, ipcMain, nativeImage, Notification, safeStorage, session, Tray, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../../package.json';
import { RpcError } from '../../shared/errors';
import { ClientMessageSchema, IPC_INVOKE, IPC_STREAM_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE, type InvokeResult } from '../../shared/wire';
import type { AppContext } from '../app-context';
import type { SecretCipher } from '../config/secret-store';
import { RpcSession } from '../rpc/session';
import { startAutoUpdate } from './auto-update';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security';
import { decidePermission, decideWindowOpen, isAppUrl, isTrustedSender, secureWebPreferences } from './electron-policy';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererFile = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devServerUrl ?? new URL(`file://${rendererFile}`).toString();

const sessions = new Map<number, RpcSession>();

function hardenEveryWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(decideWindowOpen);
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, appUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(decidePermission(permission, contents?.getURL?.(), appUrl)));
  ses.setPermissionCheckHandler((contents, permission) => decidePermission(permission, contents?.getURL?.(), appUrl));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });
}

function sessionFor(contents: WebContents, context: AppContext): RpcSession {
  let rpc = sessions.get(contents.id);
  if (!rpc) {
    rpc = new RpcSession(context.dispatcher, (message) => {
      if (!contents.isDestroyed()) contents.send(IPC_STREAM_EVENT, message);
    });
    sessions.set(contents.id, rpc);
    const id = contents.id;
    const closeSession = () => {
      sessions.get(id)?.close();
      sessions.delete(id);
    };
    contents.once('destroyed', closeSession);
    contents.on('render-process-gone', closeSession);
    contents.on('did-start-navigation', (_event, _url, isInPlace, isMainFrame) => {
      // A reload starts a new page: its old streams have no listener any more.
      if (isMainFrame && !isInPlace) closeSession();
    });
  }
  return rpc;
}

/** Calls are served from the start; while the app is still starting they wait for it (the window shows at once). */
function serveIpc(starting: Promise<AppContext>): void {
  const forbidden: InvokeResult = { ok: false, error: new RpcError('FORBIDDEN', 'Calls are accepted only from the console window.').toData() };
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl)) return forbidden;
    return (await starting).dispatcher.invoke(method, params);
  });
  const onStreamMessage = (event: IpcMainEvent, raw: unknown) => {
    if (!isTrustedSender(event.senderFrame, appUrl)) return;
    const message = ClientMessageSchema.safeParse(raw);
    const sender = event.sender;
    // In order: every message waits on the same promise.
    if (message.success) void starting.then((context) => sessionFor(sender, context).handle(message.data));
  };
  ipcMain.on(IPC_SUBSCRIBE, onStreamMessage);
  ipcMain.on(IPC_UNSUBSCRIBE, onStreamMessage);
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Ops Console',
    backgroundColor: '#111418',
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
}

/** The window, shown and on the incidents screen (a click on a notification or the tray). */
function showIncidents(): void {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  void window.webContents.executeJavaScript("location.hash = '#/incidents'");
}

/**
 * Incidents reach the engineer when the window is not looked at: an OS notification for each
 * new (or worse) one that passes the rules, the count of open ones on the tray icon and the
 * dock/taskbar badge.
 */
function surfaceIncidents(context: AppContext): void {
  context.notifier.onNotification((incident) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: incident.title, body: incident.body, urgency: incident.severity === 'critical' ? 'critical' : 'normal' });
    notification.on('click', showIncidents);
    notification.show();
  });
  const tray = new Tray(nativeImage.createFromPath(join(app.getAppPath(), 'assets', 'icon.png')));
  tray.setToolTip('Ops Console');
  tray.on('click', showIncidents);
  context.watch.onView((view) => {
    const open = view.incidents.filter((i) => i.state === 'open').length;
    app.setBadgeCount(open);
    tray.setToolTip(open ? `Ops Console: ${open} open incident${open === 1 ? '' : 's'}` : 'Ops Console: all clear');
    if (process.platform === 'darwin') tray.setTitle(open ? String(open) : '');
  });
}

/**
 * Secrets sealed with the OS keychain (Keychain, DPAPI, libsecret/kwallet). Where there is none
 * (or, on Linux, only Chromium's `basic_text` fallback, whose key is hard-coded and protects
 * nothing), the secrets stay in the 0600 file and the reason is logged and shown.
 */
function keychainCipher(): { cipher?: SecretCipher; unavailable?: string } {
  let unavailable: string | undefined;
  if (!safeStorage.isEncryptionAvailable()) unavailable = 'Electron safeStorage reports no OS keychain';
  else if (process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) {
    unavailable = `no secret service (libsecret or kwallet) is running; safeStorage would use "${safeStorage.getSelectedStorageBackend()}"`;
  }
  if (unavailable) {
    console.error(`[ops-console] the OS keychain is not available (${unavailable}): secrets are kept unencrypted in a file readable only by you (0600)`);
    return { unavailable };
  }
  return {
    cipher: {
      encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
      decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
    },
  };
}

/** A second launch hands over to the first: its window is restored and brought to the front. */
function focusExistingWindow(): void {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

async function main(): Promise<void> {
  // One console per user: a second launch quits at once, the first one comes to the front.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusExistingWindow);
  app.enableSandbox();
  await app.whenReady();
  hardenEveryWebContents();
  const keychain = keychainCipher();
  // Loaded after the window is asked for: the connectors' libraries take about a second to load.
  const starting = import('../app-context').then(({ createAppContext }) => createAppContext({
    host: 'electron',
    version: pkg.version,
    recordStats: process.env.OPS_CONSOLE_RECORD_STATS !== '0',
    watch: true,
    secretCipher: keychain.cipher,
    keychainUnavailable: keychain.unavailable,
    log: (message, error) => console.error(`[ops-console] ${message}`, error ?? ''),
  }));
  // The window and its shell first; the connectors load and connect meanwhile.
  serveIpc(starting);
  createWindow();
  const context = await starting;
  surfaceIncidents(context);
  const stopUpdates = await startAutoUpdate({
    log: (level, message, error) => {
      if (level === 'error') context.consoleLog.error(message, error);
      else if (level === 'warn') context.consoleLog.warn(message);
      else context.consoleLog.info(message);
    },
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    stopUpdates?.();
    context.close();
  });
}

void main();

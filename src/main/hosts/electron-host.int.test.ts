import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security';

/**
 * The built Electron host (out/main/index.js, as `electron-vite build` writes it and the
 * packaged app runs it) loaded under plain Node. The real Electron runtime cannot be
 * downloaded on this machine (no binary comes from outside the package registries), so a
 * stand-in `electron` module, put in place with a Node module loader hook, records what the
 * host does with it: the BrowserWindow's options, the IPC handlers, the session's permission,
 * web-request and navigation handlers, the app's events. The recorded handlers are then
 * called as Electron would call them, and what they answer is asserted.
 *
 * It needs out/ (an int test: `npm test` builds before the int tests; alone, run
 * `npx electron-vite build` first).
 */

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bundle = join(root, 'out', 'main', 'index.js');
const preload = join(root, 'out', 'preload', 'index.cjs');
const rendererFile = join(root, 'out', 'renderer', 'index.html');
const appUrl = pathToFileURL(rendererFile).toString();

/** `electron` as the host sees it: each call is logged, each handler kept for the harness to call. */
const STAND_IN = String.raw`
const record = (globalThis.__electronStandIn = { calls: [], windows: [], handle: {}, on: {}, session: {} });
const log = (what) => record.calls.push(what);
class Emitter {
  listeners = {};
  on(event, fn) { (this.listeners[event] ??= []).push(fn); return this; }
  once(event, fn) { return this.on(event, fn); }
  emit(event, ...args) { for (const fn of this.listeners[event] ?? []) fn(...args); }
}
const appEvents = new Emitter();
record.app = appEvents;
export const app = {
  isPackaged: false,
  enableSandbox() { log('app.enableSandbox'); },
  whenReady() { log('app.whenReady'); return Promise.resolve(); },
  on(event, fn) { log('app.on ' + event); appEvents.on(event, fn); return app; },
  quit() { log('app.quit'); },
  // STAND_IN_LOCK_TAKEN=1: another instance of the console is running.
  requestSingleInstanceLock() { log('app.requestSingleInstanceLock'); return process.env.STAND_IN_LOCK_TAKEN !== '1'; },
};
export class BrowserWindow extends Emitter {
  static getAllWindows() { return record.windows.filter((w) => !w.closed); }
  constructor(options) { super(); log('new BrowserWindow'); this.options = options; this.closed = false; record.windows.push(this); }
  loadFile(file) { log('BrowserWindow.loadFile'); this.loadedFile = file; return Promise.resolve(); }
  loadURL(url) { log('BrowserWindow.loadURL'); this.loadedUrl = url; return Promise.resolve(); }
  show() { log('BrowserWindow.show'); this.shown = true; }
  isMinimized() { return !!this.minimized; }
  restore() { log('BrowserWindow.restore'); this.minimized = false; }
  focus() { log('BrowserWindow.focus'); }
}
export const ipcMain = {
  handle(channel, fn) { log('ipcMain.handle ' + channel); record.handle[channel] = fn; },
  on(channel, fn) { log('ipcMain.on ' + channel); (record.on[channel] ??= []).push(fn); },
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn) { log('session.setPermissionRequestHandler'); record.session.permissionRequest = fn; },
    setPermissionCheckHandler(fn) { log('session.setPermissionCheckHandler'); record.session.permissionCheck = fn; },
    webRequest: { onHeadersReceived(fn) { log('session.webRequest.onHeadersReceived'); record.session.headersReceived = fn; } },
  },
};
export const safeStorage = {
  isEncryptionAvailable() { log('safeStorage.isEncryptionAvailable'); return false; },
  getSelectedStorageBackend() { return 'basic_text'; },
  encryptString() { throw new Error('no keychain in the stand-in'); },
  decryptString() { throw new Error('no keychain in the stand-in'); },
};
export class Notification extends Emitter {
  static isSupported() { return true; }
  constructor(options) { super(); log('new Notification'); (record.notifications ??= []).push(options); }
  show() { log('Notification.show'); }
}
export class Tray extends Emitter {
  constructor(image) { super(); log('new Tray'); record.tray = this; this.image = image; }
  setToolTip(text) { this.toolTip = text; }
  setTitle(text) { this.title = text; }
}
export const nativeImage = { createFromPath(path) { log('nativeImage.createFromPath'); return { path }; } };
app.getAppPath = () => process.cwd();
app.setBadgeCount = (count) => { record.badge = count; return true; };
export default { app, BrowserWindow, ipcMain, session, safeStorage, Notification, Tray, nativeImage };
`;

/** electron-updater as the host sees it: what it is told is recorded (no update server is reached). */
const UPDATER_STAND_IN = String.raw`
const record = (globalThis.__electronStandIn.updater = { feed: null, checks: 0, events: [] });
export const autoUpdater = {
  autoDownload: false,
  logger: null,
  setFeedURL(options) { record.feed = options; },
  checkForUpdatesAndNotify() { record.checks++; record.autoDownload = this.autoDownload; return Promise.resolve(null); },
  on(event) { record.events.push(event); return this; },
};
export default { autoUpdater };
`;

const HOOKS = String.raw`
const standIn = new URL('./electron-stand-in.mjs', import.meta.url).href;
const updaterStandIn = new URL('./electron-updater-stand-in.mjs', import.meta.url).href;
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  if (specifier === 'electron-updater') return { url: updaterStandIn, shortCircuit: true };
  return next(specifier, context);
}
`;

const REGISTER = String.raw`
import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);
`;

/** Loads the bundle, waits for its window, calls the recorded handlers as Electron would, prints one JSON line. */
const HARNESS = String.raw`
import { pathToFileURL } from 'node:url';
const [bundle, appUrl] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
await import('electron');
const record = globalThis.__electronStandIn;
await import(pathToFileURL(bundle).href);
for (let i = 0; i < 400 && record.windows.length === 0 && !record.calls.includes('app.quit'); i++) await sleep(25);
if (record.windows.length === 0) {
  // A second instance: it must quit before anything else happens.
  await sleep(300);
  process.stdout.write('\nHARNESS ' + JSON.stringify({ calls: record.calls, windows: [], updater: record.updater ?? null }) + '\n');
  process.exit(0);
}
// The window opens before the app context has loaded; the app is started once it listens for will-quit.
for (let i = 0; i < 600 && !record.app.listeners['will-quit']; i++) await sleep(25);
await sleep(300);
const out = { calls: [...record.calls], windows: record.windows.map((w) => ({ options: w.options, loadedFile: w.loadedFile, loadedUrl: w.loadedUrl })) };
out.appEvents = Object.keys(record.app.listeners);
out.ipcHandle = Object.keys(record.handle);
out.ipcOn = Object.keys(record.on);
out.session = Object.keys(record.session);
out.tray = record.tray ? { toolTip: record.tray.toolTip, clickable: !!record.tray.listeners.click } : null;

// Shown only when ready.
const first = record.windows[0];
out.shownBeforeReady = !!first?.shown;
first?.emit('ready-to-show');
out.shownAfterReady = !!first?.shown;

// Every new web contents: window.open, navigation, redirects and webviews.
class Contents {
  listeners = {};
  sent = [];
  constructor(id) { this.id = id; }
  on(event, fn) { (this.listeners[event] ??= []).push(fn); return this; }
  once(event, fn) { return this.on(event, fn); }
  emit(event, ...args) { for (const fn of this.listeners[event] ?? []) fn(...args); }
  setWindowOpenHandler(fn) { this.windowOpen = fn; }
  isDestroyed() { return false; }
  send(channel, message) { this.sent.push({ channel, message }); }
}
const contents = new Contents(1);
record.app.emit('web-contents-created', {}, contents);
const prevented = (event, url) => {
  let yes = false;
  contents.emit(event, { preventDefault: () => (yes = true) }, url);
  return yes;
};
out.contents = {
  events: Object.keys(contents.listeners),
  windowOpen: contents.windowOpen ? contents.windowOpen({ url: 'https://evil.example/', frameName: '', disposition: 'new-window' }) : 'no handler',
  navigatePrevented: {
    foreign: prevented('will-navigate', 'https://evil.example/'),
    otherFile: prevented('will-navigate', 'file:///etc/passwd'),
    app: prevented('will-navigate', appUrl + '#/logs'),
  },
  redirectPrevented: { foreign: prevented('will-redirect', 'https://evil.example/'), app: prevented('will-redirect', appUrl) },
  webviewPrevented: prevented('will-attach-webview', undefined),
};

// The session: permissions and response headers.
const requests = {};
const appPage = { getURL: () => appUrl + '#/incidents' };
const foreignPage = { getURL: () => 'https://evil.example/' };
for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
  record.session.permissionRequest?.(appPage, permission, (granted) => (requests[permission] = granted), {});
}
record.session.permissionRequest?.(foreignPage, 'notifications', (granted) => (requests['notifications from a foreign page'] = granted), {});
out.permissionRequests = requests;
out.permissionChecks = ['media', 'notifications', 'clipboard-sanitized-write'].map((p) => record.session.permissionCheck?.(appPage, p, 'file://', {}));
out.permissionChecks.push(record.session.permissionCheck?.(foreignPage, 'notifications', 'https://evil.example', {}));
record.session.headersReceived?.({ url: 'https://x.example/', responseHeaders: { 'X-Kept': ['1'], 'Content-Security-Policy': ['default-src *'] } }, (response) => (out.headers = response));

// IPC: calls from the app's top frame only.
const top = { url: appUrl, parent: null };
const invoke = record.handle['rpc:invoke'];
out.invoke = invoke && {
  trusted: await invoke({ senderFrame: top }, 'app.info', {}),
  foreignPage: await invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.info', {}),
  subframe: await invoke({ senderFrame: { url: appUrl, parent: top } }, 'app.info', {}),
  noFrame: await invoke({ senderFrame: null }, 'app.info', {}),
  unknown: await invoke({ senderFrame: top }, 'nope.nothing', {}),
};
const trustedSender = new Contents(7);
const foreignSender = new Contents(8);
for (const fn of record.on['rpc:subscribe'] ?? []) {
  fn({ senderFrame: top, sender: trustedSender }, { type: 'subscribe', id: 1, stream: 'nope.stream', params: {} });
  fn({ senderFrame: { url: 'https://evil.example/', parent: null }, sender: foreignSender }, { type: 'subscribe', id: 1, stream: 'nope.stream', params: {} });
  fn({ senderFrame: top, sender: trustedSender }, { type: 'subscribe', id: 'not a number' });
}
await sleep(200);
out.streams = { trusted: trustedSender.sent, foreign: foreignSender.sent };

// A second launch: the first instance restores and focuses its (minimized) window, opens no other.
out.updater = record.updater ?? null;
first.minimized = true;
const before = record.calls.length;
const windowCount = record.windows.length;
record.app.emit('second-instance', {}, ['ops-console'], process.cwd());
out.secondInstance = { calls: record.calls.slice(before), newWindows: record.windows.length - windowCount, minimized: first.minimized };

// App events: activate with a window open, then with none; all windows closed; quit.
const windowsBefore = record.windows.length;
record.app.emit('activate');
out.activateWithWindow = record.windows.length - windowsBefore;
for (const w of record.windows) w.closed = true;
record.app.emit('activate');
out.activateWithout = record.windows.length - windowsBefore;
const quitsBefore = record.calls.filter((c) => c === 'app.quit').length;
record.app.emit('window-all-closed');
out.quitOnAllClosed = record.calls.filter((c) => c === 'app.quit').length - quitsBefore;
record.app.emit('will-quit');
process.stdout.write('\nHARNESS ' + JSON.stringify(out) + '\n');
process.exit(0);
`;

interface InvokeAnswer {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; message: string };
}

interface HarnessOutput {
  calls: string[];
  windows: Array<{ options: Record<string, unknown> & { webPreferences: Record<string, unknown> }; loadedFile?: string; loadedUrl?: string }>;
  appEvents: string[];
  ipcHandle: string[];
  ipcOn: string[];
  session: string[];
  shownBeforeReady: boolean;
  shownAfterReady: boolean;
  contents: {
    events: string[];
    windowOpen: unknown;
    navigatePrevented: { foreign: boolean; otherFile: boolean; app: boolean };
    redirectPrevented: { foreign: boolean; app: boolean };
    webviewPrevented: boolean;
  };
  permissionRequests: Record<string, boolean>;
  permissionChecks: boolean[];
  tray: { toolTip: string; clickable: boolean } | null;
  headers?: { responseHeaders: Record<string, string[]> };
  invoke?: Record<'trusted' | 'foreignPage' | 'subframe' | 'noFrame' | 'unknown', InvokeAnswer>;
  streams: { trusted: Array<{ channel: string; message: { id: number; type: string; error?: { code: string } } }>; foreign: unknown[] };
  activateWithWindow: number;
  activateWithout: number;
  quitOnAllClosed: number;
  updater: { feed: Record<string, unknown> | null; checks: number; events: string[]; autoDownload?: boolean } | null;
  secondInstance: { calls: string[]; newWindows: number; minimized: boolean };
}

/** The newest source file the main bundle is built from (src/main, src/shared, src/preload; tests excluded). */
function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSource(path));
    return /\.tsx?$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && !path.includes('/testing/') ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

/** Runs the built host under the stand-ins with extra environment; the harness's JSON and stderr. */
function runHost(extraEnv: NodeJS.ProcessEnv = {}): { out: HarnessOutput; stderr: string } {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npx electron-vite build first (npm test builds before the int tests)`);
  const sources = Math.max(...['src/main', 'src/shared', 'src/preload'].map((d) => newestSource(join(root, d))));
  if (statSync(bundle).mtimeMs < sources) throw new Error(`${bundle} is older than the sources: run npx electron-vite build again`);
  const dir = mkdtempSync(join(tmpdir(), 'ops-electron-host-'));
  try {
    writeFileSync(join(dir, 'electron-stand-in.mjs'), STAND_IN);
    writeFileSync(join(dir, 'electron-updater-stand-in.mjs'), UPDATER_STAND_IN);
    writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
    writeFileSync(join(dir, 'register.mjs'), REGISTER);
    writeFileSync(join(dir, 'harness.mjs'), HARNESS);
    // A profile whose only engine is not there: nothing outside is reached.
    writeFileSync(join(dir, 'connections.yaml'), `docker:\n  - name: gone\n    host: unix://${dir}/none.sock\n`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OPS_CONSOLE_PROFILE: join(dir, 'connections.yaml'),
      OPS_CONSOLE_CONFIG_DIR: dir,
      OPS_CONSOLE_DATA_DIR: dir,
      OPS_CONSOLE_RECORD_STATS: '0',
      ...extraEnv,
    };
    delete env.ELECTRON_RENDERER_URL;
    delete env.NODE_OPTIONS;
    if (!('OPS_CONSOLE_UPDATE_URL' in extraEnv)) delete env.OPS_CONSOLE_UPDATE_URL;
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, join(dir, 'harness.mjs'), bundle, appUrl], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('HARNESS '));
    if (run.status !== 0 || !line) throw new Error(`the harness failed (exit ${run.status}, ${run.signal ?? 'no signal'}):\n${run.stdout}\n${run.stderr}`);
    return { out: JSON.parse(line.slice('HARNESS '.length)) as HarnessOutput, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the built Electron host, under Node with a stand-in electron module', () => {
  let out: HarnessOutput;
  let stderr: string;

  beforeAll(() => {
    ({ out, stderr } = runHost());
  }, 40_000);

  it('enables the sandbox for all renderers before the app is ready', () => {
    expect(out.calls.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(out.calls.indexOf('app.enableSandbox')).toBeLessThan(out.calls.indexOf('app.whenReady'));
  });

  it('opens one window: isolated, sandboxed, without Node, web security on, the built preload, the built page', () => {
    expect(out.windows).toHaveLength(1);
    const { options, loadedFile, loadedUrl } = out.windows[0]!;
    const prefs = options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.preload).toBe(preload);
    expect(existsSync(preload)).toBe(true);
    expect(options.show).toBe(false);
    expect(loadedFile).toBe(rendererFile);
    expect(loadedUrl).toBeUndefined();
    expect([out.shownBeforeReady, out.shownAfterReady]).toEqual([false, true]);
  });

  it('registers the IPC handlers (invoke, subscribe, unsubscribe) and the hardening before the window exists', () => {
    expect(out.ipcHandle).toEqual(['rpc:invoke']);
    expect(out.ipcOn.sort()).toEqual(['rpc:subscribe', 'rpc:unsubscribe']);
    expect(out.session.sort()).toEqual(['headersReceived', 'permissionCheck', 'permissionRequest']);
    const window = out.calls.indexOf('new BrowserWindow');
    for (const call of ['app.on web-contents-created', 'session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.webRequest.onHeadersReceived', 'ipcMain.handle rpc:invoke', 'ipcMain.on rpc:subscribe', 'ipcMain.on rpc:unsubscribe']) {
      expect(out.calls.indexOf(call), call).toBeGreaterThanOrEqual(0);
      expect(out.calls.indexOf(call), `${call} before the window`).toBeLessThan(window);
    }
  });

  it('registers its app event handlers: web contents, activate, window-all-closed, will-quit', () => {
    expect(out.appEvents.sort()).toEqual(['activate', 'second-instance', 'web-contents-created', 'will-quit', 'window-all-closed']);
    expect(out.activateWithWindow).toBe(0);
    expect(out.activateWithout).toBe(1);
    expect(out.quitOnAllClosed).toBe(process.platform === 'darwin' ? 0 : 1);
  });

  it('every web contents: no new windows, no navigation or redirect away from the app page, no webviews', () => {
    expect(out.contents.events.sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(out.contents.windowOpen).toEqual({ action: 'deny' });
    expect(out.contents.navigatePrevented).toEqual({ foreign: true, otherFile: true, app: false });
    expect(out.contents.redirectPrevented).toEqual({ foreign: true, app: false });
    expect(out.contents.webviewPrevented).toBe(true);
  });

  it('puts a tray icon up that opens the incidents when clicked', () => {
    expect(out.tray).toEqual({ toolTip: expect.stringMatching(/^Ops Console/), clickable: true });
  });

  it('the session denies every permission request and check but notifications for the app page, and sets the CSP on every response', () => {
    expect(out.permissionRequests).toEqual({ media: false, notifications: true, geolocation: false, 'clipboard-read': false, openExternal: false, 'notifications from a foreign page': false });
    expect(out.permissionChecks).toEqual([false, true, false, false]);
    expect(out.headers?.responseHeaders).toEqual({ 'X-Kept': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] });
  });

  it('answers IPC calls from the app top frame only', () => {
    expect(out.invoke?.trusted).toMatchObject({ ok: true, result: { host: 'electron', version: pkg.version } });
    for (const untrusted of ['foreignPage', 'subframe', 'noFrame'] as const) {
      expect(out.invoke?.[untrusted], untrusted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(out.invoke?.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('serves streams to the app frame over rpc:stream-event, and ignores other senders and malformed messages', () => {
    expect(out.streams.trusted).toEqual([{ channel: 'rpc:stream-event', message: { id: 1, type: 'end', error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) } }]);
    expect(out.streams.foreign).toEqual([]);
  });

  it('reports the missing OS keychain instead of pretending to encrypt', () => {
    expect(out.calls).toContain('safeStorage.isEncryptionAvailable');
    expect(stderr).toMatch(/OS keychain is not available/);
  });
});

describe('the desktop app: one instance, and updates only when configured', () => {
  it('takes the single-instance lock before anything else; a second launch restores and focuses the window, opening no other', () => {
    const { out } = runHost();
    expect(out.calls[0]).toBe('app.requestSingleInstanceLock');
    expect(out.calls).not.toContain('app.quit');
    expect(out.secondInstance).toEqual({ calls: ['BrowserWindow.restore', 'BrowserWindow.show', 'BrowserWindow.focus'], newWindows: 0, minimized: false });
    // No update URL: electron-updater is not even loaded.
    expect(out.updater).toBeNull();
  }, 40_000);

  it('quits at once when another instance holds the lock: no window, no connections', () => {
    const { out } = runHost({ STAND_IN_LOCK_TAKEN: '1' });
    expect(out.calls).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(out.windows).toEqual([]);
  }, 40_000);

  it('checks a generic update server when OPS_CONSOLE_UPDATE_URL is set', () => {
    const { out } = runHost({ OPS_CONSOLE_UPDATE_URL: 'https://updates.example.invalid/ops-console/' });
    expect(out.updater).toEqual({
      feed: { provider: 'generic', url: 'https://updates.example.invalid/ops-console/' },
      checks: 1,
      autoDownload: true,
      events: ['error', 'update-downloaded'],
    });
  }, 40_000);
});

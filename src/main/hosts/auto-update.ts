/**
 * Updates for the desktop app, with electron-updater from a generic server (a directory of
 * installers with latest.yml / latest-mac.yml / latest-linux.yml, as electron-builder writes
 * them). OFF unless OPS_CONSOLE_UPDATE_URL is set: nothing is fetched and the library is not
 * even loaded.
 */
export interface UpdaterLike {
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  logger: unknown;
  autoDownload: boolean;
}

export interface AutoUpdateOptions {
  env?: NodeJS.ProcessEnv;
  log: (level: 'info' | 'warn' | 'error', message: string, error?: unknown) => void;
  /** electron-updater's autoUpdater (loaded only when updates are configured). */
  load?: () => Promise<UpdaterLike>;
  /** How often to check again after the first check. */
  everyMs?: number;
}

export function updateUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.OPS_CONSOLE_UPDATE_URL?.trim();
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'file:' ? url : undefined;
  } catch {
    return undefined;
  }
}

async function loadElectronUpdater(): Promise<UpdaterLike> {
  const mod = (await import('electron-updater')) as unknown as { autoUpdater?: UpdaterLike; default?: { autoUpdater?: UpdaterLike } };
  const updater = mod.autoUpdater ?? mod.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}

/** Starts checking for updates if configured; returns a stop function (or undefined when off). */
export async function startAutoUpdate(options: AutoUpdateOptions): Promise<(() => void) | undefined> {
  const env = options.env ?? process.env;
  const url = updateUrl(env);
  if (!url) {
    if (env.OPS_CONSOLE_UPDATE_URL) options.log('warn', `updates: OPS_CONSOLE_UPDATE_URL is not an http(s) or file URL; updates stay off`);
    return undefined;
  }
  let updater: UpdaterLike;
  try {
    updater = await (options.load ?? loadElectronUpdater)();
  } catch (error) {
    options.log('error', 'updates: electron-updater cannot be loaded', error);
    return undefined;
  }
  updater.logger = {
    info: (m: unknown) => options.log('info', `updates: ${String(m)}`),
    warn: (m: unknown) => options.log('warn', `updates: ${String(m)}`),
    error: (m: unknown) => options.log('error', `updates: ${String(m)}`),
    debug: () => undefined,
  };
  updater.autoDownload = true;
  updater.setFeedURL({ provider: 'generic', url, channel: env.OPS_CONSOLE_UPDATE_CHANNEL || undefined });
  updater.on('error', (error) => options.log('error', 'updates: check failed', error));
  updater.on('update-downloaded', (info) => options.log('info', `updates: version ${info.version} downloaded; it is installed when the console quits`));
  const check = () => void updater.checkForUpdatesAndNotify().catch((error: unknown) => options.log('error', 'updates: check failed', error));
  options.log('info', `updates: checking ${url}`);
  check();
  const timer = setInterval(check, options.everyMs ?? 4 * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}

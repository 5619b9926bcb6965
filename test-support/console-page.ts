import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startConsole, type RunningConsole } from './console';
import { labProfilePath } from './lab';

export interface ConsolePageOptions {
  /** Viewport size; 1440 x 900 unless told. */
  width?: number;
  height?: number;
  /** The connection profile; the lab's own unless told. */
  profilePath?: string;
  /** More environment for the console's process (OPS_CONSOLE_SECRETS, OPS_CONSOLE_DATA_DIR ...). */
  env?: NodeJS.ProcessEnv;
  /** A Chromium to open the page in (left running by close); else one is launched for this page and closed with it. */
  browser?: Browser;
}

export interface ConsolePage {
  page: Page;
  /** The console's URL, token included: `${url}#/containers` opens a screen. */
  url: string;
  /** The running console (its pid, output and data directory). */
  app: RunningConsole & { dataDir: string };
  browser: Browser;
  /** Closes the page, the console and the Chromium it launched; safe to call twice. */
  close(): Promise<void>;
}

/** The built console in browser mode with one Chromium page on it: the fixture of every e2e test. */
export async function openConsolePage(options: ConsolePageOptions = {}): Promise<ConsolePage> {
  const { width = 1440, height = 900, env, browser: given } = options;
  const browser = given ?? (await launchChromium());
  let app: (RunningConsole & { dataDir: string }) | undefined;
  let page: Page | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await page?.close().catch(() => undefined);
    await app?.stop();
    if (!given) await browser.close();
  };
  try {
    app = await startConsole(options.profilePath ?? labProfilePath(), env);
    page = await browser.newPage({ viewport: { width, height } });
  } catch (error) {
    await close();
    throw error;
  }
  return { page, url: app.url, app, browser, close };
}

/**
 * openConsolePage for a test file or describe block: opened in its beforeAll, closed in its
 * afterAll. Options given as a function are read in that beforeAll, after the hooks registered
 * before this call (a profile written there, say).
 */
export function useConsolePage(options: ConsolePageOptions | (() => ConsolePageOptions) = {}): ConsolePage {
  let opened: ConsolePage | undefined;
  beforeAll(async () => {
    opened = await openConsolePage(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = () => {
    if (!opened) throw new Error('the console page opens in beforeAll: use it in a test or a later hook');
    return opened;
  };
  return {
    get page() {
      return current().page;
    },
    get url() {
      return current().url;
    },
    get app() {
      return current().app;
    },
    get browser() {
      return current().browser;
    },
    close: () => current().close(),
  };
}

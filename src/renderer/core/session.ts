import { useSyncExternalStore } from 'react';
import type { Session, SessionTerminal } from '../../shared/domain';
import { client, onLinkStateChange } from '../api';
import { isExplicitHash } from './session-route';

/*
 * The session kept main-side (session.json in the data directory): loaded once at start,
 * before the screens draw (the shell may draw first); then every change (the screen, a
 * filter, the open terminals) is sent back a moment later. The main side is the source
 * after a restart; sessionStorage stays this window's own cache (see useSessionState).
 */

/** How long the screens wait for the kept session before drawing without it. */
const LOAD_WAIT_MS = 1500;
/**
 * How long they wait when the backend's socket is open: its server answered the handshake, so it
 * is alive, only still starting (in browser mode it serves the page before its connectors have
 * loaded), and its data would not be there sooner anyway.
 */
const STARTING_WAIT_MS = 6000;
/** Changes in this span go in one save. */
const SAVE_DELAY_MS = 150;
/** A failed read of the kept session is asked again this often, this many times. */
const RETRY_MS = 2000;
const RETRIES = 30;

/** The hash the window was opened on, before anything navigated. */
const openedOn = window.location.hash;

let ready = false;
/** Whether saves may go (after the kept session is in, or could not be read): never overwrite it unread. */
let loaded = false;
let loading: Promise<void> | undefined;
let route: string | undefined;
let values: Record<string, unknown> = {};
/** Keys set in this window before the kept session came in: they win over it. */
const setEarly = new Set<string>();
let openTerminals: SessionTerminal[] = [];
let offered: SessionTerminal[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function snapshot(): Session {
  const seen = new Set<string>();
  // The open terminals, then those still offered (not yet reopened or dismissed), each once.
  const terminals = [...openTerminals, ...offered].filter((t) => {
    const key = `${t.engine}/${t.id}/${(t.command ?? []).join(' ')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...(route ? { route } : {}), values, terminals };
}

function saveNow(): void {
  clearTimeout(timer);
  timer = undefined;
  if (!loaded) return;
  void client.invoke('session.save', snapshot()).catch(() => undefined);
}

function scheduleSave(): void {
  if (!loaded) return;
  clearTimeout(timer);
  timer = setTimeout(saveNow, SAVE_DELAY_MS);
}

// A window closing with a change not yet sent sends it at once.
window.addEventListener('pagehide', () => {
  if (timer !== undefined) saveNow();
});

function apply(session: Session): void {
  const late = ready;
  const mine = Object.fromEntries([...setEarly].map((key) => [key, values[key]]));
  values = { ...session.values, ...mine };
  route ??= session.route;
  offered = session.terminals;
  loaded = true;
  if (!ready) {
    // The restored screen, unless the window was opened on one (a deep link) or has moved since.
    if (session.route && !isExplicitHash(openedOn) && window.location.hash === openedOn) window.location.replace(session.route);
    ready = true;
  }
  notify();
  // Came in after the screens drew: what changed meanwhile goes now, merged into it.
  if (late) scheduleSave();
}

/** Loads the kept session (once); resolves when it is in, or after LOAD_WAIT_MS without it. */
export function loadSession(): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    const drawWithout = () => {
      if (ready) return;
      ready = true;
      notify();
      resolve();
    };
    const since = Date.now();
    let linkOpen = false;
    const offLink = onLinkStateChange((state) => (linkOpen = state === 'open'));
    const waitOrDraw = () => {
      const left = STARTING_WAIT_MS - (Date.now() - since);
      if (linkOpen && left > 0) waited = setTimeout(waitOrDraw, Math.min(left, 250));
      else drawWithout();
    };
    let waited = setTimeout(waitOrDraw, LOAD_WAIT_MS);
    const attempt = (tries: number) => {
      client.invoke('session.get', {}).then(
        (session) => {
          clearTimeout(waited);
          offLink();
          apply(session);
          resolve();
        },
        () => {
          // The backend is not reachable yet: the screens draw without it, and nothing is saved
          // over the kept session before it has been read (asked again shortly).
          clearTimeout(waited);
          offLink();
          drawWithout();
          if (tries < RETRIES) setTimeout(() => attempt(tries + 1), RETRY_MS);
        },
      );
    };
    attempt(0);
  });
  return loading;
}

/** True once the screens may draw (the kept session is in, or was waited for long enough). */
export function useSessionReady(): boolean {
  return useSyncExternalStore(subscribe, () => ready);
}

/** A screen's value as kept (undefined when none). */
export function sessionValue(key: string): unknown {
  return values[key];
}

export function rememberValue(key: string, value: unknown): void {
  if (Object.is(values[key], value)) return;
  if (!loaded) setEarly.add(key);
  values = { ...values, [key]: value };
  scheduleSave();
}

/** The route to reopen next time (see routeToKeep). */
export function rememberRoute(next: string | undefined): void {
  if (!next || next === route) return;
  route = next;
  scheduleSave();
}

/** The terminals open now (the Terminal screen's tabs). */
export function rememberOpenTerminals(terminals: SessionTerminal[]): void {
  openTerminals = terminals;
  scheduleSave();
}

/** The terminals that were open when the console last ran, offered until reopened or dismissed. */
export function useOfferedTerminals(): SessionTerminal[] {
  return useSyncExternalStore(subscribe, () => offered);
}

/** One offered terminal taken (being reopened), or all of them dismissed. */
export function withdrawOffered(terminal?: SessionTerminal): void {
  offered = terminal ? offered.filter((t) => t !== terminal) : [];
  notify();
  scheduleSave();
}

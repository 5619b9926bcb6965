import { useSyncExternalStore } from 'react';
import type { Language } from '../i18n';

interface Clock {
  now: number;
  subscribe: (listener: () => void) => () => void;
  read: () => number;
}

/** One clock per interval, shared by every component that asks for it (a thousand ages, one timer). */
const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  const existing = clocks.get(intervalMs);
  if (existing) return existing;
  const listeners = new Set<() => void>();
  let timer: number | undefined;
  const clock: Clock = {
    now: Date.now(),
    // One function per clock, so that React does not unsubscribe and subscribe again on every render.
    subscribe: (listener) => {
      listeners.add(listener);
      timer ??= window.setInterval(() => {
        clock.now = Date.now();
        for (const l of listeners) l();
      }, intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        window.clearInterval(timer);
        timer = undefined;
      };
    },
    read: () => {
      // A clock nobody listened to lately is brought up to date (the same value until it is an interval old).
      if (timer === undefined && Date.now() - clock.now >= intervalMs) clock.now = Date.now();
      return clock.now;
    },
  };
  clocks.set(intervalMs, clock);
  return clock;
}

/** The current time, updated every `intervalMs` (for "12 s ago" texts). */
export function useNow(intervalMs = 1000): number {
  const clock = clockOf(intervalMs);
  return useSyncExternalStore(clock.subscribe, clock.read);
}

export function formatClock(timestamp: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(timestamp);
}

export function formatDateTime(timestamp: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(timestamp);
}

/** "12 seconds ago", "3 minutes ago" in the UI language. */
export function formatAgo(timestamp: number, now: number, language: Language): string {
  const seconds = Math.round((timestamp - now) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' });
  if (Math.abs(seconds) < 60) return format.format(Math.min(0, seconds), 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** "2026-11-24 19:00:41" in local time: sortable, and the same in every language (audit, logs). */
export function formatTimestamp(timestamp: number): string {
  const d = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

import { useSyncExternalStore } from 'react';
import type { Language } from '../i18n';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer?: number;
}

/** One clock per interval, shared by every component that asks for it (a thousand ages, one timer). */
const clocks = new Map<number, Clock>();

function clockOf(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) clocks.set(intervalMs, (clock = { now: Date.now(), listeners: new Set() }));
  return clock;
}

/** The current time, updated every `intervalMs` (for "12 s ago" texts). */
export function useNow(intervalMs = 1000): number {
  const clock = clockOf(intervalMs);
  return useSyncExternalStore(
    (listener) => {
      clock.listeners.add(listener);
      clock.timer ??= window.setInterval(() => {
        clock.now = Date.now();
        for (const l of clock.listeners) l();
      }, intervalMs);
      return () => {
        clock.listeners.delete(listener);
        if (clock.listeners.size > 0) return;
        window.clearInterval(clock.timer);
        clock.timer = undefined;
      };
    },
    () => {
      // A clock nobody listened to lately is brought up to date (the same value until it is an interval old).
      if (clock.timer === undefined && Date.now() - clock.now >= intervalMs) clock.now = Date.now();
      return clock.now;
    },
  );
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

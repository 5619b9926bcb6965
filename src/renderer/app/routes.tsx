import { lazy, type ComponentType } from 'react';
import type { PlainMessageKey } from '../i18n';
import {
  IconAudit,
  IconConnections,
  IconContainers,
  IconIncidents,
  IconLogs,
  IconMetrics,
  IconRegistry,
  IconSearch,
  IconSettings,
  IconTerminal,
  IconTimeline,
  IconTopology,
} from '../components/icons';
import { ContainersScreen } from '../features/containers/ContainersScreen';

/*
 * Each screen but the default one is its own chunk, loaded on first visit: the graph layout,
 * charts and terminal libraries are most of the bundle, and a window opened on the Logs
 * screen should not wait for them.
 */
/** Every lazy screen's loader, for prefetching (a second call is the same promise: the chunk loads once). */
const loaders: Array<() => Promise<unknown>> = [];

/** A screen component from its module, loaded when first drawn or when prefetched. */
function lazyScreen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  let loading: Promise<Record<K, ComponentType>> | undefined;
  const once = () => (loading ??= load().catch((error: unknown) => {
    loading = undefined; // a failed download is tried again on the next visit
    throw error;
  }));
  loaders.push(once);
  return lazy(() => once().then((module) => ({ default: module[name] })));
}

/**
 * Loads every screen's chunk, one at a time in idle time, so that a first visit does not wait
 * for a download and parse. Called once the first screen has drawn.
 */
export function prefetchScreens(): () => void {
  let stopped = false;
  // Only when the page is truly idle (no timeout): parsing a chunk is a long task, and a page
  // following a log flood must keep taking clicks at once.
  const idle = (run: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(run) : window.setTimeout(run, 50));
  const next = (index: number) => {
    if (stopped || index >= loaders.length) return;
    idle(() => {
      if (stopped) return;
      void loaders[index]!().catch(() => undefined).then(() => next(index + 1));
    });
  };
  next(0);
  return () => {
    stopped = true;
  };
}

// Declared in the order their chunks are prefetched: the heaviest and most used first.
const TopologyScreen = lazyScreen(() => import('../features/topology/TopologyScreen'), 'TopologyScreen');
const LogsScreen = lazyScreen(() => import('../features/logs/LogsScreen'), 'LogsScreen');
const LogSearchScreen = lazyScreen(() => import('../features/log-search/LogSearchScreen'), 'LogSearchScreen');
const TerminalScreen = lazyScreen(() => import('../features/terminal/TerminalScreen'), 'TerminalScreen');
const RegistryScreen = lazyScreen(() => import('../features/registry/RegistryScreen'), 'RegistryScreen');
const MetricsScreen = lazyScreen(() => import('../features/metrics/MetricsScreen'), 'MetricsScreen');
const TimelineScreen = lazyScreen(() => import('../features/timeline/TimelineScreen'), 'TimelineScreen');
const ConnectionsScreen = lazyScreen(() => import('../features/connections/ConnectionsScreen'), 'ConnectionsScreen');
const AuditScreen = lazyScreen(() => import('../features/audit/AuditScreen'), 'AuditScreen');
const SettingsScreen = lazyScreen(() => import('../features/settings/SettingsScreen'), 'SettingsScreen');
const IncidentsScreen = lazyScreen(() => import('../features/incidents/IncidentsScreen'), 'IncidentsScreen');

export interface Screen {
  /** The hash path segment: `#/containers`. */
  id: string;
  labelKey: PlainMessageKey;
  Icon: ComponentType;
  Component: ComponentType;
  /** English words that find this screen in the palette whatever the UI language. */
  keywords: string[];
}

/** Every screen of the main navigation, in order. */
export const SCREENS: readonly Screen[] = [
  { id: 'incidents', labelKey: 'nav.incidents', Icon: IconIncidents, Component: IncidentsScreen, keywords: ['incidents', 'problems', 'alerts', 'now', 'what is wrong'] },
  { id: 'topology', labelKey: 'nav.topology', Icon: IconTopology, Component: TopologyScreen, keywords: ['topology', 'map', 'services'] },
  { id: 'containers', labelKey: 'nav.containers', Icon: IconContainers, Component: ContainersScreen, keywords: ['containers', 'docker', 'ps'] },
  { id: 'logs', labelKey: 'nav.logs', Icon: IconLogs, Component: LogsScreen, keywords: ['logs', 'tail'] },
  { id: 'log-search', labelKey: 'nav.logSearch', Icon: IconSearch, Component: LogSearchScreen, keywords: ['search logs', 'grep', 'find', 'logs', 'regex'] },
  { id: 'terminal', labelKey: 'nav.terminal', Icon: IconTerminal, Component: TerminalScreen, keywords: ['terminal', 'exec', 'shell'] },
  { id: 'registry', labelKey: 'nav.registry', Icon: IconRegistry, Component: RegistryScreen, keywords: ['registry', 'etcd'] },
  { id: 'metrics', labelKey: 'nav.metrics', Icon: IconMetrics, Component: MetricsScreen, keywords: ['metrics', 'zabbix', 'problems'] },
  { id: 'timeline', labelKey: 'nav.timeline', Icon: IconTimeline, Component: TimelineScreen, keywords: ['timeline', 'events'] },
  { id: 'connections', labelKey: 'nav.connections', Icon: IconConnections, Component: ConnectionsScreen, keywords: ['connections', 'hosts', 'status'] },
  { id: 'audit', labelKey: 'nav.audit', Icon: IconAudit, Component: AuditScreen, keywords: ['audit', 'history'] },
];

export const SETTINGS_SCREEN: Screen = {
  id: 'settings',
  labelKey: 'nav.settings',
  Icon: IconSettings,
  Component: SettingsScreen,
  keywords: ['settings', 'preferences', 'about'],
};

export const ALL_SCREENS: readonly Screen[] = [...SCREENS, SETTINGS_SCREEN];

/** Where a bare `#/` (or no hash) lands. */
export const DEFAULT_SCREEN = 'incidents';

export function findScreen(id: string): Screen | undefined {
  return ALL_SCREENS.find((screen) => screen.id === id);
}

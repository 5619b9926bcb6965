import { useQueryParam } from '../../core/router';
import { useCallback, useMemo, useState } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconSearch } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useSessionState } from '../../core/use-session-state';
import { useT } from '../../i18n';
import { NodePanel } from './NodePanel';
import { ScaleDialog, type ScaleTarget } from './ScaleDialog';
import { TopologyGraph } from './TopologyGraph';
import { TopologyList } from './TopologyList';
import { appsOf, childrenOf, environmentsOf, membersOf, replicasId, replicasPerEngine, visibleGraph, type GraphNode, type TopologyFilter } from './topology-model';
import { useTopology } from './use-topology';
import './topology.css';
import './topology-panel.css';

const HEALTHS = ['ok', 'warning', 'error', 'unknown'] as const;

/** The first screen in an incident: the platform as one picture, health from Docker, etcd and Zabbix. */
export function TopologyScreen() {
  const t = useT();
  const { view, streamError } = useTopology();
  const [filter, setFilter] = useSessionState<TopologyFilter>('topology.filter', { environment: '', app: '', search: '' });
  useQueryParam('service', (service) => setFilter({ environment: '', app: '', search: service }));
  const [mode, setMode] = useSessionState<'graph' | 'list'>('topology.mode', 'graph');
  const [expandedList, setExpandedList] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<string>();
  const [focus, setFocus] = useState<{ ids: string[] }>();
  const [dialog, setDialog] = useState<{ mode: 'scale' | 'restart'; target: ScaleTarget }>();
  const expanded = useMemo(() => new Set(expandedList), [expandedList]);

  const graph = useMemo(() => (view ? visibleGraph(view, filter, expanded) : { nodes: [], edges: [] }), [view, filter, expanded]);
  const selected = useMemo(() => {
    if (!selectedId || !view) return undefined;
    const shown = graph.nodes.find((n) => n.id === selectedId);
    if (shown) return shown;
    // A container or instance hidden inside a collapsed service, or filtered out: still show its panel.
    const node = view.nodes.find((n) => n.id === selectedId);
    return node ? ({ id: node.id, kind: node.kind, label: node.label, health: node.health, node, match: false } satisfies GraphNode) : undefined;
  }, [selectedId, graph, view]);

  const subtitle = useCallback(
    (n: GraphNode): string => {
      if (!view) return '';
      switch (n.kind) {
        case 'environment':
          return t('topology.sub.environment', { count: childrenOf(view, n.id).length });
        case 'service': {
          const m = membersOf(view, n.id);
          return t('topology.sub.service', { containers: m.containers.length, instances: m.instances.length });
        }
        case 'replicas':
          return t('topology.sub.replicas', { ok: n.summary?.ok ?? 0, warning: n.summary?.warning ?? 0, error: n.summary?.error ?? 0 });
        case 'container':
          return `${n.node.engine ?? ''} · ${n.node.containerId?.slice(0, 12) ?? ''}`;
        case 'instance':
          return n.node.reasons[0]?.replace(/^Registry: /, '') ?? t('topology.sub.registered');
        case 'engine': {
          const containers = view.nodes.filter((c) => c.kind === 'container' && c.engine === n.label).length;
          const problems = n.node.reasons.filter((r) => r.startsWith('Zabbix:')).length;
          return t('topology.sub.engine', { containers, problems });
        }
      }
    },
    [view, t],
  );

  const onSelect = useCallback(
    (n: GraphNode) => {
      if (n.kind === 'replicas') {
        setExpandedList((list) => [...new Set([...list, n.node.id])]);
        setSelectedId(n.node.id);
        if (view) {
          const members = membersOf(view, n.node.id);
          setFocus({ ids: [n.node.id, ...members.instances.map((m) => m.id), ...members.containers.map((m) => m.id)] });
        }
        return;
      }
      setSelectedId(n.id);
    },
    [view],
  );

  const openDialog = (dialogMode: 'scale' | 'restart') => {
    const n = selected?.node;
    if (!view || !n || n.kind !== 'service' || !n.project || !n.composeService) return;
    setDialog({
      mode: dialogMode,
      target: { project: n.project, composeService: n.composeService, label: n.label, environment: n.environment, production: Boolean(n.production), engines: replicasPerEngine(view, n.id) },
    });
  };

  const environments = view ? environmentsOf(view) : [];
  const apps = view ? appsOf(view, filter.environment) : [];
  const fitKey = JSON.stringify([filter, mode]);
  const counts = HEALTHS.map((h) => [h, graph.nodes.filter((n) => n.kind === 'service' && n.health === h).length] as const);

  return (
    <div className="screen topo-screen">
      <ScreenHeader
        title={t('nav.topology')}
        subtitle={t('topology.subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => setMode(mode === 'graph' ? 'list' : 'graph')} data-testid="topology-view-toggle" aria-pressed={mode === 'list'}>
            {mode === 'graph' ? t('topology.showList') : t('topology.showGraph')}
          </button>
        }
      />
      <div className="topo-toolbar">
        <label className="topo-search">
          <IconSearch />
          <input className="input" placeholder={t('topology.search')} value={filter.search} onChange={(e) => setFilter({ ...filter, search: e.target.value })} aria-label={t('topology.search')} data-testid="topology-search" />
        </label>
        <label className="field field--inline">
          <span>{t('topology.environment')}</span>
          <select className="select select--narrow" value={filter.environment} onChange={(e) => setFilter({ ...filter, environment: e.target.value, app: '' })} data-testid="topology-env">
            <option value="">{t('topology.all')}</option>
            {environments.map((env) => (
              <option key={env} value={env}>{env}</option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span>{t('topology.app')}</span>
          <select className="select select--narrow" value={filter.app} onChange={(e) => setFilter({ ...filter, app: e.target.value })} data-testid="topology-app">
            <option value="">{t('topology.all')}</option>
            {apps.map((app) => (
              <option key={app} value={app}>{app}</option>
            ))}
          </select>
        </label>
        <div className="topo-legend" data-testid="topology-legend" aria-label={t('topology.legend')}>
          {counts.map(([h, count]) => (
            <span key={h} className="topo-legend__item" title={t(`topology.healthHelp.${h}`)}>
              <span className={`topo-dot topo-dot--${h}`} aria-hidden />
              {t(`topology.health.${h}`)} <span className="muted">{count}</span>
            </span>
          ))}
          <span className="topo-legend__note muted">{t('topology.legendNote')}</span>
        </div>
      </div>
      {streamError && <ErrorBanner tone="warn" message={t('topology.streamLost', { message: streamError })} testId="topology-stream-error" />}
      <div className={`topo-body${selected ? ' topo-body--panel' : ''}`}>
        {!view ? (
          <div className="topo-loading">
            <Spinner label={t('topology.loading')} /> {t('topology.loading')}
          </div>
        ) : graph.nodes.every((n) => n.kind === 'engine') && (filter.search || filter.app || filter.environment) ? (
          <p className="topo-empty" data-testid="topology-empty">{t('topology.nothingMatches')}</p>
        ) : mode === 'graph' ? (
          <TopologyGraph graph={graph} selected={selected?.id} fitKey={fitKey} focus={focus} subtitle={subtitle} onSelect={onSelect} />
        ) : (
          <TopologyList graph={graph} selected={selected?.id} subtitle={subtitle} onSelect={onSelect} />
        )}
        {view && selected && (
          <NodePanel
            view={view}
            node={selected}
            expanded={expanded.has(selected.id)}
            collapsible={expanded.has(selected.id) || graph.nodes.some((n) => n.id === replicasId(selected.id))}
            onToggleExpanded={() => setExpandedList((list) => (list.includes(selected.id) ? list.filter((id) => id !== selected.id) : [...list, selected.id]))}
            onSelect={(id) => setSelectedId(id)}
            onScale={() => openDialog('scale')}
            onRestart={() => openDialog('restart')}
            onClose={() => setSelectedId(undefined)}
          />
        )}
      </div>
      {dialog && <ScaleDialog target={dialog.target} mode={dialog.mode} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

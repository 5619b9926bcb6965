import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { client } from '../../api';
import { useWarmStream, WarmStream } from '../../api/warm-stream';
import { useHashQuery, useLocation, useQueryParam } from '../../core/router';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useNow } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useT } from '../../i18n';
import type { ZabbixHost, ZabbixItem, ZabbixProblem, ZabbixSeries } from '../../../shared/domain';
import { PeerHealthBanners } from '../connections/PeerHealthBanners';
import { AckDialog } from './AckDialog';
import { DockerStatsCharts } from './DockerStatsCharts';
import { formatValue, mergeSeries, problemEnvironment, SEVERITY } from './metrics-format';
import './metrics.css';

type Tab = 'problems' | 'hosts' | 'charts';
const TABS: Tab[] = ['problems', 'hosts', 'charts'];
const COLOURS = ['#4f8cff', '#3ecf8e', '#f5a524', '#c77dff', '#ff6b9a', '#2ec4d6'];
const RANGES: Record<string, number> = { '15m': 15 * 60_000, '1h': 3600_000, '6h': 6 * 3600_000, '24h': 24 * 3600_000, '7d': 7 * 86400_000, '30d': 30 * 86400_000 };

/** Zabbix beside the containers: live problems (acknowledge), hosts matched to engines, item charts. */
export function MetricsScreen() {
  const t = useT();
  const { path } = useLocation();
  const tab = (TABS.find((x) => path.startsWith(`/metrics/${x}`)) ?? 'problems') as Tab;
  return (
    <div className="metrics-screen">
      <ScreenHeader title={t('nav.metrics')} subtitle={t('metrics.subtitle')} />
      <nav className="metrics-tabs" role="tablist" aria-label={t('metrics.tabs')}>
        {TABS.map((x) => (
          <a key={x} href={`#/metrics/${x}`} role="tab" aria-selected={x === tab} className={`metrics-tab${x === tab ? ' metrics-tab--active' : ''}`} data-testid={`metrics-tab-${x}`}>
            {t(`metrics.tab.${x}`)}
          </a>
        ))}
      </nav>
      <div className="metrics-body" role="tabpanel">
        <PeerHealthBanners kinds={['zabbix']} hint={() => t('health.zabbixStale')} />
        {tab === 'problems' ? <Problems /> : tab === 'hosts' ? <Hosts /> : <Charts />}
      </div>
    </div>
  );
}

/** `zabbix.problems`, kept subscribed after the first visit: the list draws at once on a later one. */
const problemsStream = new WarmStream({
  name: 'zabbix.problems',
  input: {},
  initial: { problems: [] as ZabbixProblem[], error: undefined as string | undefined },
  reduce: (state, items) => {
    const last = items[items.length - 1];
    if (!last) return state;
    return last.error ? { ...state, error: last.error.message } : { problems: last.problems, error: undefined };
  },
});

function Problems() {
  const t = useT();
  const { state: problemsState, loaded, error: streamError } = useWarmStream(problemsStream);
  const problems = problemsState.problems;
  const error = problemsState.error ?? streamError;
  const [minSeverity, setMinSeverity] = useSessionState('metrics.minSeverity', 0);
  const [hostFilter, setHostFilter] = useSessionState('metrics.host', '');
  const [envFilter, setEnvFilter] = useSessionState('metrics.environment', '');
  const [acking, setAcking] = useState<ZabbixProblem>();
  // A link may mark one problem (`?event=ID`, from the palette) and ask to acknowledge it (`&ack=1`).
  const query = useHashQuery();
  const marked = query.get('event') ?? undefined;
  const askAck = query.get('ack') === '1';
  const [askedAck, setAskedAck] = useState<string>();
  // Shown at once; Zabbix's own answer follows with the next poll.
  const [ackedNow, setAckedNow] = useState<ReadonlySet<string>>(new Set());
  const shown = problems.filter(
    (p) => p.eventid === marked || (p.severity >= minSeverity && (!hostFilter || p.hosts.some((h) => h.name === hostFilter)) && (!envFilter || problemEnvironment(p) === envFilter)),
  );
  const markedProblem = marked ? problems.find((p) => p.eventid === marked) : undefined;
  useEffect(() => {
    if (!markedProblem) return;
    document.querySelector(`[data-testid="zabbix-problem"][data-eventid="${CSS.escape(markedProblem.eventid)}"]`)?.scrollIntoView({ block: 'nearest' });
    if (askAck && askedAck !== markedProblem.eventid) {
      setAskedAck(markedProblem.eventid);
      setAcking(markedProblem);
    }
  }, [markedProblem, askAck, askedAck]);
  const hostNames = [...new Set(problems.flatMap((p) => p.hosts.map((h) => h.name)))].sort();
  const environments = [...new Set(problems.map(problemEnvironment).filter((e): e is string => !!e))].sort();
  return (
    <>
      {error && <div className="metrics-banner" data-testid="zabbix-problems-error">{t('metrics.down', { message: error })}</div>}
      <div className="metrics-toolbar">
        <label>
          {t('metrics.minSeverity')}{' '}
          <select className="select" value={minSeverity} onChange={(e) => setMinSeverity(Number(e.target.value))} data-testid="severity-filter">
            {SEVERITY.map((s, i) => <option key={s.name} value={i}>{s.name}</option>)}
          </select>
        </label>
        <label>
          {t('metrics.col.hosts')}{' '}
          <select className="select" value={hostFilter} onChange={(e) => setHostFilter(e.target.value)} data-testid="problem-host-filter">
            <option value="">{t('metrics.all')}</option>
            {[...new Set([...hostNames, ...(hostFilter ? [hostFilter] : [])])].map((h) => <option key={h} value={h}>{h}</option>)}
          </select>
        </label>
        <label>
          {t('metrics.environment')}{' '}
          <select className="select" value={envFilter} onChange={(e) => setEnvFilter(e.target.value)} data-testid="problem-env-filter">
            <option value="">{t('metrics.all')}</option>
            {[...new Set([...environments, ...(envFilter ? [envFilter] : [])])].map((env) => <option key={env} value={env}>{env}</option>)}
          </select>
        </label>
        <span className="muted">{SEVERITY.map((s, i) => `${s.name}: ${problems.filter((p) => p.severity === i).length}`).filter((x) => !x.endsWith(': 0')).join(' · ')}</span>
      </div>
      <table className={`data-table${error ? ' metrics-stale' : ''}`} data-testid="zabbix-problems" data-loaded={loaded}>
        <thead><tr><th>{t('metrics.col.severity')}</th><th>{t('metrics.col.problem')}</th><th>{t('metrics.col.hosts')}</th><th>{t('metrics.col.age')}</th><th>{t('metrics.col.ack')}</th><th>{t('metrics.col.tags')}</th><th /></tr></thead>
        <tbody>
          {shown.map((p) => (
            <ProblemRow key={p.eventid} problem={p} marked={p.eventid === marked} acked={p.acknowledged || ackedNow.has(p.eventid)} onAck={setAcking} ackLabel={t('metrics.ack')} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted metrics-empty">{problems.length > 0 ? t('metrics.noneMatch', { count: problems.length }) : t('metrics.noProblems')}</p>}
      {acking && <AckDialog problem={acking} onClose={() => setAcking(undefined)} onDone={() => setAckedNow((s) => new Set(s).add(acking.eventid))} />}
    </>
  );
}

/**
 * One problem's row. Memoised, with an age cell that ticks on its own: a new list or the
 * clock redraws only what changed, not a thousand rows every second.
 */
const ProblemRow = memo(function ProblemRow({ problem: p, marked, acked, onAck, ackLabel }: { problem: ZabbixProblem; marked: boolean; acked: boolean; onAck: (p: ZabbixProblem) => void; ackLabel: string }) {
  return (
    <tr className={marked ? 'metrics-row--marked' : undefined} data-marked={marked ? 'true' : undefined} data-testid="zabbix-problem" data-eventid={p.eventid} data-severity={p.severity} data-environment={problemEnvironment(p) ?? ''} data-acknowledged={String(acked)} data-name={p.name}>
      <td><span className="metrics-sev" style={{ background: SEVERITY[p.severity]?.colour }}>{SEVERITY[p.severity]?.name}</span></td>
      <td>{p.name}</td>
      <td className="mono">{p.hosts.map((h) => h.name).join(', ')}{p.engines.length ? ` → ${p.engines.join(', ')}` : ''}</td>
      <td className="mono"><Age since={p.clock} /></td>
      <td title={p.acknowledges.map((a) => `${a.user}: ${a.message}`).join('\n')}>{acked ? '✓' : ''}</td>
      <td>{p.tags.map((tag) => <span key={`${tag.tag}=${tag.value}`} className="metrics-tag">{tag.tag}={tag.value}</span>)}</td>
      <td><button type="button" className="btn btn--small" onClick={() => onAck(p)} data-testid="problem-ack">{ackLabel}</button></td>
    </tr>
  );
});

function Age({ since }: { since: number }) {
  const now = useNow();
  return <>{age(Math.max(0, now - since))}</>;
}

function useHosts(): ZabbixHost[] {
  const [hosts, setHosts] = useState<ZabbixHost[]>([]);
  useEffect(() => {
    void client.invoke('zabbix.hosts', {}).then(setHosts, () => setHosts([]));
  }, []);
  return hosts;
}

function Hosts() {
  const t = useT();
  const hosts = useHosts();
  // A pivot from a container (`?engine=E`) or the palette (`?host=H`) puts that host first, marked and in view.
  const query = useHashQuery();
  const engine = query.get('engine');
  const marked = query.get('host');
  const isFocus = (h: ZabbixHost) => (!!engine && h.engine === engine) || (!!marked && h.host === marked);
  const focused = useRef<HTMLElement>(null);
  const ordered = [...hosts.filter(isFocus), ...hosts.filter((h) => !isFocus(h))];
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'nearest' });
  }, [engine, marked, hosts]);
  return (
    <div className="metrics-hosts">
      {engine && hosts.length > 0 && !hosts.some((h) => h.engine === engine) && <p className="muted" data-testid="metrics-no-host">{t('metrics.noHostFor', { engine })}</p>}
      {ordered.map((h) => {
        const focus = isFocus(h);
        return (
          <section key={h.hostid} ref={focus ? focused : undefined} className={`panel metrics-host${focus ? ' metrics-host--marked' : ''}`} data-testid="zabbix-host" data-host={h.host} data-engine={h.engine ?? ''} data-marked={focus ? 'true' : undefined}>
            <h3>
              {h.name} <span className="muted">{h.engine ? `→ ${h.engine} (${h.matchedBy})` : t('metrics.noEngine')}</span>{' '}
              {h.problems > 0 && <a href="#/metrics/problems" className="metrics-sev" style={{ background: SEVERITY[4]!.colour }}>{h.problems}</a>}{' '}
              <a href={`#/metrics/charts?host=${encodeURIComponent(h.hostid)}`} className="metrics-host__charts" data-testid="host-charts">{t('metrics.tab.charts')}</a>
            </h3>
            <table className="data-table"><tbody>
              {h.items.map((i) => <tr key={i.itemid}><td>{i.name}</td><td className="mono">{i.lastValue !== undefined ? formatValue(Number(i.lastValue), i.units) : '—'}</td></tr>)}
            </tbody></table>
          </section>
        );
      })}
    </div>
  );
}

function Charts() {
  const t = useT();
  const hosts = useHosts();
  const [hostid, setHostid] = useState<string>();
  const [items, setItems] = useState<ZabbixItem[]>([]);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<ZabbixItem[]>([]);
  const [range, setRange] = useState<{ from: number; to: number }>(() => ({ from: Date.now() - RANGES['1h']!, to: Date.now() }));
  const [series, setSeries] = useState<ZabbixSeries[]>([]);
  const [brush, setBrush] = useState<{ a?: number; b?: number }>({});
  useQueryParam('host', (value) => {
    setHostid(value);
    setChosen([]);
  });
  useEffect(() => {
    if (!hostid && hosts[0]) setHostid(hosts.find((h) => h.engine)?.hostid ?? hosts[0].hostid);
  }, [hosts, hostid]);
  useEffect(() => {
    if (hostid) void client.invoke('zabbix.items', { hostids: [hostid] }).then((all) => setItems(all.filter((i) => i.valueType === 0 || i.valueType === 3)));
  }, [hostid]);
  useEffect(() => {
    if (chosen.length === 0) return setSeries([]);
    void client.invoke('zabbix.history', { itemids: chosen.map((i) => i.itemid), from: range.from, to: range.to }).then(setSeries, () => setSeries([]));
  }, [chosen, range]);
  const data = useMemo(() => mergeSeries(series), [series]);
  const options = items.filter((i) => !chosen.includes(i) && i.name.toLowerCase().includes(search.toLowerCase())).slice(0, 8);
  return (
    <div className="metrics-charts">
      <div className="metrics-toolbar">
        <label>{t('metrics.host')}{' '}
          <select className="select" value={hostid ?? ''} onChange={(e) => { setHostid(e.target.value); setChosen([]); }}>
            {hosts.map((h) => <option key={h.hostid} value={h.hostid}>{h.name}</option>)}
          </select>
        </label>
        <span className="metrics-picker">
          <input className="input" placeholder={t('metrics.searchItems')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="item-picker" />
          {search && (
            <span className="metrics-options">
              {options.map((i) => <button key={i.itemid} type="button" className="metrics-option" onClick={() => { setChosen([...chosen, i].slice(0, 6)); setSearch(''); }} data-testid="item-option" data-itemid={i.itemid}>{i.name}</button>)}
            </span>
          )}
        </span>
        <span>{Object.keys(RANGES).map((r) => <button key={r} type="button" className="btn btn--small" onClick={() => setRange({ from: Date.now() - RANGES[r]!, to: Date.now() })} data-testid={`range-${r}`}>{r}</button>)}</span>
        <button type="button" className="btn btn--small" onClick={() => setRange({ from: Date.now() - RANGES['1h']!, to: Date.now() })} data-testid="zoom-reset">{t('metrics.resetZoom')}</button>
      </div>
      <div className="metrics-chosen">{chosen.map((i, n) => <span key={i.itemid} className="metrics-tag" style={{ borderColor: COLOURS[n] }}>{i.name} <button type="button" onClick={() => setChosen(chosen.filter((c) => c !== i))}>×</button></span>)}</div>
      {chosen.length === 0 ? <p className="muted metrics-empty">{t('metrics.pickItems')}</p> : (
        <div className="panel metrics-chart" data-testid="metrics-chart" data-items={series.length} data-source={series[0]?.source ?? ''}>
          <ResponsiveContainer width="100%" height={360}>
            <LineChart data={data} onMouseDown={(e) => e?.activeLabel !== undefined && setBrush({ a: Number(e.activeLabel) })} onMouseMove={(e) => brush.a !== undefined && e?.activeLabel !== undefined && setBrush({ ...brush, b: Number(e.activeLabel) })} onMouseUp={() => { if (brush.a !== undefined && brush.b !== undefined && brush.a !== brush.b) setRange({ from: Math.min(brush.a, brush.b), to: Math.max(brush.a, brush.b) }); setBrush({}); }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--border, #2a2f38)" />
              <XAxis dataKey="t" type="number" domain={[range.from, range.to]} scale="time" tickFormatter={(v: number) => new Date(v).toLocaleTimeString()} stroke="var(--text-muted, #8a96a8)" />
              <YAxis stroke="var(--text-muted, #8a96a8)" tickFormatter={(v: number) => formatValue(v, series[0]?.units ?? '')} />
              <Tooltip labelFormatter={(v) => new Date(Number(v)).toLocaleString()} formatter={(v, name) => [formatValue(Number(v), series.find((s) => s.name === name)?.units ?? ''), name]} contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }} />
              <Legend />
              {series.map((s, n) => <Line key={s.itemid} type="monotone" dataKey={s.itemid} name={s.name} stroke={COLOURS[n % COLOURS.length]} dot={false} connectNulls={false} isAnimationActive={false} />)}
              {brush.a !== undefined && brush.b !== undefined && <ReferenceArea x1={brush.a} x2={brush.b} strokeOpacity={0.3} />}
            </LineChart>
          </ResponsiveContainer>
          <p className="muted">{series[0]?.source === 'trends' ? t('metrics.source.trends') : t('metrics.source.history')}</p>
          {series.map((s) => <span key={s.itemid} data-testid="chart-series" data-itemid={s.itemid} />)}
        </div>
      )}
      <DockerStatsCharts engine={hosts.find((h) => h.hostid === hostid)?.engine} range={range} />
    </div>
  );
}

function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

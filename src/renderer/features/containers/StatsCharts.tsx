import type { ReactElement } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatBytes, formatRate } from '../../core/bytes';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { formatPercent } from './format';
import { axisTicks, HISTORY_MS, memoryScale, niceBytes, niceCeil, type StatsPoint } from './stats-math';

interface StatsChartsProps {
  points: readonly StatsPoint[];
  now: number;
  /** Shown instead of the charts' hint when nothing has been sampled yet. */
  emptyText?: string;
}

const CHART_HEIGHT = 150;
const MINUTE = 60_000;

/** CPU, memory, network, block I/O and PIDs over the last five minutes (lazy-loaded: recharts is big). */
export default function StatsCharts({ points, now, emptyText }: StatsChartsProps) {
  const t = useT();
  const [language] = useLanguage();
  const domain: [number, number] = [now - HISTORY_MS, now];
  const ticks: number[] = [];
  for (let tick = Math.ceil(domain[0] / MINUTE) * MINUTE; tick <= now; tick += MINUTE) ticks.push(tick);
  const last = points[points.length - 1];
  const memory = memoryScale(points);
  const maxOf = (pick: (p: StatsPoint) => number | null) => points.reduce((max, p) => Math.max(max, pick(p) ?? 0), 0);
  const cpuMax = niceCeil(Math.max(1, maxOf((p) => p.cpu) * 1.15));
  const netMax = niceBytes(Math.max(1024, Math.max(maxOf((p) => p.netRx), maxOf((p) => p.netTx)) * 1.15));
  const blkMax = niceBytes(Math.max(1024, Math.max(maxOf((p) => p.blkRead), maxOf((p) => p.blkWrite)) * 1.15));
  const pidsMax = Math.max(4, Math.ceil(niceCeil(maxOf((p) => p.pids) * 1.15) / 4) * 4);
  const percent = (v: number) => `${Number(v.toFixed(2))}%`;
  const clock = (value: number) => formatClock(value, language).slice(0, 5);

  const xAxis = (
    <XAxis
      dataKey="t"
      type="number"
      scale="time"
      domain={domain}
      ticks={ticks}
      tickFormatter={clock}
      allowDataOverflow
      stroke="var(--text-faint)"
      tick={{ fontSize: 10, fill: 'var(--text-muted)' }}
      tickLine={false}
    />
  );
  const grid = <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />;
  const tooltip = (format: (value: number) => string) => (
    <Tooltip
      isAnimationActive={false}
      labelFormatter={(value) => formatClock(Number(value), language)}
      formatter={(value, name) => [value === null || value === undefined ? '—' : format(Number(value)), name]}
      contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: 4, fontSize: 12, color: 'var(--text)' }}
      labelStyle={{ color: 'var(--text-muted)' }}
      cursor={{ stroke: 'var(--border-strong)' }}
    />
  );
  const yAxis = (format: (value: number) => string, extra: object = {}) => (
    <YAxis
      width={64}
      tickFormatter={format}
      stroke="var(--text-faint)"
      tick={{ fontSize: 10, fill: 'var(--text-muted)' }}
      tickLine={false}
      axisLine={false}
      allowDecimals
      {...extra}
    />
  );
  const legend = <Legend iconType="plainline" iconSize={12} wrapperStyle={{ fontSize: 11, color: 'var(--text-muted)' }} />;
  const data = points as StatsPoint[];

  return (
    <div className="stats-charts">
      {points.length === 0 && <p className="muted stats-charts__empty">{emptyText ?? t('stats.waiting')}</p>}
      <ChartPanel metric="cpu" title={t('stats.cpu')} value={last ? formatPercent(last.cpu) : undefined}>
        <AreaChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          {grid}
          {xAxis}
          {yAxis(percent, { domain: [0, cpuMax], ticks: axisTicks(cpuMax), allowDataOverflow: true })}
          {tooltip(formatPercent)}
          <Area type="monotone" dataKey="cpu" name={t('stats.cpu')} stroke="var(--chart-1)" fill="var(--chart-1)" fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} dot={false} />
        </AreaChart>
      </ChartPanel>

      <ChartPanel
        metric="memory"
        title={t('stats.memory')}
        value={last ? t('stats.memoryValue', { used: formatBytes(last.memUsed), limit: formatBytes(last.memLimit) }) : undefined}
      >
        <AreaChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          {grid}
          {xAxis}
          {yAxis(formatBytes, { domain: [0, memory.max], ticks: axisTicks(memory.max), allowDataOverflow: true })}
          {tooltip(formatBytes)}
          {legend}
          <Area type="monotone" dataKey="memUsed" name={t('stats.memUsed')} stroke="var(--chart-2)" fill="var(--chart-2)" fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} dot={false} />
          {memory.showLimit && (
            <Line type="stepAfter" dataKey="memLimit" name={t('stats.memLimit')} stroke="var(--error)" strokeDasharray="4 3" strokeWidth={1.2} isAnimationActive={false} dot={false} />
          )}
        </AreaChart>
      </ChartPanel>

      <ChartPanel
        metric="network"
        title={t('stats.network')}
        value={last ? t('stats.rxTx', { rx: formatRate(last.netRx ?? undefined), tx: formatRate(last.netTx ?? undefined) }) : undefined}
      >
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          {grid}
          {xAxis}
          {yAxis(formatRate, { domain: [0, netMax], ticks: axisTicks(netMax), allowDataOverflow: true })}
          {tooltip(formatRate)}
          {legend}
          <Line type="monotone" dataKey="netRx" name={t('stats.rx')} stroke="var(--chart-3)" strokeWidth={1.5} isAnimationActive={false} dot={false} connectNulls={false} />
          <Line type="monotone" dataKey="netTx" name={t('stats.tx')} stroke="var(--chart-4)" strokeWidth={1.5} isAnimationActive={false} dot={false} connectNulls={false} />
        </LineChart>
      </ChartPanel>

      <ChartPanel
        metric="block"
        title={t('stats.block')}
        value={last ? t('stats.readWrite', { read: formatRate(last.blkRead ?? undefined), write: formatRate(last.blkWrite ?? undefined) }) : undefined}
      >
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          {grid}
          {xAxis}
          {yAxis(formatRate, { domain: [0, blkMax], ticks: axisTicks(blkMax), allowDataOverflow: true })}
          {tooltip(formatRate)}
          {legend}
          <Line type="monotone" dataKey="blkRead" name={t('stats.read')} stroke="var(--chart-3)" strokeWidth={1.5} isAnimationActive={false} dot={false} />
          <Line type="monotone" dataKey="blkWrite" name={t('stats.write')} stroke="var(--chart-4)" strokeWidth={1.5} isAnimationActive={false} dot={false} />
        </LineChart>
      </ChartPanel>

      <ChartPanel metric="pids" title={t('stats.pids')} value={last ? String(last.pids) : undefined}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          {grid}
          {xAxis}
          {yAxis((v) => String(Math.round(v)), { domain: [0, pidsMax], ticks: axisTicks(pidsMax), allowDataOverflow: true })}
          {tooltip((v) => String(v))}
          <Line type="stepAfter" dataKey="pids" name={t('stats.pids')} stroke="var(--chart-5)" strokeWidth={1.5} isAnimationActive={false} dot={false} />
        </LineChart>
      </ChartPanel>
    </div>
  );
}

function ChartPanel({ metric, title, value, children }: { metric: string; title: string; value?: string; children: ReactElement }) {
  return (
    <section className="chart-panel" data-testid="stats-chart" data-metric={metric}>
      <header className="chart-panel__header">
        <h3 className="chart-panel__title">{title}</h3>
        {value && <span className="chart-panel__value mono">{value}</span>}
      </header>
      <div className="chart-panel__chart">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          {children}
        </ResponsiveContainer>
      </div>
    </section>
  );
}

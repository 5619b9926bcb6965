import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ContainerStatsSeries } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useT } from '../../i18n';
import { formatValue, mergeContainerStats } from './metrics-format';

const formatPercent = (v: number) => `${v >= 10 ? Math.round(v) : v >= 1 ? v.toFixed(1) : v.toFixed(2)} %`;
const COLOURS = ['#4f8cff', '#3ecf8e', '#f5a524', '#c77dff', '#ff6b9a', '#2ec4d6', '#a3be8c', '#ebcb8b'];

interface History {
  since: number;
  everyMs: number;
  containers: ContainerStatsSeries[];
}

/**
 * Docker's view of the same window, beside Zabbix's: CPU and memory of each container on the
 * engine matched to the Zabbix host. Docker keeps no history, so these are the samples the
 * console has recorded since it started; the note says from when.
 */
export function DockerStatsCharts({ engine, range }: { engine?: string; range: { from: number; to: number } }) {
  const t = useT();
  const [history, setHistory] = useState<History>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!engine) return;
    let cancelled = false;
    void client.invoke('stats.history', { engine, from: Math.floor(range.from), to: Math.ceil(range.to) }).then(
      (result) => {
        if (cancelled) return;
        setHistory(result);
        setError(undefined);
      },
      (err: unknown) => !cancelled && setError(errorMessage(err)),
    );
    return () => {
      cancelled = true;
    };
  }, [engine, range]);

  const cpu = useMemo(() => mergeContainerStats(history?.containers ?? [], 'cpuPercent'), [history]);
  const memory = useMemo(() => mergeContainerStats(history?.containers ?? [], 'memUsed'), [history]);
  if (!engine) return <p className="muted metrics-empty">{t('metrics.docker.noEngine')}</p>;

  const ticks = Array.from({ length: 6 }, (_, i) => Math.round(range.from + ((range.to - range.from) * i) / 5));
  const chart = (data: Array<Record<string, number>>, format: (v: number) => string, testId: string) => (
    <ResponsiveContainer width="100%" height={200}>
      <LineChart data={data} data-testid={testId}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
        <XAxis dataKey="t" type="number" domain={[range.from, range.to]} ticks={ticks} scale="time" tickFormatter={(v: number) => new Date(v).toLocaleTimeString()} stroke="var(--text-muted)" />
        <YAxis stroke="var(--text-muted)" tickFormatter={format} width={70} domain={[0, 'auto']} />
        <Tooltip
          labelFormatter={(v) => new Date(Number(v)).toLocaleString()}
          formatter={(v, id) => [format(Number(v)), history?.containers.find((c) => c.id === id)?.name ?? String(id)]}
          contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
        />
        {/* Containers sampled at slightly different moments: lines join their own samples. */}
        {(history?.containers ?? []).map((c, n) => (
          <Line key={c.id} type="monotone" dataKey={c.id} name={c.name} stroke={COLOURS[n % COLOURS.length]} dot={c.samples.length < 4 ? { r: 2 } : false} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );

  return (
    <section className="panel metrics-chart metrics-docker" data-testid="docker-stats" data-engine={engine} data-containers={history?.containers.length ?? 0}>
      <h3 className="metrics-docker__title">{t('metrics.docker.title', { engine })}</h3>
      {error && <p className="metrics-error">{error}</p>}
      {history && (
        <p className="muted metrics-docker__note">
          {t('metrics.docker.recorded', { since: new Date(history.since).toLocaleString(), seconds: history.everyMs / 1000 })}
        </p>
      )}
      {history && history.containers.length === 0 ? (
        <p className="muted">{t('metrics.docker.none')}</p>
      ) : (
        <div className="metrics-docker__charts">
          <div>
            <h4>{t('metrics.docker.cpu')}</h4>
            {chart(cpu, formatPercent, 'docker-cpu-chart')}
          </div>
          <div>
            <h4>{t('metrics.docker.memory')}</h4>
            {chart(memory, (v) => formatValue(v, 'B'), 'docker-memory-chart')}
          </div>
        </div>
      )}
      <div className="metrics-docker__legend">
        {(history?.containers ?? []).map((c, n) => (
          <span key={c.id} className="metrics-tag" style={{ borderColor: COLOURS[n % COLOURS.length] }} data-testid="docker-stats-container" data-name={c.name}>
            {c.name}
          </span>
        ))}
      </div>
    </section>
  );
}

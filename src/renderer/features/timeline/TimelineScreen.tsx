import { useQueryParam } from '../../core/router';
import { useCallback, useMemo, useState } from 'react';
import type { TimelineEvent } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconClose, IconSearch } from '../../components/icons';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { formatClock, useNow } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useLanguage, useT, type Translate } from '../../i18n';
import { EventList } from './EventList';
import { EventPanel } from './EventPanel';
import { groupClass, KindIcon } from './kinds';
import { SnapshotDialog } from './SnapshotDialog';
import { defaultSnapshotWindow, inWindow, PRESETS, resolveRange, sanitizeRange, spanParts, windowAround, type RangeState, type TimeWindow } from './time-range';
import { TimelineAxis } from './TimelineAxis';
import { EMPTY_FILTER, facets, filterEvents, incidents as findIncidents, isFiltered, KINDS, sanitizeFilter, type Incident, type TimelineFilter, type TimelineKind } from './timeline-filter';
import { useTimelineEvents } from './use-timeline';
import './timeline.css';
import './timeline-axis.css';
import './timeline-list.css';
import './timeline-snapshot.css';

function spanText(t: Translate, ms: number): string {
  const { d, h, m, s } = spanParts(ms);
  if (d > 0) return t('duration.dh', { d, h });
  if (h > 0) return t('duration.hm', { h, m });
  if (m > 0) return t('duration.ms', { m, s });
  return t('duration.s', { s });
}

/**
 * The incident timeline: Docker events, registry changes, Zabbix problems and this console's
 * actions on one zoomable axis and in one list, with the events of an incident linked, a
 * panel per event (logs around it) and the snapshot export of a window.
 */
export function TimelineScreen() {
  const t = useT();
  const [language] = useLanguage();
  const feed = useTimelineEvents();
  const [storedFilter, setStoredFilter] = useSessionState<TimelineFilter>('timeline.filter', EMPTY_FILTER);
  useQueryParam('service', (service) => setStoredFilter({ ...EMPTY_FILTER, service }));
  const [storedRange, setStoredRange] = useSessionState<RangeState>('timeline.range', { preset: 'all' });
  const [newestFirst, setNewestFirst] = useSessionState('timeline.newestFirst', true);
  const [selectedId, setSelectedId] = useSessionState<string | null>('timeline.selected', null);
  const [hoverGroup, setHoverGroup] = useState<string>();
  const [snapshot, setSnapshot] = useState<TimeWindow>();
  const filter = useMemo(() => sanitizeFilter(storedFilter), [storedFilter]);
  const range = useMemo(() => sanitizeRange(storedRange), [storedRange]);
  const now = useNow(range.zoom ? 60_000 : 5_000);

  const events = feed.events;
  const oldest = events[0]?.at;
  const shown = useMemo(() => resolveRange(range, now, oldest), [range, now, oldest]);
  const allIncidents = useMemo(() => findIncidents(events), [events]);
  const options = useMemo(() => facets(events), [events]);
  const matching = useMemo(() => filterEvents(events, filter), [events, filter]);
  // One incident is listed whole; otherwise the list shows the window of the axis.
  const listed = useMemo(() => {
    const inRange = filter.group ? matching : matching.filter((event) => inWindow(event.at, shown));
    return newestFirst ? inRange.slice().reverse() : inRange;
  }, [matching, filter.group, shown, newestFirst]);
  const visibleInWindow = useMemo(() => matching.filter((event) => inWindow(event.at, shown)), [matching, shown]);
  const selected = useMemo(() => (selectedId ? events.find((event) => event.id === selectedId) : undefined), [events, selectedId]);
  const activeIncident = filter.group ? allIncidents.get(filter.group) : undefined;

  const setFilter = (patch: Partial<TimelineFilter>) => setStoredFilter({ ...filter, ...patch });
  const setRange = (next: RangeState) => setStoredRange(next);
  const toggleKind = (kind: TimelineKind, on: boolean) => setFilter({ kinds: KINDS.filter((k) => (k === kind ? on : filter.kinds.includes(k))) });
  const select = useCallback((event: TimelineEvent) => setSelectedId(event.id), [setSelectedId]);
  const showIncident = (group: string) => {
    const incident = allIncidents.get(group);
    setStoredFilter({ ...filter, group });
    if (incident) setRange({ ...range, zoom: windowAround(incident.start, incident.end) });
  };
  const resetZoom = () => setRange(range.zoom ? { preset: range.preset } : { preset: 'all' });
  const canReset = !!range.zoom || range.preset !== 'all';
  const filtered = isFiltered(filter);

  const live =
    feed.state === 'live' ? (
      <>
        <StatusDot tone="ok" />
        {t('timeline.live.on', { count: events.length })}
      </>
    ) : feed.state === 'reconnecting' ? (
      <>
        <StatusDot tone="warn" pulse />
        {t('timeline.live.reconnecting')}
      </>
    ) : (
      <>
        <StatusDot tone="muted" pulse />
        {t('timeline.live.connecting')}
      </>
    );

  return (
    <div className="tl-screen" data-testid="timeline-screen">
      <ScreenHeader
        title={t('nav.timeline')}
        subtitle={t('timeline.subtitle')}
        actions={
          <>
            <span className="tl-live" data-testid="timeline-live" data-state={feed.state}>
              {live}
            </span>
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => setSnapshot(defaultSnapshotWindow(range, shown, Date.now()))}
              data-testid="snapshot-open"
              title={t('timeline.snapshot.hint')}
            >
              {t('timeline.snapshot.open')}
            </button>
          </>
        }
      />
      <div className="screen-body tl-body">
        {feed.state === 'reconnecting' && <ErrorBanner tone="warn" message={t('timeline.streamLost', { message: feed.error ?? t('timeline.streamEnded') })} testId="timeline-stream-error" />}

        <div className="toolbar tl-filters">
          <label className="search-field search-field--small tl-search">
            <IconSearch className="search-field__icon" />
            <span className="visually-hidden">{t('timeline.filter.search')}</span>
            <input type="search" value={filter.text} placeholder={t('timeline.filter.searchPlaceholder')} onChange={(e) => setFilter({ text: e.target.value })} spellCheck={false} data-testid="timeline-search" />
          </label>
          <FilterSelect label={t('timeline.filter.env')} all={t('timeline.filter.allEnvs')} value={filter.env} values={options.envs} onChange={(env) => setFilter({ env })} testId="timeline-filter-env" />
          <FilterSelect label={t('timeline.filter.service')} all={t('timeline.filter.allServices')} value={filter.service} values={options.services} onChange={(service) => setFilter({ service })} testId="timeline-filter-service" />
          <FilterSelect label={t('timeline.filter.host')} all={t('timeline.filter.allHosts')} value={filter.host} values={options.hosts} onChange={(host) => setFilter({ host })} testId="timeline-filter-host" />
          {filtered && (
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setStoredFilter(EMPTY_FILTER)} data-testid="timeline-filter-clear">
              {t('timeline.filter.clear')}
            </button>
          )}
        </div>

        <section className="tl-chart" aria-label={t('timeline.axis.title')}>
          <div className="tl-chart__bar">
            <span className="tl-presets" role="group" aria-label={t('timeline.range.label')}>
              {PRESETS.map((preset) => {
                const active = !range.zoom && range.preset === preset;
                return (
                  <button
                    key={preset}
                    type="button"
                    className={`tl-preset${active ? ' tl-preset--active' : ''}`}
                    aria-pressed={active}
                    onClick={() => setRange({ preset })}
                    data-testid={`timeline-range-${preset}`}
                  >
                    {t(`timeline.range.${preset}`)}
                  </button>
                );
              })}
            </span>
            <button type="button" className="btn btn--small" onClick={resetZoom} disabled={!canReset} data-testid="timeline-reset-zoom" title={t('timeline.range.resetHint')}>
              {t('timeline.range.reset')}
            </button>
            <span className="tl-chart__window mono" data-testid="timeline-window" data-from={Math.round(shown.from)} data-to={Math.round(shown.to)}>
              {formatClock(shown.from, language)} – {formatClock(shown.to, language)}
              <span className="muted"> · {spanText(t, shown.to - shown.from)}</span>
              {range.zoom && <span className="badge badge--info tl-chart__zoomed">{t('timeline.range.zoomed')}</span>}
            </span>
            <span className="toolbar__spacer" />
            <span className="tl-legend" aria-hidden="true">
              <span className="tl-legend__item">
                <span className="tl-sevdot tl-sev--error" />
                {t('timeline.severity.error')}
              </span>
              <span className="tl-legend__item">
                <span className="tl-sevdot tl-sev--warning" />
                {t('timeline.severity.warning')}
              </span>
              <span className="tl-legend__item">
                <span className="tl-sevdot tl-sev--info" />
                {t('timeline.severity.info')}
              </span>
              <span className="tl-legend__item">
                <span className="tl-legend__band" />
                {t('timeline.legend.incident')}
              </span>
              <span className="tl-legend__hint">{t('timeline.axis.brushHint')}</span>
            </span>
          </div>
          <TimelineAxis
            events={matching}
            window={shown}
            now={now}
            incidents={allIncidents}
            kinds={filter.kinds}
            selectedId={selected?.id}
            highlightGroup={hoverGroup || filter.group || selected?.group || undefined}
            onBrush={(zoom) => setRange({ ...range, zoom })}
            onSelect={select}
            onToggleKind={toggleKind}
          />
        </section>

        {filter.group && <IncidentHeader group={filter.group} incident={activeIncident} onZoom={(w) => setRange({ ...range, zoom: w })} onClear={() => setFilter({ group: '' })} />}

        <div className="tl-listbar">
          <span className="section-title">
            {t('timeline.list.title')}
            <span className="section-title__count" data-testid="timeline-count">
              {filter.group ? listed.length : t('timeline.list.count', { shown: listed.length, total: events.length })}
            </span>
          </span>
          {!feed.loaded && feed.state !== 'reconnecting' && (
            <span className="loading-line muted">
              <Spinner /> {t('timeline.loading')}
            </span>
          )}
          <span className="toolbar__spacer" />
          <button type="button" className="btn btn--small" onClick={() => setNewestFirst(!newestFirst)} data-testid="timeline-order" data-order={newestFirst ? 'newest' : 'oldest'}>
            {newestFirst ? t('timeline.list.newestFirst') : t('timeline.list.oldestFirst')}
          </button>
        </div>

        <div className={`tl-split${selected ? ' tl-split--panel' : ''}`}>
          <EventList
            events={listed}
            incidents={allIncidents}
            selectedId={selected?.id}
            activeGroup={filter.group || undefined}
            onSelect={select}
            onGroup={showIncident}
            onHoverGroup={setHoverGroup}
          />
          {selected && <EventPanel event={selected} incident={selected.group ? allIncidents.get(selected.group) : undefined} onClose={() => setSelectedId(null)} onGroup={showIncident} />}
        </div>
      </div>
      {snapshot && <SnapshotDialog initial={snapshot} visible={visibleInWindow} onClose={() => setSnapshot(undefined)} />}
    </div>
  );
}

function FilterSelect(props: { label: string; all: string; value: string; values: string[]; onChange(value: string): void; testId: string }) {
  const { label, all, value, values, onChange, testId } = props;
  // A stored choice that no event has (yet) stays selectable, so the filter is visible.
  const list = value && !values.includes(value) ? [value, ...values] : values;
  return (
    <label className="field">
      <span>{label}</span>
      <select className="select select--compact" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{all}</option>
        {list.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

function IncidentHeader({ group, incident, onZoom, onClear }: { group: string; incident?: Incident; onZoom(window: TimeWindow): void; onClear(): void }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <div className={`tl-incident ${groupClass(incident?.color ?? 0)}`} data-testid="timeline-incident" data-group={group}>
      <span className="tl-group-badge tl-group-badge--active">{incident ? t('timeline.group.badge', { number: incident.number }) : t('timeline.group.unknown')}</span>
      {incident ? (
        <span className="tl-incident__text">
          <strong>{incident.service ?? incident.first.title}</strong>
          <span className="muted">
            {t('timeline.incident.summary', { start: formatClock(incident.start, language), count: incident.count, span: spanText(t, incident.end - incident.start) })}
          </span>
          <span className="tl-incident__kinds">
            {incident.kinds.map((kind) => (
              <span key={kind} title={t(`timeline.kind.${kind}`)}>
                <KindIcon kind={kind} />
              </span>
            ))}
          </span>
          <span className="tl-incident__first" title={incident.first.title}>
            {t('timeline.incident.startedBy', { title: incident.first.title })}
          </span>
        </span>
      ) : (
        <span className="muted">{t('timeline.incident.gone')}</span>
      )}
      <span className="toolbar__spacer" />
      {incident && (
        <button type="button" className="btn btn--small" onClick={() => onZoom(windowAround(incident.start, incident.end))}>
          {t('timeline.incident.zoom')}
        </button>
      )}
      <button type="button" className="btn btn--ghost btn--small" onClick={onClear} data-testid="timeline-incident-clear">
        <IconClose width={12} height={12} />
        {t('timeline.incident.clear')}
      </button>
    </div>
  );
}

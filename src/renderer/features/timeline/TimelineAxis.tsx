import { useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { TimelineEvent } from '../../../shared/domain';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { layoutAxis, type Marker } from './axis-layout';
import { groupClass, KindIcon } from './kinds';
import { brushWindow, timeTicks, type TimeWindow } from './time-range';
import { KINDS, type Incident, type TimelineKind } from './timeline-filter';

const LANE_H = 26;
const AXIS_H = 20;
const PAD_X = 8;
const HEIGHT = KINDS.length * LANE_H + AXIS_H;

interface TimelineAxisProps {
  /** The filtered events, oldest first (the axis keeps those inside `window`). */
  events: readonly TimelineEvent[];
  window: TimeWindow;
  now: number;
  incidents: ReadonlyMap<string, Incident>;
  /** Kinds switched off in the filter: their lanes are dimmed. */
  kinds: readonly TimelineKind[];
  selectedId?: string;
  /** An incident to draw stronger (the filtered one, or the one under the mouse in the list). */
  highlightGroup?: string;
  onBrush(window: TimeWindow): void;
  onSelect(event: TimelineEvent): void;
  /** The lane labels are the kind filter's checkboxes. */
  onToggleKind(kind: TimelineKind, on: boolean): void;
}

interface Hover {
  marker: Marker;
  left: number;
  top: number;
}

function laneY(lane: number): number {
  return lane * LANE_H + LANE_H / 2;
}

/**
 * The zoomable time axis: one lane per source, a dot per event coloured by severity, the
 * events of an incident joined by a line over a shared band. Drag across it to zoom in; click
 * a dot to open the event.
 */
export function TimelineAxis({ events, window, now, incidents, kinds, selectedId, highlightGroup, onBrush, onSelect, onToggleKind }: TimelineAxisProps) {
  const t = useT();
  const [language] = useLanguage();
  const plotRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ x0: number; x1: number; marker?: Marker }>();
  const [hover, setHover] = useState<Hover>();

  useLayoutEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(0, element.clientWidth - PAD_X * 2));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const linked = useMemo(() => new Set(incidents.keys()), [incidents]);
  const layout = useMemo(() => layoutAxis(events, window, width, linked), [events, window, width, linked]);
  const markerByKey = useMemo(() => new Map(layout.markers.map((m) => [m.key, m])), [layout]);
  const { ticks, step } = useMemo(() => timeTicks(window, width), [window, width]);
  const span = window.to - window.from;
  const xOf = (at: number) => ((at - window.from) / span) * width;
  const laneCounts = useMemo(() => {
    const counts: Record<TimelineKind, number> = { docker: 0, registry: 0, zabbix: 0, audit: 0 };
    for (const m of layout.markers) counts[m.kind] += m.count;
    return counts;
  }, [layout]);

  const localX = (event: ReactPointerEvent) => event.clientX - (plotRef.current?.getBoundingClientRect().left ?? 0) - PAD_X;
  const markerAt = (target: EventTarget | null): Marker | undefined => {
    const key = (target as Element | null)?.closest?.('[data-key]')?.getAttribute('data-key');
    return key ? markerByKey.get(key) : undefined;
  };

  const onPointerDown = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    // The dot under the pointer now: once captured, later events all target the svg.
    const marker = markerAt(event.target);
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = localX(event);
    setDrag({ x0: x, x1: x, marker });
    setHover(undefined);
  };
  const onPointerMove = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (drag) {
      setDrag({ ...drag, x1: localX(event) });
      return;
    }
    const marker = markerAt(event.target);
    if (!marker) {
      if (hover) setHover(undefined);
      return;
    }
    if (hover?.marker.key !== marker.key) setHover({ marker, left: marker.x + PAD_X, top: laneY(marker.lane) });
  };
  const onPointerUp = (event: ReactPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const x1 = localX(event);
    setDrag(undefined);
    const zoom = brushWindow(window, width, drag.x0, x1);
    if (zoom) {
      onBrush(zoom);
      return;
    }
    if (drag.marker) onSelect(drag.marker.event);
  };

  const tickLabel = (at: number) => {
    const text = formatClock(at, language);
    return step >= 60_000 ? text.slice(0, 5) : text;
  };
  const brushLeft = drag ? Math.max(0, Math.min(drag.x0, drag.x1)) : 0;
  const brushRight = drag ? Math.min(width, Math.max(drag.x0, drag.x1)) : 0;

  return (
    <div className="tl-axis" data-testid="timeline-axis" data-events={layout.markers.length} data-shown={layout.shown}>
      <div className="tl-axis__lanes" role="group" aria-label={t('timeline.filter.kinds')}>
        {KINDS.map((kind) => {
          const on = kinds.includes(kind);
          return (
            <label key={kind} className={`tl-axis__lane-label${on ? '' : ' tl-axis__lane-label--off'}`} style={{ height: LANE_H }} title={t('timeline.filter.kindHint')}>
              <input type="checkbox" checked={on} onChange={(e) => onToggleKind(kind, e.target.checked)} data-testid={`timeline-filter-kind-${kind}`} />
              <KindIcon kind={kind} />
              <span className="tl-axis__lane-name">{t(`timeline.kind.${kind}`)}</span>
              <span className="tl-axis__lane-count">{on ? laneCounts[kind] : ''}</span>
            </label>
          );
        })}
      </div>
      <div className="tl-axis__plot" ref={plotRef}>
        <svg
          className={`tl-axis__svg${drag ? ' tl-axis__svg--dragging' : ''}`}
          width={width + PAD_X * 2}
          height={HEIGHT}
          role="img"
          aria-label={t('timeline.axis.label', { count: layout.shown })}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => setDrag(undefined)}
          onPointerLeave={() => setHover(undefined)}
        >
          <g transform={`translate(${PAD_X},0)`}>
            {KINDS.map((kind, lane) => (
              <rect key={kind} className={`tl-lane${lane % 2 ? ' tl-lane--odd' : ''}`} x={-PAD_X} y={lane * LANE_H} width={width + PAD_X * 2} height={LANE_H} />
            ))}
            {ticks.map((at) => (
              <g key={at}>
                <line className="tl-grid" x1={xOf(at)} x2={xOf(at)} y1={0} y2={KINDS.length * LANE_H} />
                <text className="tl-tick" x={xOf(at)} y={KINDS.length * LANE_H + 14} textAnchor={xOf(at) > width - 24 ? 'end' : xOf(at) < 24 ? 'start' : 'middle'}>
                  {tickLabel(at)}
                </text>
              </g>
            ))}
            {now >= window.from && now <= window.to && <line className="tl-now" x1={xOf(now)} x2={xOf(now)} y1={0} y2={KINDS.length * LANE_H} />}
            {layout.links.map((link) => {
              const incident = incidents.get(link.group);
              const strong = link.group === highlightGroup;
              return (
                <g key={link.group} className={`tl-link ${groupClass(incident?.color ?? 0)}${strong ? ' tl-link--strong' : ''}`} data-group={link.group}>
                  <rect className="tl-link__band" x={link.x1 - 6} y={1} width={Math.max(12, link.x2 - link.x1 + 12)} height={KINDS.length * LANE_H - 2} rx={3} />
                  <polyline className="tl-link__line" points={link.points.map(([x, lane]) => `${x},${laneY(lane)}`).join(' ')} />
                </g>
              );
            })}
            {layout.markers.map((marker) => {
              const selected = marker.event.id === selectedId;
              return (
                <circle
                  key={marker.key}
                  data-key={marker.key}
                  data-testid="timeline-marker"
                  data-id={marker.event.id}
                  data-kind={marker.kind}
                  data-group={marker.event.group ?? ''}
                  data-count={marker.count}
                  className={`tl-marker tl-sev--${marker.severity}${marker.group ? ' tl-marker--linked' : ''}${selected ? ' tl-marker--selected' : ''}`}
                  cx={marker.x}
                  cy={laneY(marker.lane)}
                  r={marker.count > 1 ? 5 : 4}
                />
              );
            })}
            {drag && brushRight - brushLeft >= 3 && <rect className="tl-brush" x={brushLeft} y={0} width={brushRight - brushLeft} height={KINDS.length * LANE_H} />}
          </g>
        </svg>
        {layout.shown === 0 && width > 0 && <div className="tl-axis__empty">{t('timeline.axis.empty')}</div>}
        {hover && !drag && <AxisTooltip hover={hover} width={width} />}
      </div>
    </div>
  );
}

function AxisTooltip({ hover, width }: { hover: Hover; width: number }) {
  const t = useT();
  const [language] = useLanguage();
  const { marker } = hover;
  const event = marker.event;
  const flip = hover.left > width * 0.65;
  return (
    <div
      className={`tl-tip${flip ? ' tl-tip--flip' : ''}`}
      style={{ left: hover.left, top: hover.top }}
      role="tooltip"
      data-testid="timeline-tooltip"
    >
      <div className="tl-tip__head">
        <span className={`tl-sevdot tl-sev--${event.severity}`} />
        <span className="mono">{formatClock(event.at, language)}</span>
        <span className="muted">
          {t(`timeline.kind.${event.kind}`)} · {event.action}
        </span>
      </div>
      <div className="tl-tip__title">{event.title}</div>
      {(event.service || event.container) && (
        <div className="tl-tip__meta muted">{[event.service, event.container ? `${event.container.engine}/${event.container.name}` : undefined].filter(Boolean).join(' · ')}</div>
      )}
      {marker.count > 1 && <div className="tl-tip__more">{t('timeline.axis.more', { count: marker.count - 1 })}</div>}
    </div>
  );
}

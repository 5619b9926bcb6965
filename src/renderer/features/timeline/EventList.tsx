import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { TimelineEvent } from '../../../shared/domain';
import { useT } from '../../i18n';
import { groupClass, KindIcon } from './kinds';
import { hostOf, type Incident } from './timeline-filter';

const ROW_H = 28;

interface EventListProps {
  /** In the order to show. */
  events: readonly TimelineEvent[];
  incidents: ReadonlyMap<string, Incident>;
  selectedId?: string;
  activeGroup?: string;
  onSelect(event: TimelineEvent): void;
  onGroup(group: string): void;
  onHoverGroup(group: string | undefined): void;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "19:00:41.250", with "11-24 " before it when not today. */
export function listTime(at: number, today: string): { date?: string; time: string } {
  const d = new Date(at);
  const date = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return { date: date === today ? undefined : date, time: `${time}.${pad(d.getMilliseconds(), 3)}` };
}

function fullTime(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Every event of the window, virtualised: time, source, severity, what happened, where, and its incident. */
export function EventList({ events, incidents, selectedId, activeGroup, onSelect, onGroup, onHoverGroup }: EventListProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: events.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 20 });
  const now = new Date();
  const today = `${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

  useEffect(() => {
    if (!selectedId) return;
    const index = events.findIndex((event) => event.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the selection changes, not on every new event.
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, item: TimelineEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(item);
    }
  };

  return (
    <div className="tl-list" data-testid="timeline-list" data-count={events.length} role="table" aria-label={t('timeline.list.label')}>
      <div className="tl-row tl-row--head" role="row">
        <span role="columnheader">{t('timeline.col.time')}</span>
        <span role="columnheader">
          <span className="visually-hidden">{t('timeline.col.kind')}</span>
        </span>
        <span role="columnheader">
          <span className="visually-hidden">{t('timeline.col.severity')}</span>
        </span>
        <span role="columnheader">{t('timeline.col.action')}</span>
        <span role="columnheader">{t('timeline.col.event')}</span>
        <span role="columnheader" className="tl-head--service">
          {t('timeline.col.service')}
        </span>
        <span role="columnheader" className="tl-head--where">
          {t('timeline.col.where')}
        </span>
        <span role="columnheader">{t('timeline.col.incident')}</span>
      </div>
      <div className="tl-list__scroll" ref={scrollRef}>
        {events.length === 0 ? (
          <p className="tl-list__empty muted">{t('timeline.list.empty')}</p>
        ) : (
          <div className="tl-list__inner" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const event = events[row.index]!;
              const incident = event.group ? incidents.get(event.group) : undefined;
              const when = listTime(event.at, today);
              const host = hostOf(event);
              const selected = event.id === selectedId;
              return (
                <div
                  key={event.id}
                  role="row"
                  tabIndex={0}
                  aria-selected={selected}
                  className={`tl-row tl-row--${event.severity}${selected ? ' tl-row--selected' : ''}${incident ? ` tl-row--linked ${groupClass(incident.color)}` : ''}`}
                  style={{ transform: `translateY(${row.start}px)` }}
                  onClick={() => onSelect(event)}
                  onKeyDown={(e) => onKeyDown(e, event)}
                  data-testid="timeline-event"
                  data-id={event.id}
                  data-kind={event.kind}
                  data-action={event.action}
                  data-group={event.group ?? ''}
                  data-service={event.service ?? ''}
                  data-severity={event.severity}
                >
                  <span className="tl-cell tl-cell--time mono" role="cell" title={fullTime(event.at)}>
                    {when.date && <span className="tl-cell__date">{when.date}</span>}
                    {when.time}
                  </span>
                  <span className="tl-cell tl-cell--kind" role="cell" title={t(`timeline.kind.${event.kind}`)}>
                    <KindIcon kind={event.kind} />
                    <span className="visually-hidden">{t(`timeline.kind.${event.kind}`)}</span>
                  </span>
                  <span className="tl-cell tl-cell--sev" role="cell" title={t(`timeline.severity.${event.severity}`)}>
                    <span className={`tl-sevdot tl-sev--${event.severity}`} />
                    <span className="visually-hidden">{t(`timeline.severity.${event.severity}`)}</span>
                  </span>
                  <span className={`tl-cell tl-cell--action tl-action--${event.severity}`} role="cell">
                    {event.action}
                  </span>
                  <span className="tl-cell tl-cell--title" role="cell" title={event.title}>
                    {event.title}
                  </span>
                  <span className="tl-cell tl-cell--service" role="cell" title={event.environment}>
                    {event.service ?? ''}
                  </span>
                  <span className="tl-cell tl-cell--where mono" role="cell" title={event.container ? `${event.container.engine} / ${event.container.name} (${event.container.id.slice(0, 12)})` : host}>
                    {event.container ? (
                      <>
                        {event.container.name}
                        <span className="tl-cell__engine">{event.container.engine}</span>
                      </>
                    ) : (
                      (host ?? '')
                    )}
                  </span>
                  <span className="tl-cell tl-cell--group" role="cell">
                    {incident && (
                      <button
                        type="button"
                        className={`tl-group-badge ${groupClass(incident.color)}${activeGroup === incident.id ? ' tl-group-badge--active' : ''}`}
                        onClick={(e) => {
                          e.stopPropagation();
                          onGroup(incident.id);
                        }}
                        onMouseEnter={() => onHoverGroup(incident.id)}
                        onMouseLeave={() => onHoverGroup(undefined)}
                        title={t('timeline.group.filterHint', { number: incident.number, count: incident.count })}
                        data-testid="timeline-group-badge"
                        data-group={incident.id}
                      >
                        {t('timeline.group.badge', { number: incident.number })}
                      </button>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

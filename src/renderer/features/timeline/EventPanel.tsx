import type { TimelineEvent } from '../../../shared/domain';
import { IconArrow, IconClose, IconLogs } from '../../components/icons';
import { formatTimestamp } from '../../core/time';
import { useT } from '../../i18n';
import { groupClass, KindIcon } from './kinds';
import { containerHref, logsAroundHref } from '../../core/links';
import { hostOf, type Incident } from './timeline-filter';

interface EventPanelProps {
  event: TimelineEvent;
  incident?: Incident;
  onClose(): void;
  onGroup(group: string): void;
}

/** One event in full: where and when, its details, its incident, and links to the container's logs around it. */
export function EventPanel({ event, incident, onClose, onGroup }: EventPanelProps) {
  const t = useT();
  const host = hostOf(event);
  const ms = String(event.at % 1000).padStart(3, '0');
  const details = Object.entries(event.details).filter(([, value]) => value !== '');
  return (
    <aside className="tl-panel" data-testid="timeline-event-panel" data-id={event.id} aria-label={t('timeline.panel.label')}>
      <header className="tl-panel__head">
        <span className={`tl-panel__kind tl-sevtext--${event.severity}`}>
          <KindIcon kind={event.kind} />
        </span>
        <h2 className="tl-panel__title selectable">{event.title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('timeline.panel.close')} title={t('timeline.panel.close')} data-testid="timeline-panel-close">
          <IconClose width={14} height={14} />
        </button>
      </header>
      <div className="tl-panel__body">
        {event.container && (
          <div className="tl-panel__links">
            <a className="btn btn--primary btn--small" href={logsAroundHref(event.container, event.at)} data-testid="timeline-logs-link" title={t('timeline.panel.logsHint')}>
              <IconLogs width={13} height={13} />
              {t('timeline.panel.logs')}
            </a>
            <a className="btn btn--small" href={containerHref(event.container)} data-testid="timeline-container-link">
              {t('timeline.panel.container')}
              <IconArrow width={13} height={13} />
            </a>
          </div>
        )}
        <dl className="kv tl-panel__kv">
          <div className="kv__row">
            <dt>{t('timeline.panel.time')}</dt>
            <dd className="mono selectable">
              {formatTimestamp(event.at)}.{ms}
            </dd>
          </div>
          <div className="kv__row">
            <dt>{t('timeline.panel.source')}</dt>
            <dd>
              {t(`timeline.kind.${event.kind}`)} · <span className="mono">{event.action}</span>
            </dd>
          </div>
          <div className="kv__row">
            <dt>{t('timeline.panel.severity')}</dt>
            <dd className={`tl-sevtext--${event.severity}`}>{t(`timeline.severity.${event.severity}`)}</dd>
          </div>
          {event.service && (
            <div className="kv__row">
              <dt>{t('timeline.panel.service')}</dt>
              <dd className="mono">{event.service}</dd>
            </div>
          )}
          {event.environment && (
            <div className="kv__row">
              <dt>{t('timeline.panel.environment')}</dt>
              <dd>{event.environment}</dd>
            </div>
          )}
          {host && (
            <div className="kv__row">
              <dt>{t('timeline.panel.engine')}</dt>
              <dd className="mono">{host}</dd>
            </div>
          )}
          {event.container && (
            <div className="kv__row">
              <dt>{t('timeline.panel.containerName')}</dt>
              <dd className="mono selectable" title={event.container.id}>
                {event.container.name} <span className="muted">{event.container.id.slice(0, 12)}</span>
              </dd>
            </div>
          )}
          {incident && (
            <div className="kv__row">
              <dt>{t('timeline.panel.incident')}</dt>
              <dd>
                <button type="button" className={`tl-group-badge ${groupClass(incident.color)}`} onClick={() => onGroup(incident.id)} title={t('timeline.group.filterHint', { number: incident.number, count: incident.count })}>
                  {t('timeline.group.badge', { number: incident.number })}
                </button>{' '}
                <span className="muted">{t('timeline.panel.incidentEvents', { count: incident.count })}</span>
              </dd>
            </div>
          )}
        </dl>
        {details.length > 0 && (
          <>
            <h3 className="section-title">{t('timeline.panel.details')}</h3>
            <dl className="kv tl-panel__kv">
              {details.map(([key, value]) => (
                <div className="kv__row" key={key}>
                  <dt className="mono">{key}</dt>
                  <dd className="mono selectable" title={value}>
                    {value}
                  </dd>
                </div>
              ))}
            </dl>
          </>
        )}
        <p className="tl-panel__id mono muted selectable">{event.id}</p>
      </div>
    </aside>
  );
}

import { Fragment, useEffect, useRef, useState } from 'react';
import { INCIDENT_EVIDENCE, type Evidence, type Incident } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { containerHref, logsAroundHref, terminalHref } from '../../core/links';
import { useNotify } from '../../core/notices';
import { formatAgo, formatClock, useNow } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { AckDialog } from '../metrics/AckDialog';

const SOURCE_KEY = { docker: 'incidents.source.docker', registry: 'incidents.source.registry', zabbix: 'incidents.source.zabbix', connection: 'incidents.source.connection', log: 'incidents.source.log' } as const;

/** One incident: what is wrong, the chain of evidence in plain words, and where to go next (one click each). */
export function IncidentCard({ incident, marked = false, highlighted = false }: { incident: Incident; marked?: boolean; highlighted?: boolean }) {
  const t = useT();
  const [language] = useLanguage();
  const now = useNow(5000);
  const [acking, setAcking] = useState(false);
  const element = useRef<HTMLElement>(null);
  useEffect(() => {
    if (marked) element.current?.scrollIntoView({ block: 'nearest' });
  }, [marked]);
  const [acked, setAcked] = useState(false);
  const notify = useNotify();
  const snooze = (service: string) =>
    client.invoke('notifications.snooze', { service, minutes: 60 }).then(
      () => notify(t('incidents.snoozed', { service }), 'success', { testId: 'incident-snoozed' }),
      (err: unknown) => notify(errorMessage(err), 'error'),
    );
  const open = incident.state === 'open';
  const problem = incident.problem;
  const age = open ? t('incidents.openFor', { ago: formatAgo(incident.startedAt, now, language) }) : t('incidents.resolvedAgo', { ago: formatAgo(incident.resolvedAt ?? incident.updatedAt, now, language) });
  return (
    <article
      className={`incident incident--${incident.severity}${open ? '' : ' incident--resolved'}${marked ? ' incident--marked' : ''}${highlighted ? ' incident--highlighted' : ''}`}
      ref={element}
      data-marked={marked ? 'true' : undefined}
      data-testid="incident"
      data-id={incident.id}
      data-highlighted={highlighted ? 'true' : undefined}
      aria-current={highlighted ? 'true' : undefined}
      data-state={incident.state}
      data-severity={incident.severity}
      data-service={incident.service ?? ''}
      aria-label={incident.title}
    >
      <header className="incident__head">
        <span className={`incident__severity incident__severity--${incident.severity}`}>{t(`incidents.severity.${incident.severity}`)}</span>
        {incident.production && <span className="tag tag--prod">{incident.environment ?? 'PROD'}</span>}
        <h2 className="incident__title" data-testid="incident-title">
          {incident.title}
        </h2>
        <span className="incident__age muted" title={formatClock(incident.startedAt, language)}>
          {age}
        </span>
      </header>
      <ol className="incident__evidence" data-testid="incident-evidence">
        {incident.evidence.map((evidence, index) => (
          <Fragment key={`${evidence.source}:${evidence.at}:${index}`}>
            {index === INCIDENT_EVIDENCE.first && incident.evidenceOmitted ? (
              <li className="incident__omitted muted" data-testid="incident-evidence-omitted">
                {t('incidents.evidence.omitted', { count: incident.evidenceOmitted })}
              </li>
            ) : null}
            <EvidenceLine evidence={evidence} />
          </Fragment>
        ))}
      </ol>
      {open && (
        <div className="incident__actions">
          {incident.focus && (
            <a className="btn btn--primary btn--small" href={logsAroundHref(incident.focus.container, incident.focus.at)} data-testid="incident-logs">
              {t('incidents.action.logs', { name: incident.focus.container.name })}
            </a>
          )}
          {incident.healthyReplica && (
            <a className="btn btn--small" href={terminalHref(incident.healthyReplica)} data-testid="incident-shell">
              {t('incidents.action.shell', { name: incident.healthyReplica.name })}
            </a>
          )}
          {incident.focus && (
            <a className="btn btn--small" href={containerHref(incident.focus.container)} data-testid="incident-container" title={t('incidents.action.containerHint')}>
              {t('incidents.action.container')}
            </a>
          )}
          {incident.compose && (
            <a className="btn btn--small" href={`#/topology?service=${encodeURIComponent(incident.service ?? '')}`} data-testid="incident-scale" title={t('incidents.action.scaleHint')}>
              {t('incidents.action.scale')}
            </a>
          )}
          {problem && !problem.acknowledged && !acked && (
            <button type="button" className="btn btn--small" onClick={() => setAcking(true)} data-testid="incident-ack">
              {t('incidents.action.ack')}
            </button>
          )}
          {problem && (problem.acknowledged || acked) && <span className="muted" data-testid="incident-acked">✓ {t('incidents.acked')}</span>}
          {incident.service && (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => snooze(incident.service!)} data-testid="incident-snooze" title={t('incidents.action.snoozeHint')}>
              {t('incidents.action.snooze')}
            </button>
          )}
        </div>
      )}
      {acking && problem && <AckDialog problem={problem} onClose={() => setAcking(false)} onDone={() => setAcked(true)} />}
    </article>
  );
}

function EvidenceLine({ evidence }: { evidence: Evidence }) {
  const t = useT();
  const [language] = useLanguage();
  return (
    <li className={`evidence evidence--${evidence.source}`} data-testid="evidence" data-source={evidence.source}>
      <time className="evidence__time mono">{formatClock(evidence.at, language)}</time>
      <span className="evidence__source">{t(SOURCE_KEY[evidence.source])}</span>
      <span className="evidence__text">
        {evidence.text}
        {evidence.container && (
          <>
            {' '}
            <a href={logsAroundHref(evidence.container, evidence.at)} className="evidence__link" data-testid="evidence-logs">
              {t('incidents.evidence.logs')}
            </a>
          </>
        )}
      </span>
    </li>
  );
}

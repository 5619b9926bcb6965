import { useState } from 'react';
import type { WatchView } from '../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Spinner } from '../../components/Spinner';
import { useHashQuery } from '../../core/router';
import { useWatch } from '../../core/watch';
import { useT } from '../../i18n';
import { PeerHealthBanners } from '../connections/PeerHealthBanners';
import { IncidentCard } from './IncidentCard';
import { LogRulesEditor } from './LogRulesEditor';
import { NotificationSettings } from './NotificationSettings';
import { useIncidentKeys } from './use-incident-keys';
import './incidents.css';

/** The first screen: what is wrong now, ranked (PROD first), each with its evidence and the next step one click away. */
export function IncidentsScreen() {
  const t = useT();
  const { view, error } = useWatch();
  // `?incident=ID` (from the palette) marks one incident and scrolls to it.
  const marked = useHashQuery().get('incident');
  const open = view?.incidents.filter((i) => i.state === 'open') ?? [];
  const resolved = view?.incidents.filter((i) => i.state === 'resolved') ?? [];
  const highlighted = useIncidentKeys([...open, ...resolved]);
  const [rulesOpen, setRulesOpen] = useState(false);
  const actions = (
    <>
      <NotificationSettings />
      <button type="button" className="btn btn--small" aria-expanded={rulesOpen} onClick={() => setRulesOpen((o) => !o)} data-testid="log-rules-open">
        {t('incidents.logRules.open')}
      </button>
    </>
  );
  return (
    <>
      <ScreenHeader title={t('incidents.title')} subtitle={t('incidents.subtitle')} actions={actions} />
      <div className="screen-body incidents">
        {rulesOpen && <LogRulesEditor onClose={() => setRulesOpen(false)} />}
        {error && <ErrorBanner message={t('incidents.streamLost', { message: error })} />}
        <PeerHealthBanners kinds={['docker', 'etcd', 'zabbix']} hint={() => t('health.incidentsStale')} />
        {!view ? (
          <p className="loading-line">
            <Spinner /> {t('incidents.loading')}
          </p>
        ) : (
          <>
            {open.length === 0 ? <AllClear view={view} /> : open.map((incident) => <IncidentCard key={incident.id} incident={incident} marked={incident.id === marked} highlighted={incident.id === highlighted} />)}
            {resolved.length > 0 && (
              <section className="incidents__resolved" aria-label={t('incidents.resolvedTitle')}>
                <h2 className="incidents__section-title">{t('incidents.resolvedTitle')}</h2>
                {resolved.map((incident) => (
                  <IncidentCard key={incident.id} incident={incident} marked={incident.id === marked} highlighted={incident.id === highlighted} />
                ))}
              </section>
            )}
          </>
        )}
      </div>
    </>
  );
}

/** Nothing wrong: say so, and say what is being watched (so that silence means something). */
function AllClear({ view }: { view: WatchView }) {
  const t = useT();
  const w = view.watching;
  return (
    <EmptyState title={t('incidents.allClear')}>
      <p data-testid="all-clear">
        {t('incidents.watching', { engines: w.engines, up: w.enginesUp, containers: w.containers, services: w.services })}{' '}
        {t(`incidents.watching.etcd.${w.etcd}`)} {t(`incidents.watching.zabbix.${w.zabbix}`)}
      </p>
    </EmptyState>
  );
}

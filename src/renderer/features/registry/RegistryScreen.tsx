import { useLocation } from '../../core/router';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatusDot } from '../../components/StatusDot';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { PeerHealthBanners } from '../connections/PeerHealthBanners';
import { ClusterTab } from './ClusterTab';
import { ConfdTab } from './ConfdTab';
import { KeysTab } from './KeysTab';
import { REGISTRY_TABS, tabFromPath, tabHref } from './registry-route';
import { ServicesTab } from './ServicesTab';
import { summarize } from './services-view';
import { useRegistryView } from './use-registry';
import './registry.css';
import './registry-services.css';
import './registry-keys.css';
import './registry-key-detail.css';
import './registry-confd.css';
import './registry-cluster.css';

/**
 * The etcd service registry: services and their instances matched to containers, the raw key
 * tree, a live confd preview and the cluster's members, one tab each (#/registry/<tab>).
 */
export function RegistryScreen() {
  const t = useT();
  const [language] = useLanguage();
  const { path } = useLocation();
  const tab = tabFromPath(path);
  const { view, error } = useRegistryView();
  const problems = view ? summarize(view.services).withProblems : 0;

  return (
    <div className="reg-screen" data-testid="registry-screen" data-tab={tab}>
      <ScreenHeader
        title={t('nav.registry')}
        subtitle={t('registry.subtitle')}
        actions={
          <span className="reg-live" data-testid="registry-live" data-state={error ? 'reconnecting' : view ? 'live' : 'connecting'}>
            <StatusDot tone={error ? 'error' : view ? 'ok' : 'muted'} pulse={!view || !!error} />
            {error
              ? t('registry.live.reconnecting')
              : view
                ? t('registry.live.at', { revision: view.revision, time: formatClock(view.at, language) })
                : t('registry.live.connecting')}
          </span>
        }
      />
      <nav className="tabs reg-tabs" role="tablist" aria-label={t('registry.tabs')}>
        {REGISTRY_TABS.map((id) => (
          <a
            key={id}
            href={tabHref(id)}
            role="tab"
            aria-selected={tab === id}
            className={`tab${tab === id ? ' tab--active' : ''}`}
            data-testid={`registry-tab-${id}`}
          >
            {t(`registry.tab.${id}`)}
            {id === 'services' && problems > 0 && <span className="tab__count reg-tab__count--warn">{problems}</span>}
          </a>
        ))}
      </nav>
      <div className={`screen-body reg-body reg-body--${tab}`} role="tabpanel">
        <PeerHealthBanners kinds={['etcd']} hint={() => t('health.registryStale')} />
        {tab === 'services' && <ServicesTab view={view} error={error} />}
        {tab === 'keys' && <KeysTab />}
        {tab === 'confd' && <ConfdTab view={view} />}
        {tab === 'cluster' && <ClusterTab />}
      </div>
    </div>
  );
}

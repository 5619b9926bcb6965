import type { AppInfo } from '../../../shared/domain';
import type { LinkState } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';

/** Version, host, profile and production environments as reported by `app.info`. */
export function AppInfoList({ info, link }: { info: AppInfo; link: LinkState }) {
  const t = useT();
  return (
    <>
      {info.profileError && <ErrorBanner title={t('settings.profileError')} message={info.profileError} />}
      <dl className="kv">
        <div className="kv__row">
          <dt>{t('settings.version')}</dt>
          <dd>
            {info.name} <span className="mono" data-testid="app-version">{info.version}</span>
          </dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.host')}</dt>
          <dd data-testid="app-host" data-host={info.host}>{t(`settings.host.${info.host}`)}</dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.platform')}</dt>
          <dd className="mono">{info.platform}</dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.profileSource')}</dt>
          <dd>{t(`settings.profileSource.${info.profileSource}`)}</dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.profilePath')}</dt>
          <dd className="mono selectable" data-testid="profile-path">{info.profilePath ?? '—'}</dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.production')}</dt>
          <dd>
            {info.productionEnvironments.length === 0 ? (
              <span className="muted">{t('settings.noProduction')}</span>
            ) : (
              <span className="tag-list">
                {info.productionEnvironments.map((env) => (
                  <span key={env} className="tag tag--prod mono">{env}</span>
                ))}
              </span>
            )}
            <div className="hint">{t('settings.productionHint')}</div>
          </dd>
        </div>
        <div className="kv__row">
          <dt>{t('settings.backendLink')}</dt>
          <dd>{t(`link.${link}`)}</dd>
        </div>
      </dl>
    </>
  );
}

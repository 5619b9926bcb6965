import { useEffect, useState } from 'react';
import type { ImageLayers } from '../../../../shared/domain';
import { client, errorMessage } from '../../../api';
import { formatBytes } from '../../../core/bytes';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Spinner } from '../../../components/Spinner';
import { formatDateTime } from '../../../core/time';
import { useLanguage, useT } from '../../../i18n';
import { cleanCreatedBy } from '../format';

const ROLES = ['base', 'middleware', 'application'] as const;

/** The image's layers, newest first, with the platform's base / middleware / application split. */
export function LayersTab({ engine, image }: { engine: string; image: string }) {
  const t = useT();
  const [language] = useLanguage();
  const [layers, setLayers] = useState<ImageLayers>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let active = true;
    client.invoke('images.layers', { engine, image }).then(
      (result) => active && setLayers(result),
      (err: unknown) => active && setError(errorMessage(err)),
    );
    return () => {
      active = false;
    };
  }, [engine, image]);

  if (error) return <ErrorBanner message={t('layers.failed', { message: error })} />;
  if (!layers)
    return (
      <p className="loading-line">
        <Spinner /> {t('common.loading')}
      </p>
    );

  const total = layers.split.base + layers.split.middleware + layers.split.application;
  return (
    <div className="detail-tab-body">
      {layers.warning && <ErrorBanner tone="warn" message={layers.warning} testId="layers-warning" />}
      <section className="panel layer-split" data-testid="layer-split">
        <div className="layer-split__header">
          <h2 className="section-title">{t('layers.split')}</h2>
          <span className="muted">{t('layers.total', { size: formatBytes(layers.totalSize), count: layers.layers.length })}</span>
        </div>
        <div className="layer-bar" role="img" aria-label={ROLES.map((role) => `${t(`layers.role.${role}`)} ${formatBytes(layers.split[role])}`).join(', ')}>
          {total > 0 &&
            ROLES.map((role) =>
              layers.split[role] > 0 ? (
                <span
                  key={role}
                  className={`layer-bar__segment layer-bar__segment--${role}`}
                  style={{ flexGrow: layers.split[role], minWidth: 3 }}
                  title={`${t(`layers.role.${role}`)}: ${formatBytes(layers.split[role])}`}
                />
              ) : null,
            )}
        </div>
        <ul className="layer-legend">
          {ROLES.map((role) => (
            <li key={role} className="layer-legend__item" data-testid="layer-split-item" data-role={role}>
              <span className={`layer-legend__swatch layer-bar__segment--${role}`} aria-hidden="true" />
              <span>{t(`layers.role.${role}`)}</span>
              <span className="mono">{formatBytes(layers.split[role])}</span>
              <span className="muted">{total > 0 ? `${((layers.split[role] / total) * 100).toFixed(1)}%` : ''}</span>
            </li>
          ))}
        </ul>
      </section>
      <div className="table-wrap">
        <table className="data-table detail-table layers-table" data-testid="layers-table">
          <thead>
            <tr>
              <th className="w-role">{t('layers.col.role')}</th>
              <th className="w-size num">{t('layers.col.size')}</th>
              <th className="w-time">{t('layers.col.created')}</th>
              <th>{t('layers.col.createdBy')}</th>
            </tr>
          </thead>
          <tbody>
            {layers.layers.map((layer, index) => (
              <tr key={`${layer.id}-${index}`} data-testid="layer-row" data-role={layer.role} className={layer.role === 'empty' ? 'is-dim' : undefined}>
                <td>
                  <span className={`badge layer-role layer-role--${layer.role}`}>{t(`layers.role.${layer.role}`)}</span>
                </td>
                <td className="num mono">{formatBytes(layer.size)}</td>
                <td>{layer.created ? formatDateTime(layer.created, language) : '—'}</td>
                <td className="mono" title={layer.createdBy || layer.comment}>
                  {cleanCreatedBy(layer.createdBy) || <span className="muted">{layer.comment || '—'}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

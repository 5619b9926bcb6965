import { useCallback, useEffect, useState } from 'react';
import type { SecretsStatus } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useNotify } from '../../core/notices';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';

/** Where the profile's passwords and tokens are kept; plain-text ones can be moved into the store. */
export function ProfileSecrets() {
  const t = useT();
  const notify = useNotify();
  const [status, setStatus] = useState<SecretsStatus>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [moving, setMoving] = useState(false);

  const load = useCallback(() => {
    client.invoke('secrets.status', {}).then(setStatus, (err: unknown) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  const protect = () => {
    setMoving(true);
    client.invoke('secrets.protect', {}).then(
      (result) => {
        setStatus(result);
        setConfirming(false);
        notify(t('secrets.moved', { fields: status?.plainInProfile.join(', ') ?? '' }), 'success', { testId: 'secrets-moved' });
      },
      (err: unknown) => notify(t('secrets.moveFailed', { message: errorMessage(err) }), 'error'),
    ).finally(() => setMoving(false));
  };

  return (
    <section className="conn-group" aria-labelledby="profile-secrets" data-testid="profile-secrets" data-plain={status?.plainInProfile.length ?? ''}>
      <h2 className="section-title" id="profile-secrets">{t('secrets.title')}</h2>
      {error && <ErrorBanner message={error} />}
      {status && (
        <>
          <p className="hint">
            {status.protection === 'os-keychain'
              ? t('secrets.keychain', { file: status.file })
              : status.keychainUnavailable
                ? t('secrets.fileNoKeychain', { file: status.file, reason: status.keychainUnavailable })
                : t('secrets.file', { file: status.file })}
            {status.stored.length > 0 && ` ${t('secrets.stored', { names: status.stored.join(', ') })}`}
          </p>
          {status.repaired && <ErrorBanner tone="warn" message={t('secrets.repaired', { file: status.file })} />}
          {status.plainInProfile.length > 0 && (
            <ErrorBanner tone="warn" message={t('secrets.plain', { fields: status.plainInProfile.join(', ') })} testId="secrets-plain">
              {confirming ? (
                <span className="secrets-confirm">
                  {t('secrets.confirm')}{' '}
                  <button type="button" className="btn btn--small btn--primary" onClick={protect} disabled={moving} data-testid="secrets-protect-confirm">
                    {moving && <Spinner />}
                    {t('secrets.move')}
                  </button>{' '}
                  <button type="button" className="btn btn--small" onClick={() => setConfirming(false)} disabled={moving}>
                    {t('secrets.cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" className="btn btn--small btn--primary" onClick={() => setConfirming(true)} data-testid="secrets-protect">
                  {t('secrets.move')}
                </button>
              )}
            </ErrorBanner>
          )}
        </>
      )}
    </section>
  );
}

import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';
import { engineError, type EngineFeed } from './fleet-state';

/**
 * One banner per engine whose feed broke and is not live again; its last rows stay in the
 * table, greyed out, while the other engines carry on.
 */
export function EngineErrors({ feeds, counts }: { feeds: readonly EngineFeed[]; counts: ReadonlyMap<string, number> }) {
  const t = useT();
  const failed = feeds.filter((feed) => engineError(feed));
  if (failed.length === 0) return null;
  return (
    <div className="engine-errors">
      {failed.map((feed) => {
        const error = engineError(feed)!;
        const count = counts.get(feed.engine) ?? 0;
        return (
          <ErrorBanner
            key={feed.engine}
            testId="engine-error"
            data={{ engine: feed.engine, state: feed.state }}
            title={t(feed.state === 'reconnecting' ? 'containers.engineReconnecting' : 'containers.engineError', { engine: feed.engine })}
            message={error.message}
            code={error.code}
          >
            {count > 0 && <div className="banner__hint">{t('containers.staleRows', { count })}</div>}
          </ErrorBanner>
        );
      })}
    </div>
  );
}

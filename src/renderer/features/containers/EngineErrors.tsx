import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';
import type { PeerHealth } from '../connections/connection-health';
import { PeerDownBanner } from '../connections/PeerDownBanner';
import { engineError, type EngineFeed } from './fleet-state';

/**
 * One banner per engine whose feed broke and is not live again, or that does not answer its
 * checks (a frozen engine may keep its feed open and silent); its last rows stay in the
 * table, greyed out, while the other engines carry on.
 */
export function EngineErrors({ feeds, counts, down }: { feeds: readonly EngineFeed[]; counts: ReadonlyMap<string, number>; down: readonly PeerHealth[] }) {
  const t = useT();
  const notResponding = down.filter((health) => health.notResponding && feeds.some((feed) => feed.engine === health.name));
  const failed = feeds.filter((feed) => engineError(feed) && !notResponding.some((health) => health.name === feed.engine));
  if (failed.length === 0 && notResponding.length === 0) return null;
  return (
    <div className="engine-errors">
      {notResponding.map((health) => {
        const count = counts.get(health.name) ?? 0;
        return <PeerDownBanner key={health.name} health={health} hint={count > 0 ? t('health.engineRows', { count }) : undefined} />;
      })}
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

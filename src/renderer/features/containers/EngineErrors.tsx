import type { EngineContainers } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';

type FailedEngine = Extract<EngineContainers, { ok: false }>;

/** One banner per engine whose containers could not be listed; the other engines still show. */
export function EngineErrors({ engines }: { engines: readonly EngineContainers[] }) {
  const t = useT();
  const failed = engines.filter((e): e is FailedEngine => !e.ok);
  if (failed.length === 0) return null;
  return (
    <div className="engine-errors">
      {failed.map((engine) => (
        <ErrorBanner
          key={engine.engine}
          testId="engine-error"
          data={{ engine: engine.engine }}
          title={t('containers.engineError', { engine: engine.engine })}
          message={engine.error.message}
          code={engine.error.code}
        />
      ))}
    </div>
  );
}

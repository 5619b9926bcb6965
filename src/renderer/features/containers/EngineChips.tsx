import type { EngineContainers } from '../../../shared/domain';
import { StatusDot } from '../../components/StatusDot';
import { useT } from '../../i18n';

interface EngineChipsProps {
  engines: readonly EngineContainers[];
  selected: string | null;
  onSelect(engine: string | null): void;
}

/** One toggle per engine with its container count; selecting one shows only its containers. */
export function EngineChips({ engines, selected, onSelect }: EngineChipsProps) {
  const t = useT();
  return (
    <div className="engine-chips" role="group" aria-label={t('containers.col.host')}>
      {engines.map((engine) => {
        const active = selected === engine.engine;
        return (
          <button
            key={engine.engine}
            type="button"
            className={`chip${active ? ' chip--active' : ''}${engine.ok ? '' : ' chip--error'}`}
            aria-pressed={active}
            title={t('containers.engineFilter', { engine: engine.engine })}
            onClick={() => onSelect(active ? null : engine.engine)}
          >
            <StatusDot tone={engine.ok ? 'ok' : 'error'} />
            <span className="mono">{engine.engine}</span>
            <span className="chip__count">{engine.ok ? engine.containers.length : '!'}</span>
          </button>
        );
      })}
    </div>
  );
}

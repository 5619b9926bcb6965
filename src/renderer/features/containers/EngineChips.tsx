import { StatusDot, type DotTone } from '../../components/StatusDot';
import { useT } from '../../i18n';
import type { EngineFeed } from './fleet-state';

interface EngineChipsProps {
  feeds: readonly EngineFeed[];
  counts: ReadonlyMap<string, number>;
  selected: string | null;
  onSelect(engine: string | null): void;
}

function tone(feed: EngineFeed): DotTone {
  if (feed.state === 'live') return 'ok';
  return feed.error ? 'error' : 'warn';
}

/** One toggle per engine with its container count and feed state; selecting one shows only its containers. */
export function EngineChips({ feeds, counts, selected, onSelect }: EngineChipsProps) {
  const t = useT();
  return (
    <div className="engine-chips" role="group" aria-label={t('containers.col.host')}>
      {feeds.map((feed) => {
        const active = selected === feed.engine;
        const live = feed.state === 'live';
        return (
          <button
            key={feed.engine}
            type="button"
            className={`chip${active ? ' chip--active' : ''}${feed.error && !live ? ' chip--error' : ''}`}
            aria-pressed={active}
            title={[t('containers.engineFilter', { engine: feed.engine }), t(`feedState.${feed.state}`), !live ? feed.error?.message : undefined].filter(Boolean).join('\n')}
            onClick={() => onSelect(active ? null : feed.engine)}
            data-testid="engine-chip"
            data-engine={feed.engine}
            data-state={feed.state}
          >
            <StatusDot tone={tone(feed)} pulse={!live} />
            <span className="mono">{feed.engine}</span>
            <span className="chip__count">{counts.get(feed.engine) ?? 0}</span>
            {!live && <span className="chip__state">{t(`feedState.${feed.state}`)}</span>}
          </button>
        );
      })}
    </div>
  );
}

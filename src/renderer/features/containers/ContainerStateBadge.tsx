import type { ContainerSummary } from '../../../shared/domain';
import { useT } from '../../i18n';
import { healthTone, stateTone } from './container-list';

type BadgeContainer = Pick<ContainerSummary, 'state' | 'status' | 'health'> & { exitCode?: number };

/** The container state as a coloured badge (with the exit code once exited), and its health when it has a check. */
export function ContainerStateBadge({ container }: { container: BadgeContainer }) {
  const t = useT();
  const exited = container.state === 'exited' && container.exitCode !== undefined;
  return (
    <span className="state-cell">
      <span className={`badge badge--${stateTone(container)}`}>
        {t(`containerState.${container.state}`)}
        {exited && <span className="badge__extra">({container.exitCode})</span>}
      </span>
      {container.health !== 'none' && (
        <span className={`badge badge--outline badge--${healthTone(container.health)}`} title={t('containers.health', { health: t(`health.${container.health}`) })}>
          {t(`health.${container.health}`)}
        </span>
      )}
    </span>
  );
}

/** The environment as a tag; production ones stand out. */
export function EnvironmentTag({ environment, production }: { environment?: string; production: boolean }) {
  if (!environment) return <span className="muted">—</span>;
  return <span className={`tag${production ? ' tag--prod' : ''}`}>{environment}</span>;
}

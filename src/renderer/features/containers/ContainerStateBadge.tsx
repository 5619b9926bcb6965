import type { ContainerSummary } from '../../../shared/domain';
import { useT } from '../../i18n';
import { healthTone, stateTone } from './container-list';

/** The container state as a coloured badge, and its health when it has a health check. */
export function ContainerStateBadge({ container }: { container: ContainerSummary }) {
  const t = useT();
  return (
    <span className="state-cell">
      <span className={`badge badge--${stateTone(container)}`}>{t(`containerState.${container.state}`)}</span>
      {container.health !== 'none' && (
        <span className={`badge badge--outline badge--${healthTone(container.health)}`} title={t('containers.health', { health: t(`health.${container.health}`) })}>
          {t(`health.${container.health}`)}
        </span>
      )}
    </span>
  );
}

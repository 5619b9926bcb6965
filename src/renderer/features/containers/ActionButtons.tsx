import type { ContainerAction } from '../../../shared/domain';
import { useT } from '../../i18n';
import { applicableActions } from './action-targets';

export const ACTIONS: readonly ContainerAction[] = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove'];

interface ActionButtonsProps {
  /** The states of the containers the buttons act on; an action is offered when it fits at least one. */
  states: readonly string[];
  onAction(action: ContainerAction): void;
  small?: boolean;
}

/** Start, Stop, Restart, Kill, Pause, Unpause, Remove: each opens the confirmation dialog. */
export function ActionButtons({ states, onAction, small = false }: ActionButtonsProps) {
  const t = useT();
  const offered = new Set<ContainerAction>();
  for (const state of states) for (const action of applicableActions(state)) offered.add(action);
  return (
    <div className="action-buttons" role="group" aria-label={t('actions.label')}>
      {ACTIONS.map((action) => (
        <button
          key={action}
          type="button"
          className={`btn${small ? ' btn--small' : ''}${action === 'remove' || action === 'kill' ? ' btn--danger-outline' : ''}`}
          disabled={!offered.has(action)}
          onClick={() => onAction(action)}
          data-testid={`action-${action}`}
        >
          {t(`action.${action}`)}
        </button>
      ))}
    </div>
  );
}

import { useCallback } from 'react';
import { errorMessage } from '../../api';
import { useNotify } from '../../core/notices';
import { useT } from '../../i18n';
import { useConnections } from './connections-store';

/** "Check now" for one connection or all of them, with the outcome shown as a notice. */
export function useCheckConnections(): (id?: string) => void {
  const { check } = useConnections();
  const notify = useNotify();
  const t = useT();
  return useCallback(
    (id?: string) => {
      check(id).then(
        (count) => {
          if (!id) notify(t('connections.checkedAll', { count }), 'success');
        },
        (err: unknown) => notify(t('connections.checkFailed', { message: errorMessage(err) }), 'error'),
      );
    },
    [check, notify, t],
  );
}

import { useState } from 'react';
import { client, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useNotify } from '../../core/notices';
import { useT } from '../../i18n';

/** Acknowledges a Zabbix problem with a message (audited on the main side); says so when done. */
export function AckDialog({ problem, onClose, onDone }: { problem: { eventid: string; name: string }; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = () => {
    setBusy(true);
    client.invoke('zabbix.acknowledge', { eventid: problem.eventid, message }).then(
      () => {
        notify(t('metrics.ack.done', { name: problem.name }), 'success', { testId: 'ack-done' });
        onDone?.();
        onClose();
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };
  return (
    <ConfirmDialog
      testId="ack-dialog"
      title={t('metrics.ack.title', { name: problem.name })}
      busy={busy}
      error={error === undefined ? undefined : { ok: false, message: error }}
      confirm={{ label: t('metrics.ack.confirm'), testId: 'ack-confirm', disabled: !message.trim() }}
      onConfirm={submit}
      cancel={{ label: t('metrics.ack.cancel') }}
      onClose={onClose}
    >
      <label className="metrics-field">
        {t('metrics.ack.message')}
        <textarea className="input" rows={3} value={message} onChange={(e) => setMessage(e.target.value)} data-testid="ack-message" data-autofocus="" />
      </label>
    </ConfirmDialog>
  );
}

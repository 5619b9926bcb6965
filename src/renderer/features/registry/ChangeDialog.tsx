import { useState, type ReactNode } from 'react';
import { isRpcError } from '../../../shared/rpc-error';
import { errorMessage } from '../../api';
import { actionPerformed } from '../../core/action-events';
import { useNotify } from '../../core/notices';
import { ConfirmDialog, type DialogOutcome } from '../../components/ConfirmDialog';
import { useT } from '../../i18n';

export interface ConfirmFact {
  label: string;
  value: ReactNode;
  mono?: boolean;
}

interface ChangeDialogProps {
  title: string;
  /** What will happen, in a sentence or two. */
  description: ReactNode;
  /** What it applies to: key, value, lease, keys attached … */
  facts: ConfirmFact[];
  /** The environment, when the target is in production. */
  productionEnv?: string;
  /** What must be typed before Confirm is enabled (production only). */
  word?: string;
  /** 'key' or 'lease': what the typed word is, for the prompt. */
  wordKind?: 'key' | 'lease';
  confirmLabel: string;
  danger?: boolean;
  /** Does the change; resolves with the success message, rejects with the backend's error. */
  run(confirmName: string | undefined): Promise<string>;
  onClose(): void;
  /** After a success (e.g. to clear a selection). */
  onDone?(): void;
  /** data-action for tests. */
  action: string;
}

/**
 * The confirmation of every registry change: names the target and what will happen; for
 * production the key (or lease id) must be typed exactly before Confirm is enabled. The result,
 * or the backend's error (FORBIDDEN …), is shown as a notice; an error also stays in the dialog.
 */
export function ChangeDialog(props: ChangeDialogProps) {
  const { title, description, facts, productionEnv, word, wordKind = 'key', confirmLabel, danger = true, run, onClose, onDone, action } = props;
  const t = useT();
  const notify = useNotify();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<DialogOutcome>();

  const confirm = async (confirmName: string | undefined) => {
    setRunning(true);
    setFailure(undefined);
    try {
      const message = await run(confirmName);
      notify(message, 'success');
      onClose();
      onDone?.();
    } catch (error) {
      const message = errorMessage(error);
      const code = isRpcError(error) ? error.code : undefined;
      setFailure({ ok: false, message, code, testId: 'registry-confirm-error' });
      notify(code ? `${code}: ${message}` : message, 'error');
      setRunning(false);
    } finally {
      actionPerformed();
    }
  };

  return (
    <ConfirmDialog
      testId="registry-confirm-dialog"
      data={{ action }}
      className="reg-dialog"
      title={title}
      description={description}
      production={productionEnv ? t('registry.production') : undefined}
      typed={
        word !== undefined
          ? {
              word,
              intro: t('registry.confirm.productionIntro', { env: productionEnv ?? '' }),
              prompt: wordKind === 'lease' ? t('registry.confirm.typeLease') : t('registry.confirm.typeKey'),
              testId: 'registry-confirm-input',
            }
          : undefined
      }
      busy={running}
      error={failure}
      confirm={{ label: confirmLabel, testId: 'registry-confirm-ok', danger }}
      onConfirm={(confirmName) => void confirm(confirmName)}
      cancel={{ label: t('registry.confirm.cancel') }}
      onClose={onClose}
    >
      <dl className="kv reg-dialog__facts">
        {facts.map((fact) => (
          <div className="kv__row" key={fact.label}>
            <dt>{fact.label}</dt>
            <dd className={fact.mono ? 'mono selectable' : undefined}>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </ConfirmDialog>
  );
}

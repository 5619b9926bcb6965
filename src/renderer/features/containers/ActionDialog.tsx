import { useRef, useState } from 'react';
import type { ContainerAction } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { actionPerformed } from '../../core/action-events';
import { useNotify } from '../../core/notices';
import { ConfirmDialog, type DialogOutcome } from '../../components/ConfirmDialog';
import { Spinner } from '../../components/Spinner';
import { useT } from '../../i18n';
import { EnvironmentTag } from './ContainerStateBadge';
import { confirmationWord, type ActionTarget } from './action-targets';
import { runOneByOne, type StepState } from './run-actions';

export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'] as const;
const DESTRUCTIVE: ReadonlySet<ContainerAction> = new Set(['stop', 'restart', 'kill', 'remove']);

export interface DialogTarget extends ActionTarget {
  state: string;
}

interface ActionDialogProps {
  action: ContainerAction;
  /** In the order the action is applied. */
  targets: readonly DialogTarget[];
  onClose(): void;
  /** After the run, whatever its outcome (e.g. to reload a detail view). */
  onFinished?(): void;
}

type Phase = 'confirm' | 'running' | 'done';

/**
 * Confirms an action on one or more containers, naming them, their engine and the parameters;
 * production asks for a typed word first. Several containers are done one by one, in order,
 * stopping at the first failure, with each one's progress shown here.
 */
export function ActionDialog({ action, targets, onClose, onFinished }: ActionDialogProps) {
  const t = useT();
  const notify = useNotify();
  const [timeout, setTimeoutText] = useState('10');
  const [signal, setSignal] = useState<string>('SIGKILL');
  const [force, setForce] = useState(false);
  const [phase, setPhase] = useState<Phase>('confirm');
  const [steps, setSteps] = useState<StepState[]>(() => targets.map(() => ({ status: 'pending' })));
  const [summary, setSummary] = useState<DialogOutcome>();
  const stopRequested = useRef(false);

  const many = targets.length > 1;
  const label = t(`action.${action}`);
  const word = confirmationWord(targets);
  const production = targets.some((target) => target.production);
  const timeoutSeconds = Number(timeout);
  const timeoutValid = !(action === 'stop' || action === 'restart') || (/^\d+$/.test(timeout) && timeoutSeconds <= 3600);

  const run = async () => {
    if (phase !== 'confirm') return;
    setPhase('running');
    const params = {
      ...(action === 'stop' || action === 'restart' ? { timeoutSeconds } : {}),
      ...(action === 'kill' ? { signal } : {}),
      ...(action === 'remove' ? { force } : {}),
    };
    let lastMessage = '';
    const result = await runOneByOne(
      targets,
      async (target) => {
        try {
          const outcome = await client.invoke('containers.action', {
            engine: target.engine,
            id: target.id,
            action,
            ...params,
            // The main side checks this again for production containers: the engineer confirmed above.
            ...(target.production ? { confirmName: target.name } : {}),
          });
          lastMessage = outcome.message;
          return { ok: outcome.ok, message: outcome.message };
        } catch (error) {
          lastMessage = errorMessage(error);
          return { ok: false, message: lastMessage };
        } finally {
          actionPerformed();
        }
      },
      (index, step) => setSteps((list) => list.map((s, i) => (i === index ? step : s))),
      () => stopRequested.current,
    );
    onFinished?.();

    const ok = result.failedAt === undefined && !result.stopped;
    let text: string;
    if (!many) text = lastMessage;
    else if (result.failedAt !== undefined)
      text = t('actions.bulkFailed', { name: targets[result.failedAt]!.name, message: lastMessage, done: result.done, total: targets.length });
    else if (result.stopped) text = t('actions.bulkStopped', { done: result.done, total: targets.length });
    else text = t('actions.bulkDone', { action: label, count: result.done });
    notify(text, ok ? 'success' : 'error', { testId: 'action-result', data: { ok: String(ok), action } });

    if (!many) onClose();
    else {
      setSummary({ ok, message: text, testId: 'bulk-summary' });
      setPhase('done');
    }
  };

  const targetsTable = (
    <div className="dialog__targets">
      <table className="data-table dialog__table">
        <thead>
          <tr>
            {many && <th className="col-order">#</th>}
            <th>{t('containers.col.name')}</th>
            <th className="col-engine">{t('containers.col.host')}</th>
            <th className="col-envtag">{t('containers.col.environment')}</th>
            {phase !== 'confirm' && <th className="col-result">{t('actions.result')}</th>}
          </tr>
        </thead>
        <tbody>
          {targets.map((target, index) => (
            <tr key={`${target.engine}/${target.id}`} data-testid="action-target" data-name={target.name} data-status={steps[index]?.status}>
              {many && <td className="col-order muted">{index + 1}</td>}
              <td className="mono" title={target.name}>{target.name}</td>
              <td className="mono col-engine" title={target.engine}>{target.engine}</td>
              <td className="col-envtag">
                <EnvironmentTag environment={target.environment} production={target.production} />
              </td>
              {phase !== 'confirm' && (
                <td className="col-result">
                  <StepCell step={steps[index]!} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <ConfirmDialog
      testId="action-dialog"
      data={{ action }}
      title={many ? t('actions.titleMany', { action: label, count: targets.length }) : t('actions.titleOne', { action: label })}
      description={describe(action, { seconds: timeout, signal, force }, t)}
      production={production ? t('actions.production') : undefined}
      typed={
        phase === 'confirm' && word !== undefined
          ? {
              word,
              intro: many
                ? t('actions.productionMany', { count: targets.filter((x) => x.production).length })
                : t('actions.productionOne', { name: targets[0]!.name, environment: targets[0]!.environment ?? t('actions.production') }),
              prompt: t('actions.typeToConfirm'),
              testId: 'confirm-name',
            }
          : undefined
      }
      busy={phase === 'running'}
      result={summary}
      confirm={
        phase === 'done'
          ? undefined
          : {
              label: many ? t('actions.confirmMany', { action: label, count: targets.length }) : label,
              testId: 'confirm-action',
              danger: DESTRUCTIVE.has(action),
              disabled: !timeoutValid,
            }
      }
      onConfirm={() => void run()}
      cancel={
        phase === 'running' && many
          ? { label: t('actions.stopAfterCurrent'), testId: 'cancel-action', disabled: false, onClick: () => (stopRequested.current = true) }
          : { label: phase === 'done' ? t('actions.close') : t('actions.cancel'), testId: 'cancel-action' }
      }
      onClose={onClose}
    >
      {targetsTable}
      {many && phase === 'confirm' && <p className="hint">{t('actions.oneByOne')}</p>}
      {phase === 'confirm' && (action === 'stop' || action === 'restart' || action === 'kill' || action === 'remove') && (
        <div className="dialog__params">
          {(action === 'stop' || action === 'restart') && (
            <label className="field">
              <span>{t('actions.timeout')}</span>
              <input
                type="number"
                min={0}
                max={3600}
                step={1}
                value={timeout}
                onChange={(event) => setTimeoutText(event.target.value)}
                className="input input--narrow"
                aria-invalid={!timeoutValid}
                data-testid="action-timeout"
                data-autofocus=""
              />
            </label>
          )}
          {action === 'kill' && (
            <label className="field">
              <span>{t('actions.signal')}</span>
              <select className="select select--narrow" value={signal} onChange={(event) => setSignal(event.target.value)} data-testid="action-signal">
                {KILL_SIGNALS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {action === 'remove' && (
            <label className="checkbox">
              <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} data-testid="action-force" />
              {t('actions.force')}
            </label>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}

function StepCell({ step }: { step: StepState }) {
  const t = useT();
  const tone = step.status === 'ok' ? 'ok' : step.status === 'error' ? 'error' : step.status === 'running' ? 'info' : 'muted';
  return (
    <span className="step-cell" title={step.message}>
      <span className={`badge badge--${tone}`}>
        {step.status === 'running' && <Spinner />}
        {t(`step.${step.status}`)}
      </span>
      {step.message && <span className="step-cell__message">{step.message}</span>}
    </span>
  );
}

function describe(action: ContainerAction, p: { seconds: string; signal: string; force: boolean }, t: ReturnType<typeof useT>): string {
  switch (action) {
    case 'stop':
      return t('actions.describe.stop', { seconds: p.seconds || '0' });
    case 'restart':
      return t('actions.describe.restart', { seconds: p.seconds || '0' });
    case 'kill':
      return t('actions.describe.kill', { signal: p.signal });
    case 'remove':
      return p.force ? t('actions.describe.removeForce') : t('actions.describe.remove');
    case 'start':
      return t('actions.describe.start');
    case 'pause':
      return t('actions.describe.pause');
    case 'unpause':
      return t('actions.describe.unpause');
  }
}

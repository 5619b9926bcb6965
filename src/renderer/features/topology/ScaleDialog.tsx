import { useEffect, useRef, useState } from 'react';
import type { ScalePlan, ScaleProgress, ScaleStep } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useNotify } from '../../core/notices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Spinner } from '../../components/Spinner';
import { useT, type Translate } from '../../i18n';

export interface ScaleTarget {
  project: string;
  /** The compose service (search), what production asks to be typed. */
  composeService: string;
  /** The platform service (search_PROD). */
  label: string;
  environment?: string;
  production: boolean;
  /** Replicas now, per engine (every engine, 0 where it runs none). */
  engines: Array<{ engine: string; replicas: number; live: boolean }>;
}

type Mode = 'scale' | 'restart';
type Phase = 'edit' | 'planning' | 'plan' | 'running' | 'done';
type StepState = { state: 'pending' | 'running' | 'done' | 'failed' | 'skipped'; message?: string };

export function describeStep(step: ScaleStep, t: Translate): string {
  switch (step.kind) {
    case 'create':
      return t('scale.step.create', { name: step.name, engine: step.engine, from: step.from }) + (step.port ? t('scale.step.port', { port: step.port }) : '');
    case 'wait-registered':
      return t('scale.step.wait', { name: step.name });
    case 'deregister':
      return t('scale.step.deregister', { name: step.name, keys: step.keys.join(', ') || '-' });
    case 'drain':
      return t('scale.step.drain', { seconds: step.seconds });
    case 'stop':
      return t('scale.step.stop', { name: step.name, engine: step.engine, timeout: step.timeoutSeconds });
    case 'remove':
      return t('scale.step.remove', { name: step.name, engine: step.engine });
    case 'restart':
      return t('scale.step.restart', { name: step.name, engine: step.engine });
  }
}

/**
 * Scale a compose service on chosen engines, or restart it replica by replica: the plan
 * first (what is created, deregistered, stopped, removed, where), then a confirmation
 * (production: the service name typed), then each step's progress and what was and was
 * not done. It cannot be closed while applying: closing would cancel the run midway.
 */
export function ScaleDialog({ target, mode, onClose }: { target: ScaleTarget; mode: Mode; onClose(): void }) {
  const t = useT();
  const notify = useNotify();
  const [wanted, setWanted] = useState<Record<string, string>>(() => Object.fromEntries(target.engines.map((e) => [e.engine, String(e.replicas)])));
  const [drain, setDrain] = useState('5');
  const [stopTimeout, setStopTimeout] = useState('10');
  const [registerTimeout, setRegisterTimeout] = useState('60');
  const [phase, setPhase] = useState<Phase>(mode === 'restart' ? 'plan' : 'edit');
  const [plan, setPlan] = useState<ScalePlan>();
  const [error, setError] = useState<string>();
  const [steps, setSteps] = useState<StepState[]>([]);
  const [summary, setSummary] = useState<Extract<ScaleProgress, { kind: 'done' }>>();
  const unsubscribe = useRef<() => void>(undefined);

  useEffect(() => () => unsubscribe.current?.(), []);

  const numbers = (text: string, max: number) => (/^\d+$/.test(text) && Number(text) <= max ? Number(text) : undefined);
  const targets = target.engines
    .map((e) => ({ engine: e.engine, replicas: numbers(wanted[e.engine] ?? '', 50), current: e.replicas }))
    .filter((e) => e.replicas !== e.current);
  const invalid = target.engines.some((e) => numbers(wanted[e.engine] ?? '', 50) === undefined);
  const timings = { drainSeconds: numbers(drain, 300) ?? 5, stopTimeoutSeconds: numbers(stopTimeout, 600) ?? 10, registerTimeoutSeconds: Math.max(1, numbers(registerTimeout, 600) ?? 60) };
  const request = () => ({ project: target.project, service: target.composeService, targets: targets.map(({ engine, replicas }) => ({ engine, replicas: replicas! })), ...timings });
  const production = target.production;

  const preview = async () => {
    setPhase('planning');
    setError(undefined);
    try {
      const result = await client.invoke('scale.plan', request());
      setPlan(result);
      setSteps(result.steps.map(() => ({ state: 'pending' })));
      setPhase('plan');
    } catch (e) {
      setError(errorMessage(e));
      setPhase('edit');
    }
  };

  const apply = (confirmName: string | undefined) => {
    setPhase('running');
    setError(undefined);
    const onItems = (items: ScaleProgress[]) => {
      for (const item of items) {
        if (item.kind === 'plan') {
          setPlan(item.plan);
          setSteps(item.plan.steps.map(() => ({ state: 'pending' })));
        } else if (item.kind === 'step') {
          setSteps((current) => current.map((s, i) => (i === item.index ? { state: item.state, message: item.message } : s)));
        } else {
          setSummary(item);
          setPhase('done');
          notify(item.message, item.ok ? 'success' : 'error');
        }
      }
    };
    const onEnd = (endError?: unknown) => {
      if (endError) {
        setError(errorMessage(endError));
        setPhase('done');
      }
    };
    unsubscribe.current =
      mode === 'restart'
        ? client.subscribe('scale.restart', { project: target.project, service: target.composeService, stopTimeoutSeconds: timings.stopTimeoutSeconds, registerTimeoutSeconds: timings.registerTimeoutSeconds, confirmName }, { onItems, onEnd })
        : client.subscribe('scale.apply', { ...request(), confirmName }, { onItems, onEnd });
  };

  const title = mode === 'restart' ? t('scale.restartTitle', { service: target.label }) : t('scale.title', { service: target.label });
  const canApply = mode === 'restart' || (plan?.steps.length ?? 0) > 0;
  return (
    <ConfirmDialog
      testId="scale-dialog"
      data={{ mode }}
      className="scale-dialog"
      title={title}
      description={mode === 'restart' ? t('scale.restartIntro') : t('scale.intro', { project: target.project, service: target.composeService })}
      production={production ? (target.environment ?? 'PROD') : undefined}
      typed={
        phase === 'plan' && production
          ? { word: target.composeService, intro: t('scale.production', { environment: target.environment ?? 'PROD' }), prompt: t('actions.typeToConfirm'), testId: 'scale-confirm-input' }
          : undefined
      }
      busy={phase === 'running'}
      error={error === undefined ? undefined : { ok: false, message: error, testId: 'scale-error' }}
      result={
        summary && {
          ok: summary.ok,
          message: summary.message,
          details: (
            <>
              {summary.done.length > 0 && <p>{t('scale.done')}: {summary.done.join('; ')}</p>}
              {summary.notDone.length > 0 && <p>{t('scale.notDone')}: {summary.notDone.join('; ')}</p>}
            </>
          ),
          testId: 'scale-summary',
        }
      }
      confirm={
        phase === 'edit'
          ? { label: t('scale.preview'), testId: 'scale-preview', disabled: invalid || targets.length === 0 }
          : phase === 'plan' || phase === 'running'
            ? { label: mode === 'restart' ? t('scale.restartApply') : t('scale.apply'), testId: 'scale-apply', danger: production, disabled: !canApply }
            : undefined
      }
      onConfirm={(confirmName) => (phase === 'edit' ? void preview() : apply(confirmName))}
      cancel={{ label: phase === 'done' ? t('scale.close') : t('scale.cancel'), testId: 'scale-close' }}
      footer={
        <>
          {phase === 'planning' && <Spinner label={t('scale.planning')} />}
          {phase === 'plan' && mode === 'scale' && (
            <button type="button" className="btn" onClick={() => setPhase('edit')}>
              {t('scale.change')}
            </button>
          )}
        </>
      }
      onClose={onClose}
    >
      {mode === 'scale' && (
        <fieldset className="scale-engines" disabled={phase !== 'edit'}>
          <legend>{t('scale.replicasPerEngine')}</legend>
          {target.engines.map((e) => (
            <label key={e.engine} className="scale-engine">
              <span className="scale-engine__name mono">
                {e.engine} {!e.live && <span className="scale-engine__down">{t('scale.engineDown')}</span>}
              </span>
              <span className="muted">{t('scale.now', { count: e.replicas })}</span>
              <input
                className="input input--narrow"
                inputMode="numeric"
                value={wanted[e.engine] ?? ''}
                onChange={(ev) => setWanted({ ...wanted, [e.engine]: ev.target.value.trim() })}
                aria-label={t('scale.replicasOn', { engine: e.engine })}
                aria-invalid={numbers(wanted[e.engine] ?? '', 50) === undefined}
                data-testid="scale-engine-input"
                data-engine={e.engine}
              />
            </label>
          ))}
          <details className="scale-timings">
            <summary>{t('scale.timings')}</summary>
            <label className="field"><span>{t('scale.drain')}</span><input className="input input--narrow" value={drain} onChange={(e) => setDrain(e.target.value)} /></label>
            <label className="field"><span>{t('scale.stopTimeout')}</span><input className="input input--narrow" value={stopTimeout} onChange={(e) => setStopTimeout(e.target.value)} /></label>
            <label className="field"><span>{t('scale.registerTimeout')}</span><input className="input input--narrow" value={registerTimeout} onChange={(e) => setRegisterTimeout(e.target.value)} /></label>
          </details>
        </fieldset>
      )}
      {invalid && mode === 'scale' && <p className="dialog__summary dialog__summary--error">{t('scale.invalid')}</p>}

      {plan && (
        <div className="scale-plan" data-testid="scale-plan">
          <h3 className="scale-plan__title">{phase === 'plan' ? t('scale.plan') : t('scale.progress')}</h3>
          {mode === 'scale' && <p className="muted mono">{plan.engines.map((e) => `${e.engine}: ${e.current} → ${e.target}`).join(' · ')}</p>}
          {plan.steps.length === 0 && <p>{t('scale.nothing')}</p>}
          <ol className="scale-steps">
            {plan.steps.map((step, i) => {
              const state = steps[i]?.state ?? 'pending';
              return (
                <li key={i} className={`scale-step scale-step--${state}`} data-testid="scale-step" data-kind={step.kind} data-state={state}>
                  <span className="scale-step__state">{state === 'running' ? <Spinner /> : t(`scale.state.${state}`)}</span>
                  <span className="scale-step__what">{describeStep(step, t)}</span>
                  {steps[i]?.message && state !== 'done' && <span className="scale-step__message">{steps[i]!.message}</span>}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {mode === 'restart' && !plan && phase === 'plan' && <p className="muted">{t('scale.restartPlan')}</p>}
    </ConfirmDialog>
  );
}

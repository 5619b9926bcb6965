export type StepStatus = 'pending' | 'running' | 'ok' | 'error' | 'skipped';

export interface StepState {
  status: StepStatus;
  message?: string;
}

export interface RunSummary {
  done: number;
  /** Index of the target that failed; the ones after it were not touched. */
  failedAt?: number;
  /** True when the engineer stopped the run before the end. */
  stopped: boolean;
}

/**
 * Applies an action to each target one by one, in order, waiting for each to finish; stops at
 * the first failure (a rolling restart must not carry on past a replica that did not come back).
 */
export async function runOneByOne<T>(
  targets: readonly T[],
  run: (target: T, index: number) => Promise<{ ok: boolean; message: string }>,
  onStep: (index: number, step: StepState) => void,
  shouldStop: () => boolean = () => false,
): Promise<RunSummary> {
  let done = 0;
  for (let index = 0; index < targets.length; index++) {
    if (shouldStop()) {
      for (let rest = index; rest < targets.length; rest++) onStep(rest, { status: 'skipped' });
      return { done, stopped: true };
    }
    onStep(index, { status: 'running' });
    let outcome: { ok: boolean; message: string };
    try {
      outcome = await run(targets[index]!, index);
    } catch (error) {
      outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    onStep(index, { status: outcome.ok ? 'ok' : 'error', message: outcome.message });
    if (!outcome.ok) {
      for (let rest = index + 1; rest < targets.length; rest++) onStep(rest, { status: 'skipped' });
      return { done, failedAt: index, stopped: false };
    }
    done++;
  }
  return { done, stopped: false };
}

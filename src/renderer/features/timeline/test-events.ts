import type { TimelineEvent } from '../../../shared/domain';

/** A timeline event for tests: defaults for everything not given. */
export function ev(partial: Partial<TimelineEvent> & { id: string; at: number }): TimelineEvent {
  return { kind: 'docker', action: 'start', title: partial.id, severity: 'info', details: {}, ...partial };
}

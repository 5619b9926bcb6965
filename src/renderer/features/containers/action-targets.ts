import type { ContainerAction } from '../../../shared/domain';

/** One container an action is about to be applied to. */
export interface ActionTarget {
  engine: string;
  id: string;
  name: string;
  environment?: string;
  production: boolean;
  /** serviceKey(): "project/service", '' outside compose. */
  service: string;
}

/**
 * What the engineer must type before a change that touches production, or undefined when
 * nothing needs typing. One container: its name (the main side checks the same). Several:
 * the service when every production container of the selection belongs to one compose
 * service (e.g. "prod/search" for a rolling restart), else the production environment
 * name(s), e.g. "PROD".
 */
export function confirmationWord(targets: readonly ActionTarget[]): string | undefined {
  const production = targets.filter((t) => t.production);
  if (production.length === 0) return undefined;
  if (targets.length === 1) return targets[0]!.name;
  const services = new Set(production.map((t) => t.service));
  const only = [...services][0];
  if (services.size === 1 && only) return only;
  const environments = [...new Set(production.map((t) => (t.environment || 'PROD').toUpperCase()))].sort();
  return environments.join('+');
}

/** The actions that make sense for a container in this state (the others are disabled). */
export function applicableActions(state: string): ReadonlySet<ContainerAction> {
  switch (state) {
    case 'running':
      return new Set(['stop', 'restart', 'kill', 'pause', 'remove']);
    case 'paused':
      return new Set(['unpause', 'stop', 'kill', 'remove']);
    case 'restarting':
      return new Set(['stop', 'kill', 'remove']);
    case 'removing':
    case 'removed':
      return new Set();
    default:
      // created, exited, dead, unknown
      return new Set(['start', 'restart', 'remove']);
  }
}

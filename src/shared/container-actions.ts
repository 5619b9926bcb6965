/**
 * What can be done to a container. Kept apart from the zod schemas (shared/domain) so that the
 * renderer's first bundle, which checks an action asked for in a link, does not carry zod.
 */
export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove'] as const;
export type ContainerActionName = (typeof CONTAINER_ACTIONS)[number];

export function isContainerAction(value: unknown): value is ContainerActionName {
  return typeof value === 'string' && (CONTAINER_ACTIONS as readonly string[]).includes(value);
}

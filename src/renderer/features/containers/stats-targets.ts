import type { FleetItem } from './container-list';
import { containerKey } from './fleet-state';

/**
 * Which running containers of the table get live stats: all of them when there are at most
 * `max`, else the ones around the visible rows (the viewport first, then outwards).
 */
export function statsTargets(items: readonly FleetItem[], visible: { start: number; end: number }, max: number): string[] {
  const running: Array<{ index: number; key: string }> = [];
  items.forEach((item, index) => {
    if (item.kind === 'row' && item.container.state === 'running') running.push({ index, key: containerKey(item.container) });
  });
  if (running.length <= max) return running.map((r) => r.key);
  const middle = (visible.start + visible.end) / 2;
  const inView = (index: number) => index >= visible.start && index <= visible.end;
  return running
    .map((r) => ({ ...r, distance: inView(r.index) ? -1 : Math.abs(r.index - middle) }))
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((r) => r.key);
}

/** Keep the current subscription while it still covers every running row in view (no churn on small scrolls). */
export function coversVisible(current: ReadonlySet<string>, items: readonly FleetItem[], visible: { start: number; end: number }): boolean {
  for (let index = Math.max(0, visible.start); index <= visible.end && index < items.length; index++) {
    const item = items[index]!;
    if (item.kind === 'row' && item.container.state === 'running' && !current.has(containerKey(item.container))) return false;
  }
  return true;
}

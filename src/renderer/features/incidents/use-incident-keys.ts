import { useEffect, useState } from 'react';
import type { Incident } from '../../../shared/domain';
import { containerHref, logsAroundHref, terminalHref } from '../../core/links';
import { useKeymap } from '../../core/use-keymap';

/**
 * The incident list's keys: j/k (or the arrows) move a highlight over the cards, Enter opens
 * the failed container, l its logs at the failure, s a shell in a healthy replica.
 * Returns the highlighted incident's id.
 */
export function useIncidentKeys(incidents: readonly Incident[]): string | null {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const index = highlighted === null ? -1 : incidents.findIndex((incident) => incident.id === highlighted);
  const current = incidents[index];

  // The highlighted card stays in view.
  useEffect(() => {
    if (highlighted === null) return;
    document.querySelector(`[data-testid="incident"][data-id="${CSS.escape(highlighted)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  const moveTo = (next: number) => {
    const incident = incidents[Math.max(0, Math.min(incidents.length - 1, next))];
    if (incident) setHighlighted(incident.id);
  };
  const go = (href: string | undefined) => {
    if (!href) return false;
    window.location.hash = href;
  };

  useKeymap('nav.incidents', [
    { keys: ['j', 'ArrowDown'], description: 'keys.list.down', run: () => moveTo(index < 0 ? 0 : index + 1) },
    { keys: ['k', 'ArrowUp'], description: 'keys.list.up', run: () => moveTo(index < 0 ? 0 : index - 1) },
    { keys: ['Home'], description: 'keys.list.first', run: () => moveTo(0) },
    { keys: ['End'], description: 'keys.list.last', run: () => moveTo(incidents.length - 1) },
    { keys: ['Enter'], description: 'keys.incident.open', run: () => go(current?.focus && containerHref(current.focus.container)) },
    { keys: ['l'], description: 'keys.incident.logs', run: () => go(current?.focus && logsAroundHref(current.focus.container, current.focus.at)) },
    { keys: ['s'], description: 'keys.incident.shell', run: () => go(current?.healthyReplica && terminalHref(current.healthyReplica)) },
    {
      keys: ['Escape'],
      description: 'keys.list.clear',
      run: () => {
        setHighlighted(null);
        return false;
      },
    },
  ]);
  return current ? current.id : null;
}

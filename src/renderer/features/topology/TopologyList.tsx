import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { listRows, type GraphNode, type VisibleGraph } from './topology-model';

interface TopologyListProps {
  graph: VisibleGraph;
  selected?: string;
  subtitle(node: GraphNode): string;
  onSelect(node: GraphNode): void;
}

/** The same picture as a tree list, for the keyboard: arrows move, Enter opens the panel. */
export function TopologyList({ graph, selected, subtitle, onSelect }: TopologyListProps) {
  const t = useT();
  const list = useRef<HTMLUListElement>(null);
  const rows = listRows(graph);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button[data-row]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : Math.max(0, Math.min(buttons.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
    buttons[next]?.focus();
    event.preventDefault();
  };

  return (
    <ul className="topo-list" data-testid="topology-list" ref={list} onKeyDown={onKeyDown} aria-label={t('topology.listLabel')}>
      {rows.map(({ node, depth }) => (
        <li key={node.id} className={`topo-list__row${node.id === selected ? ' topo-list__row--selected' : ''}`} data-testid="topology-list-item" data-id={node.id} data-health={node.health}>
          <button type="button" data-row="" className="topo-list__button" style={{ paddingLeft: 12 + depth * 22 }} onClick={() => onSelect(node)} aria-current={node.id === selected ? 'true' : undefined}>
            <span className={`topo-dot topo-dot--${node.health}`} aria-hidden />
            <span className="topo-list__kind">{t(`topology.kind.${node.kind}`)}</span>
            <span className={`topo-list__label mono${node.match ? ' topo-list__label--match' : ''}`}>{node.label}</span>
            <span className="topo-list__sub muted">{subtitle(node)}</span>
            <span className="sr-only">{t(`topology.health.${node.health}`)}</span>
            {node.node.reasons.length > 0 && <span className="topo-list__reasons">{node.node.reasons.join(' · ')}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}

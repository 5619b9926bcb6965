import type { TopologyNode, TopologyView } from '../../../shared/domain';
import { IconClose } from '../../components/icons';
import { useT } from '../../i18n';
import { detailPath, servicePath } from '../containers/containers-route';
import { childrenOf, membersOf, type GraphNode } from './topology-model';

interface NodePanelProps {
  view: TopologyView;
  node: GraphNode;
  expanded: boolean;
  /** A service with enough replicas to be drawn as one summary box. */
  collapsible: boolean;
  onToggleExpanded(): void;
  onSelect(id: string): void;
  onScale(): void;
  onRestart(): void;
  onClose(): void;
}

const logsOfContainer = (n: TopologyNode) => `#/logs?engine=${encodeURIComponent(n.engine ?? '')}&id=${encodeURIComponent(n.containerId ?? '')}`;

function HealthBadge({ health }: { health: TopologyNode['health'] }) {
  const t = useT();
  return <span className={`topo-badge topo-badge--${health}`}>{t(`topology.health.${health}`)}</span>;
}

function MemberRow({ node, onSelect }: { node: TopologyNode; onSelect(id: string): void }) {
  return (
    <li className="topo-member">
      <button type="button" className="topo-member__name mono" onClick={() => onSelect(node.id)} title={node.reasons.join('\n') || undefined}>
        <span className={`topo-dot topo-dot--${node.health}`} aria-hidden />
        {node.label}
      </button>
      <span className="muted mono">{node.kind === 'container' ? node.engine : node.key}</span>
    </li>
  );
}

/** What a node has, one click away: logs, exec, stats, registry entries, problems, metrics, scaling. */
export function NodePanel({ view, node, expanded, collapsible, onToggleExpanded, onSelect, onScale, onRestart, onClose }: NodePanelProps) {
  const t = useT();
  const n = node.node;
  const isService = n.kind === 'service';
  const members = isService ? membersOf(view, n.id) : undefined;
  const engineContainers = n.kind === 'engine' ? view.nodes.filter((c) => c.kind === 'container' && c.engine === n.label) : [];
  const instanceContainer = n.kind === 'instance' ? childrenOf(view, n.id).find((c) => c.kind === 'container') : undefined;
  const canScale = isService && Boolean(n.project && n.composeService);

  return (
    <aside className="topo-panel" data-testid="node-panel" data-id={n.id} aria-label={t('topology.panelLabel', { name: n.label })}>
      <header className="topo-panel__header">
        <div>
          <div className="topo-panel__kind">{t(`topology.kind.${n.kind}`)}</div>
          <h2 className="topo-panel__title mono">{n.label}</h2>
        </div>
        <HealthBadge health={node.health} />
        <button type="button" className="btn btn--icon btn--ghost" onClick={onClose} aria-label={t('topology.closePanel')} data-testid="panel-close">
          <IconClose />
        </button>
      </header>

      {n.reasons.length > 0 && (
        <section className="topo-panel__section">
          <h3>{t('topology.why')}</h3>
          <ul className="topo-reasons" data-testid="panel-reasons">
            {n.reasons.map((r, i) => (
              <li key={i} className={`topo-reason topo-reason--${r.split(':')[0]?.toLowerCase()}`}>{r}</li>
            ))}
          </ul>
        </section>
      )}

      <section className="topo-panel__section topo-panel__actions">
        {isService && n.project && n.composeService && (
          <>
            <a className="btn btn--primary btn--small" href={`#/logs?project=${encodeURIComponent(n.project)}&service=${encodeURIComponent(n.composeService)}`} data-testid="panel-logs">
              {t('topology.action.mergedLogs')}
            </a>
            <a className="btn btn--small" href={`#/${servicePath(n.project, n.composeService)}`} data-testid="panel-stats">
              {t('topology.action.replicasStats')}
            </a>
          </>
        )}
        {n.kind === 'container' && n.engine && n.containerId && (
          <>
            <a className="btn btn--primary btn--small" href={logsOfContainer(n)} data-testid="panel-logs">
              {t('topology.action.logs')}
            </a>
            <a className="btn btn--small" href={`#/terminal?engine=${encodeURIComponent(n.engine)}&id=${encodeURIComponent(n.containerId)}`} data-testid="panel-exec">
              {t('topology.action.exec')}
            </a>
            <a className="btn btn--small" href={`#/${detailPath(n.engine, n.containerId)}`} data-testid="panel-detail">
              {t('topology.action.detail')}
            </a>
          </>
        )}
        {(isService || n.kind === 'instance') && (
          <a className="btn btn--small" href="#/registry" data-testid="panel-registry">
            {t('topology.action.registry')}
          </a>
        )}
        {(isService || n.kind === 'engine') && (
          <a className="btn btn--small" href={n.kind === 'engine' ? '#/metrics/hosts' : '#/metrics/problems'} data-testid="panel-metrics">
            {t('topology.action.metrics')}
          </a>
        )}
        {n.kind === 'engine' && (
          <a className="btn btn--small" href="#/containers" data-testid="panel-containers">
            {t('topology.action.containers')}
          </a>
        )}
      </section>

      {isService && (
        <section className="topo-panel__section topo-panel__actions">
          <button type="button" className="btn btn--small" disabled={!canScale} onClick={onScale} data-testid="panel-scale" title={canScale ? undefined : t('topology.noReplicaToScale')}>
            {t('topology.action.scale')}
          </button>
          <button type="button" className="btn btn--small" disabled={!canScale} onClick={onRestart} data-testid="panel-restart">
            {t('topology.action.restart')}
          </button>
          {collapsible && (
            <button type="button" className="btn btn--small btn--ghost" onClick={onToggleExpanded} data-testid="panel-expand">
              {expanded ? t('topology.collapse') : t('topology.expand')}
            </button>
          )}
        </section>
      )}

      {members && (
        <>
          <section className="topo-panel__section">
            <h3>{t('topology.containers', { count: members.containers.length })}</h3>
            <ul className="topo-members">
              {members.containers.map((c) => (
                <MemberRow key={c.id} node={c} onSelect={onSelect} />
              ))}
            </ul>
          </section>
          <section className="topo-panel__section">
            <h3>{t('topology.instances', { count: members.instances.length })}</h3>
            <ul className="topo-members">
              {members.instances.map((i) => (
                <MemberRow key={i.id} node={i} onSelect={onSelect} />
              ))}
            </ul>
          </section>
        </>
      )}
      {n.kind === 'instance' && (
        <section className="topo-panel__section">
          <h3>{t('topology.key')}</h3>
          <p className="mono topo-panel__key">{n.key}</p>
          {instanceContainer ? (
            <ul className="topo-members">
              <MemberRow node={instanceContainer} onSelect={onSelect} />
            </ul>
          ) : (
            <p className="muted">{t('topology.noContainer')}</p>
          )}
        </section>
      )}
      {n.kind === 'engine' && (
        <section className="topo-panel__section">
          <h3>{t('topology.containers', { count: engineContainers.length })}</h3>
          <ul className="topo-members">
            {engineContainers.map((c) => (
              <MemberRow key={c.id} node={c} onSelect={onSelect} />
            ))}
          </ul>
        </section>
      )}
      {n.kind === 'environment' && (
        <section className="topo-panel__section">
          <h3>{t('topology.services')}</h3>
          <ul className="topo-members">
            {childrenOf(view, n.id).map((s) => (
              <MemberRow key={s.id} node={s} onSelect={onSelect} />
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

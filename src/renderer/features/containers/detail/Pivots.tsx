import type { ReactNode } from 'react';
import { IconLogs, IconMetrics, IconRegistry, IconTimeline } from '../../../components/icons';
import { useT } from '../../../i18n';
import { useConnections } from '../../connections/connections-store';
import { logsHref, metricsHref, platformService, registryHref, terminalHref, timelineHref, type PivotContainer, type PivotId } from './pivots';

/** A prompt in a box: the terminal (the shared icon set has none). */
export function IconTerminal() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3" y="4.5" width="18" height="15" rx="2" />
      <path d="m7 9.5 3 2.5-3 2.5M12.5 15H17" />
    </svg>
  );
}

interface PivotsProps {
  container: PivotContainer;
  name: string;
  /** Exec needs a running container; otherwise the terminal is shown but not offered. */
  running: boolean;
}

/**
 * One click from a container to what an on-call engineer looks at next: its logs, a shell in
 * it, its service in the registry, its engine's metrics, its service on the timeline. Real
 * links (keyboard, middle-click); the registry and metrics only when etcd / Zabbix are configured.
 */
export function Pivots({ container, name, running }: PivotsProps) {
  const t = useT();
  const { connections, received, streamError } = useConnections();
  // Until the connection list is known (or when it cannot be), offer nothing that may not exist.
  const knowsKinds = received || streamError !== undefined;
  const configured = (kind: 'etcd' | 'zabbix') => !received || connections.some((c) => c.kind === kind);
  const service = platformService(container);

  const link = (id: PivotId, href: string, icon: ReactNode, label: string, accessibleName: string) => (
    <a key={id} className="btn detail-pivot" href={href} aria-label={accessibleName} title={accessibleName} data-testid={`pivot-${id}`}>
      {icon}
      {label}
    </a>
  );

  return (
    <nav className="detail-pivots" aria-label={t('detail.pivots')} data-testid="detail-pivots">
      {link('logs', logsHref(container), <IconLogs />, t('detail.pivot.logs'), t('detail.pivot.logsOf', { name }))}
      {running ? (
        link('terminal', terminalHref(container), <IconTerminal />, t('detail.pivot.terminal'), t('detail.pivot.terminalIn', { name }))
      ) : (
        <span
          className="btn detail-pivot detail-pivot--off"
          role="link"
          aria-disabled="true"
          title={t('detail.pivot.terminalNotRunning', { name })}
          aria-label={t('detail.pivot.terminalNotRunning', { name })}
          data-testid="pivot-terminal"
          data-disabled="true"
        >
          <IconTerminal />
          {t('detail.pivot.terminal')}
        </span>
      )}
      {knowsKinds &&
        configured('etcd') &&
        link(
          'registry',
          registryHref(container),
          <IconRegistry />,
          t('detail.pivot.registry'),
          service ? t('detail.pivot.registryOf', { service }) : t('detail.pivot.registryAll'),
        )}
      {knowsKinds &&
        configured('zabbix') &&
        link('metrics', metricsHref(container), <IconMetrics />, t('detail.pivot.metrics'), t('detail.pivot.metricsOf', { engine: container.engine }))}
      {link(
        'timeline',
        timelineHref(container),
        <IconTimeline />,
        t('detail.pivot.timeline'),
        service ? t('detail.pivot.timelineOf', { service }) : t('detail.pivot.timelineAll'),
      )}
    </nav>
  );
}

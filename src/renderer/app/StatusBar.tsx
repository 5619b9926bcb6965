import type { ConnectionStatus } from '../../shared/domain';
import { StatusDot } from '../components/StatusDot';
import { connectionTone } from '../features/connections/connection-tone';
import { useConnections } from '../features/connections/connections-store';
import { useT } from '../i18n';
import { PALETTE_SHORTCUT } from '../core/keys';
import { useLinkState } from '../core/link-state';
import { hrefFor } from '../core/router';

/** Always at the bottom: the backend link, every connection's state, and the palette hint. */
export function StatusBar({ onOpenPalette }: { onOpenPalette(): void }) {
  const t = useT();
  const link = useLinkState();
  const { connections, received } = useConnections();

  return (
    <footer className={`status-bar${link === 'open' ? '' : ' status-bar--stale'}`} aria-label={t('statusBar.label')} data-testid="status-bar">
      <span
        className={`status-bar__link status-bar__link--${link}`}
        data-testid="backend-link"
        data-state={link}
        role="status"
        aria-live="polite"
      >
        <StatusDot tone={link === 'open' ? 'ok' : 'warn'} pulse={link !== 'open'} />
        {t(`link.${link}`)}
      </span>
      <span className="status-bar__divider" aria-hidden="true" />
      <div className="status-bar__connections">
        {connections.map((status) => (
          <StatusBarConnection key={status.id} status={status} />
        ))}
        {received && connections.length === 0 && (
          <a className="status-bar__item muted" href={hrefFor('connections')}>
            {t('statusBar.noConnections')}
          </a>
        )}
      </div>
      <button type="button" className="status-bar__item status-bar__palette" onClick={onOpenPalette}>
        {t('statusBar.paletteHint', { keys: PALETTE_SHORTCUT })}
      </button>
    </footer>
  );
}

function StatusBarConnection({ status }: { status: ConnectionStatus }) {
  const t = useT();
  const state = t(`connState.${status.state}`);
  const title = [
    t('statusBar.connectionTitle', { name: status.name, kind: t(`kind.${status.kind}`), state }),
    status.error?.message,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <a
      className={`status-bar__item status-bar__conn status-bar__conn--${status.state}`}
      href={hrefFor('connections')}
      title={title}
      data-testid="status-connection"
      data-name={status.name}
      data-state={status.state}
    >
      <StatusDot tone={connectionTone(status.state)} pulse={status.state === 'connecting'} />
      <span className="status-bar__conn-name">{status.name}</span>
      <span className="visually-hidden">: {state}</span>
    </a>
  );
}

import { useT } from '../i18n';

/** Where a container's ports go while they are still being looked for (host networking: port discovery follows the row). */
export function PortsPending() {
  const t = useT();
  return (
    <span className="muted" title={t('ports.pending')} aria-label={t('ports.pending')} data-testid="ports-pending">
      …
    </span>
  );
}

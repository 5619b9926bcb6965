import type { ReactNode } from 'react';
import type { ConnectionPart } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatAgo, formatClock, useNow } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import type { PeerHealth } from './connection-health';

/**
 * Says that a peer does not answer, since when, and how old the data on screen is. The
 * screen keeps showing that data (greyed where it can) and carries on with everything else.
 */
export function PeerDownBanner({ health, hint }: { health: PeerHealth; hint?: ReactNode }) {
  const t = useT();
  const [language] = useLanguage();
  const now = useNow(1000);
  const kind = t(`health.kind.${health.kind}`);
  const since = health.downSince ? formatClock(health.downSince, language) : '—';
  const title = t(health.notResponding ? 'health.notResponding' : 'health.unreachable', { kind, name: health.name, since });
  const message = health.asOf
    ? t('health.asOf', { time: formatClock(health.asOf, language), ago: formatAgo(health.asOf, now, language), name: health.name })
    : t('health.neverAnswered', { name: health.name });
  return (
    <ErrorBanner
      tone="warn"
      testId="peer-down"
      data={{ kind: health.kind, name: health.name, state: health.notResponding ? 'not-responding' : 'unreachable' }}
      title={title}
      message={message}
      code={health.error?.code}
    >
      {hint && <div className="banner__hint">{hint}</div>}
    </ErrorBanner>
  );
}

/** One line per member or piece that does not answer while the connection as a whole still does. */
export function PartDownBanner({ health }: { health: PeerHealth }) {
  const t = useT();
  const [language] = useLanguage();
  if (health.downParts.length === 0) return null;
  const label = (part: ConnectionPart) => (health.kind === 'etcd' ? t('health.part.member', { endpoint: part.target }) : t('health.part.zabbixServer', { target: part.target }));
  return (
    <>
      {health.downParts.map((part) => (
        <ErrorBanner
          key={part.name}
          tone="warn"
          testId="part-down"
          data={{ kind: health.kind, name: health.name, part: part.name }}
          title={t('health.partDown', { part: label(part), since: part.downSince ? formatClock(part.downSince, language) : '—' })}
          message={t(health.kind === 'etcd' ? 'health.partHint.etcd' : 'health.partHint.zabbix')}
          code={part.error?.code}
        />
      ))}
    </>
  );
}

import type { ReactNode } from 'react';
import type { ConnectionKind } from '../../../shared/domain';
import type { PeerHealth } from './connection-health';
import { PartDownBanner, PeerDownBanner } from './PeerDownBanner';
import { useConnectionHealth } from './use-connection-health';
import './peer-health.css';

interface PeerHealthBannersProps {
  /** Whose data this screen shows. */
  kinds: readonly ConnectionKind[];
  /** Only these peers (by name), e.g. the engines of the containers on screen. */
  names?: readonly string[];
  /** What it means for this screen's data. */
  hint?: (health: PeerHealth) => ReactNode;
}

/** On a screen that shows data of these peers: which of them (or of their members) do not answer, and since when. */
export function PeerHealthBanners({ kinds, names, hint }: PeerHealthBannersProps) {
  const health = useConnectionHealth();
  const wanted = (h: PeerHealth) => kinds.includes(h.kind) && (!names || names.includes(h.name));
  const down = health.peers.filter((h) => h.down && wanted(h));
  const degraded = health.peers.filter((h) => !h.down && h.downParts.length > 0 && wanted(h));
  if (down.length === 0 && degraded.length === 0) return null;
  return (
    <div className="peer-health" data-testid="peer-health">
      {down.map((h) => (
        <PeerDownBanner key={h.id} health={h} hint={hint?.(h)} />
      ))}
      {degraded.map((h) => (
        <PartDownBanner key={h.id} health={h} />
      ))}
    </div>
  );
}

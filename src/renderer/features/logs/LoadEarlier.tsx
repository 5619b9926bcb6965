import { useState } from 'react';
import { linesOf, type LogLine as WireLine, type LogSelection } from '../../../shared/domain';
import { client } from '../../api';
import { useT } from '../../i18n';

/** Fetches the N lines before the oldest one shown, from Docker, and puts them in front. */
export function LoadEarlier({ selection, oldest, count, onLines }: { selection: LogSelection; oldest?: string; count: number; onLines: (lines: WireLine[]) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const load = () => {
    if (!oldest) return;
    setBusy(true);
    const lines: WireLine[] = [];
    client.subscribe('logs.tail', { selection, until: oldest, tail: count, follow: false }, {
      onItems(items) {
        for (const line of items.flatMap((item) => linesOf(item))) if (line[1] < oldest) lines.push(line);
      },
      onEnd() {
        setBusy(false);
        onLines(lines);
      },
    });
  };
  return (
    <button type="button" className="btn btn--small" disabled={!oldest || busy} onClick={load} data-testid="log-load-earlier">
      {t('logs.loadEarlier')}
    </button>
  );
}

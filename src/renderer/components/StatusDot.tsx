export type DotTone = 'ok' | 'warn' | 'error' | 'muted' | 'info';

/** A coloured dot; the meaning must also be given in text next to it (colour is not enough). */
export function StatusDot({ tone, pulse = false }: { tone: DotTone; pulse?: boolean }) {
  return <span className={`status-dot status-dot--${tone}${pulse ? ' status-dot--pulse' : ''}`} aria-hidden="true" />;
}

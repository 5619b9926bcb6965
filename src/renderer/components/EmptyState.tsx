import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  /** A small label above the title, e.g. "Coming in a later release". */
  eyebrow?: string;
  action?: ReactNode;
}

/** A centred explanation for a screen or list with nothing to show. */
export function EmptyState({ icon, title, children, eyebrow, action }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid="empty-state">
      {icon && <div className="empty-state__icon">{icon}</div>}
      {eyebrow && <div className="empty-state__eyebrow">{eyebrow}</div>}
      <h2 className="empty-state__title">{title}</h2>
      {children && <div className="empty-state__body">{children}</div>}
      {action && <div className="empty-state__action">{action}</div>}
    </div>
  );
}

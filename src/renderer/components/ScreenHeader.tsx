import type { ReactNode } from 'react';

interface ScreenHeaderProps {
  title: string;
  subtitle?: string;
  /** Buttons and other controls, right-aligned. */
  actions?: ReactNode;
}

/** The title row of every screen. The heading takes focus after navigation (see AppShell). */
export function ScreenHeader({ title, subtitle, actions }: ScreenHeaderProps) {
  return (
    <header className="screen-header">
      <div className="screen-header__titles">
        <h1 className="screen-header__title" tabIndex={-1} data-screen-heading="">
          {title}
        </h1>
        {subtitle && <p className="screen-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="screen-header__actions">{actions}</div>}
    </header>
  );
}

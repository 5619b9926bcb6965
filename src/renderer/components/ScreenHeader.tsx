import type { ReactNode } from 'react';

interface ScreenHeaderProps {
  title: string;
  subtitle?: string;
  /** Buttons and other controls, right-aligned. */
  actions?: ReactNode;
  /** Where this page sits (e.g. Containers / engine), above the title. */
  breadcrumb?: ReactNode;
  /** Badges shown right after the title. */
  titleExtra?: ReactNode;
}

/** The title row of every screen. The heading takes focus after navigation (see AppShell). */
export function ScreenHeader({ title, subtitle, actions, breadcrumb, titleExtra }: ScreenHeaderProps) {
  return (
    <header className="screen-header">
      <div className="screen-header__titles">
        {breadcrumb && <nav className="screen-header__breadcrumb">{breadcrumb}</nav>}
        <div className="screen-header__title-row">
          <h1 className="screen-header__title" tabIndex={-1} data-screen-heading="">
            {title}
          </h1>
          {titleExtra}
        </div>
        {subtitle && <p className="screen-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="screen-header__actions">{actions}</div>}
    </header>
  );
}

import type { ReactNode } from 'react';
import { dataAttributes } from './data-attributes';
import { IconAlert } from './icons';

interface ErrorBannerProps {
  title?: ReactNode;
  message: string;
  code?: string;
  children?: ReactNode;
  tone?: 'error' | 'warn';
  testId?: string;
  /** Extra data-* attributes for tests, e.g. { engine: 'lab-engine-1' }. */
  data?: Record<string, string>;
}

/** A readable error: what failed, the message, and the error code when there is one. */
export function ErrorBanner({ title, message, code, children, tone = 'error', testId, data }: ErrorBannerProps) {
  return (
    <div className={`banner banner--${tone}`} role="alert" data-testid={testId} {...dataAttributes(data)}>
      <IconAlert className="banner__icon" />
      <div className="banner__content">
        {title && <div className="banner__title">{title}</div>}
        <div className="banner__message">
          {message}
          {code && (
            <>
              {' '}
              <code className="banner__code">{code}</code>
            </>
          )}
        </div>
        {children}
      </div>
    </div>
  );
}

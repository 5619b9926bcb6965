import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { useT } from '../i18n';

interface State {
  error?: unknown;
}

/** Keeps a crash in one screen from blanking the whole window (navigation and status bar stay). */
export class ScreenErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Screen crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <ScreenCrashed message={errorMessage(this.state.error)} onRetry={() => this.setState({ error: undefined })} />;
  }
}

function ScreenCrashed({ message, onRetry }: { message: string; onRetry(): void }) {
  const t = useT();
  return (
    <div className="screen-body">
      <ErrorBanner message={message}>
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </ErrorBanner>
    </div>
  );
}

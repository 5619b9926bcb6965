import { EmptyState } from '../components/EmptyState';
import { useT } from '../i18n';
import { hrefFor } from '../core/router';
import { DEFAULT_SCREEN } from './routes';

export function NotFound({ path }: { path: string }) {
  const t = useT();
  return (
    <div className="screen-body screen-body--center">
      <EmptyState
        title={t('notFound.title')}
        action={
          <a className="btn btn--primary" href={hrefFor(DEFAULT_SCREEN)}>
            {t('notFound.action')}
          </a>
        }
      >
        <p>{t('notFound.body', { path })}</p>
      </EmptyState>
    </div>
  );
}

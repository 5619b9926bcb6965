import type { ComponentType } from 'react';
import { useT } from '../i18n';
import { EmptyState } from './EmptyState';
import { ScreenHeader } from './ScreenHeader';

interface ComingSoonProps {
  title: string;
  subtitle: string;
  /** What the screen will show once it is built. */
  description: string;
  Icon: ComponentType<{ width?: number; height?: number }>;
}

/** The whole body of a screen that a later release fills in. */
export function ComingSoon({ title, subtitle, description, Icon }: ComingSoonProps) {
  const t = useT();
  return (
    <>
      <ScreenHeader title={title} subtitle={subtitle} />
      <div className="screen-body screen-body--center">
        <EmptyState icon={<Icon width={40} height={40} />} eyebrow={t('common.comingLater')} title={title}>
          <p>{description}</p>
        </EmptyState>
      </div>
    </>
  );
}

import { ComingSoon } from '../../components/ComingSoon';
import { IconTimeline } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the timeline screen is built: says what it will show. */
export function TimelineScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.timeline')}
      subtitle={t('timeline.subtitle')}
      description={t('timeline.empty')}
      Icon={IconTimeline}
    />
  );
}

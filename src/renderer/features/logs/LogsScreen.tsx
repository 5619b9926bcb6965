import { ComingSoon } from '../../components/ComingSoon';
import { IconLogs } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the logs screen is built: says what it will show. */
export function LogsScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.logs')}
      subtitle={t('logs.subtitle')}
      description={t('logs.empty')}
      Icon={IconLogs}
    />
  );
}

import { ComingSoon } from '../../components/ComingSoon';
import { IconMetrics } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the metrics screen is built: says what it will show. */
export function MetricsScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.metrics')}
      subtitle={t('metrics.subtitle')}
      description={t('metrics.empty')}
      Icon={IconMetrics}
    />
  );
}

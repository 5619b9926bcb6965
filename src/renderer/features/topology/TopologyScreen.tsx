import { ComingSoon } from '../../components/ComingSoon';
import { IconTopology } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the topology screen is built: says what it will show. */
export function TopologyScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.topology')}
      subtitle={t('topology.subtitle')}
      description={t('topology.empty')}
      Icon={IconTopology}
    />
  );
}

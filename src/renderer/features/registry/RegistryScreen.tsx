import { ComingSoon } from '../../components/ComingSoon';
import { IconRegistry } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the registry screen is built: says what it will show. */
export function RegistryScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.registry')}
      subtitle={t('registry.subtitle')}
      description={t('registry.empty')}
      Icon={IconRegistry}
    />
  );
}

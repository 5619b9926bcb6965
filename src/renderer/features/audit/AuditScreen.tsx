import { ComingSoon } from '../../components/ComingSoon';
import { IconAudit } from '../../components/icons';
import { useT } from '../../i18n';

/** Placeholder until the audit screen is built: says what it will show. */
export function AuditScreen() {
  const t = useT();
  return (
    <ComingSoon
      title={t('nav.audit')}
      subtitle={t('audit.subtitle')}
      description={t('audit.empty')}
      Icon={IconAudit}
    />
  );
}

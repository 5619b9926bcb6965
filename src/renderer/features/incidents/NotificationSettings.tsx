import { useEffect, useState } from 'react';
import type { NotificationRules } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useAppInfo } from '../../core/app-info';
import { useNotify } from '../../core/notices';
import { useT } from '../../i18n';

/** Which incidents notify (environments, minimum severity), and, in a browser, the permission to show them. */
export function NotificationSettings() {
  const t = useT();
  const notify = useNotify();
  const { info } = useAppInfo();
  const [rules, setRules] = useState<NotificationRules>();
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission));
  useEffect(() => {
    void client.invoke('notifications.rules', {}).then(setRules, () => undefined);
  }, []);
  const save = (next: NotificationRules) => {
    setRules(next);
    client.invoke('notifications.setRules', next).then(setRules, (err: unknown) => notify(errorMessage(err), 'error'));
  };
  const browser = info?.host === 'browser';
  return (
    <div className="notify-settings" data-testid="notification-settings">
      {rules && (
        <>
          <label className="notify-settings__field">
            {t('incidents.notify.environments')}
            <select className="input" value={Array.isArray(rules.environments) ? 'production' : rules.environments} onChange={(e) => save({ ...rules, environments: e.target.value as 'production' | 'all' })} data-testid="notify-environments">
              <option value="production">{t('incidents.notify.production')}</option>
              <option value="all">{t('incidents.notify.all')}</option>
            </select>
          </label>
          <label className="notify-settings__field">
            {t('incidents.notify.minSeverity')}
            <select className="input" value={rules.minSeverity} onChange={(e) => save({ ...rules, minSeverity: e.target.value as NotificationRules['minSeverity'] })} data-testid="notify-severity">
              <option value="warning">{t('incidents.severity.warning')}</option>
              <option value="error">{t('incidents.severity.error')}</option>
              <option value="critical">{t('incidents.severity.critical')}</option>
            </select>
          </label>
        </>
      )}
      {browser && permission !== 'granted' && permission !== 'unsupported' && (
        <button type="button" className="btn btn--small" data-testid="notify-enable" onClick={() => void Notification.requestPermission().then(setPermission)} disabled={permission === 'denied'} title={permission === 'denied' ? t('incidents.notify.denied') : undefined}>
          {t('incidents.notify.enable')}
        </button>
      )}
    </div>
  );
}

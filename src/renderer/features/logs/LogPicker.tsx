import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../shared/domain';
import { client } from '../../api';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { serviceDisplayName } from '../../../shared/service-name';

/** Without a selection: choose a service or a container from every engine. */
export function LogPicker() {
  const t = useT();
  const [containers, setContainers] = useState<ContainerSummary[]>([]);
  useEffect(() => {
    void client.invoke('containers.list', {}).then((engines) => setContainers(engines.flatMap((e) => (e.ok ? e.containers : []))));
  }, []);
  // One option per compose service, named as everywhere else (user_PROD), its compose name beside it.
  const services = [...new Map(containers.filter((c) => c.project && c.service).map((c) => [`${c.project}/${c.service}`, serviceDisplayName(c)])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <div className="logs-screen">
      <ScreenHeader title={t('nav.logs')} subtitle={t('logs.subtitle')} />
      <div className="logs-picker">
        <h2>{t('logs.pick.title')}</h2>
        <label className="logs-field">
          {t('logs.pick.service')}
          <select className="select" defaultValue="" onChange={(e) => { const [project, service] = e.target.value.split('/'); if (project && service) window.location.hash = `#/logs?project=${encodeURIComponent(project)}&service=${encodeURIComponent(service)}`; }} data-testid="log-pick-service">
            <option value="">{t('logs.pick.none')}</option>
            {services.map(([compose, name]) => <option key={compose} value={compose}>{name === compose ? name : `${name} (${compose})`}</option>)}
          </select>
        </label>
        <label className="logs-field">
          {t('logs.pick.container')}
          <select className="select" defaultValue="" onChange={(e) => { const [engine, id] = e.target.value.split('\u0000'); if (engine && id) window.location.hash = `#/logs?engine=${encodeURIComponent(engine)}&id=${encodeURIComponent(id)}`; }} data-testid="log-pick-container">
            <option value="">{t('logs.pick.none')}</option>
            {containers.map((c) => <option key={`${c.engine}/${c.id}`} value={`${c.engine}\u0000${c.id}`}>{c.engine}/{c.name}</option>)}
          </select>
        </label>
      </div>
    </div>
  );
}

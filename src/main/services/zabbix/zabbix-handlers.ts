import { RpcError } from '../../../shared/errors';
import type { AreaHandlers } from '../../core/handlers';
import type { ZabbixService } from './zabbix-service';

/** Zabbix's calls; without a configured Zabbix each says so (UNAVAILABLE). */
export function zabbixHandlers(zabbix: ZabbixService | undefined): AreaHandlers<'zabbix.hosts' | 'zabbix.items' | 'zabbix.history' | 'zabbix.acknowledge', 'zabbix.problems'> {
  const need = () => {
    if (!zabbix) throw new RpcError('UNAVAILABLE', 'No Zabbix is configured (add zabbix to the profile, or set ZABBIX_URL and ZABBIX_API_TOKEN).');
    return zabbix;
  };
  return {
    calls: {
      'zabbix.hosts': () => need().hosts(),
      'zabbix.items': ({ hostids, search }) => need().items(hostids, search),
      'zabbix.history': ({ itemids, from, to }) => need().history(itemids, from, to),
      'zabbix.acknowledge': ({ eventid, message }) => need().acknowledge(eventid, message),
    },
    streams: {
      'zabbix.problems': (_input, sink) => need().watchProblems((event) => sink.push(event)),
    },
  };
}

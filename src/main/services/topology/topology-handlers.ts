import type { Connectors } from '../../connectors/connectors';
import type { AreaHandlers } from '../../core/handlers';
import type { FleetService } from '../fleet/fleet-service';
import type { RegistryService } from '../registry/registry-service';
import type { ZabbixService } from '../zabbix/zabbix-service';
import { watchTopology } from './topology-service';

export function topologyHandlers(
  connectors: Connectors,
  fleet: FleetService,
  registry: RegistryService | undefined,
  zabbix: ZabbixService | undefined,
  productionEnvironments: () => readonly string[],
): AreaHandlers<never, 'topology.view'> {
  return {
    calls: {},
    streams: {
      'topology.view': (_input, sink) => watchTopology(connectors, fleet, registry, zabbix, productionEnvironments, (view) => sink.push(view)),
    },
  };
}

import type { RegistryView, TopologyView, ZabbixProblem } from '../../../shared/domain';
import type { Connectors } from '../../connectors/connectors';
import type { FleetService } from '../fleet/fleet-service';
import type { RegistryService } from '../registry/registry-service';
import type { ZabbixService } from '../zabbix/zabbix-service';
import { buildTopology } from './build-topology';

/** The topology.view stream: rebuilt when the fleet, the registry or the problems change. */
export function watchTopology(
  connectors: Connectors,
  fleet: FleetService,
  registry: RegistryService | undefined,
  zabbix: ZabbixService | undefined,
  productionEnvironments: () => readonly string[],
  onView: (view: TopologyView) => void,
): () => void {
  let registryView: RegistryView | undefined;
  let problems: ZabbixProblem[] = [];
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const send = () => {
    timer = undefined;
    const view = buildTopology({
      containers: connectors.docker.flatMap((e) => fleet.feed(e.name)?.list() ?? []),
      engines: connectors.docker.map((e) => ({ name: e.name, state: fleet.feed(e.name)?.feedState ?? 'unknown' })),
      registry: registryView,
      problems,
      productionEnvironments: productionEnvironments(),
      now: Date.now(),
    });
    const signature = JSON.stringify([view.nodes, view.edges]);
    if (signature === last) return;
    last = signature;
    onView(view);
  };
  const soon = () => {
    timer ??= setTimeout(send, 300);
  };
  const offs = [fleet.subscribe(soon)];
  if (registry)
    offs.push(
      registry.watchView((view) => {
        registryView = view;
        soon();
      }),
    );
  if (zabbix)
    offs.push(
      zabbix.watchProblems((event) => {
        if (!event.error) problems = event.problems;
        soon();
      }),
    );
  soon();
  return () => {
    offs.forEach((off) => off());
    clearTimeout(timer);
  };
}

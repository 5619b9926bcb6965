import type { RegistryView, TopologyView, WatchView, ZabbixProblem } from '../../../shared/domain';
import type { Connectors } from '../../connectors/connectors';
import type { FleetService } from '../fleet/fleet-service';
import type { RegistryService } from '../registry/registry-service';
import type { WatchService } from '../watch/watch-service';
import type { ZabbixService } from '../zabbix/zabbix-service';
import { buildTopology } from './build-topology';

export interface TopologySources {
  connectors: Connectors;
  fleet: FleetService;
  registry?: RegistryService;
  zabbix?: ZabbixService;
  /** Why containers and services are degraded beyond their state (restart loops, recent deaths). */
  watch?: WatchService;
  productionEnvironments: () => readonly string[];
}

/** The topology.view stream: rebuilt when the fleet, the registry, the problems or the watch change. */
export function watchTopology(sources: TopologySources, onView: (view: TopologyView) => void): () => void {
  const { connectors, fleet, registry, zabbix, watch, productionEnvironments } = sources;
  let watchView: WatchView | undefined;
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
      notes: watchView && { containers: watchView.containers, services: watchView.services },
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
  /** The first view goes out as soon as every source has answered once (a screen is waiting for it), else after 300 ms. */
  let firstSent = false;
  let zabbixAnswered = !zabbix;
  const sendFirstIfComplete = () => {
    if (firstSent || !zabbixAnswered) return;
    firstSent = true;
    clearTimeout(timer);
    timer = setTimeout(send, 0);
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
        zabbixAnswered = true;
        soon();
        sendFirstIfComplete();
      }),
    );
  if (watch)
    offs.push(
      watch.subscribe((view) => {
        watchView = view;
        soon();
      }),
    );
  // The fleet, the registry and the watch replay what they know as they are subscribed; later
  // changes are coalesced for 300 ms.
  soon();
  sendFirstIfComplete();
  return () => {
    offs.forEach((off) => off());
    clearTimeout(timer);
  };
}

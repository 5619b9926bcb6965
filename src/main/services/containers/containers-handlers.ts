import { engineNamed, type Connectors } from '../../connectors/connectors';
import type { AreaHandlers } from '../../core/handlers';
import type { ConnectionsService } from '../connections/connections-service';
import type { FleetService } from '../fleet/fleet-service';
import type { StatsHistory } from '../stats/stats-history';
import type { StatsService } from '../stats/stats-service';
import type { ContainerActions } from './container-actions';
import { toContainerDetail } from './container-detail';
import type { ContainersService } from './containers-service';
import { analyseLayers } from './image-layers';

export interface ContainersDeps {
  connectors: Connectors;
  connections: ConnectionsService;
  containers: ContainersService;
  actions: ContainerActions;
  fleet: FleetService;
  stats: StatsService;
  statsHistory: StatsHistory;
  productionEnvironments: () => readonly string[];
  log?: (message: string, error?: unknown) => void;
}

/** Containers of every engine: the list, the live fleet, a container's detail, actions and stats. */
export function containersHandlers(d: ContainersDeps): AreaHandlers<
  'containers.list' | 'containers.inspect' | 'containers.top' | 'images.layers' | 'containers.action' | 'stats.history',
  'containers.fleet' | 'containers.stats'
> {
  return {
    calls: {
      'containers.list': async ({ engines, all }) => {
        const result = await d.containers.list(engines, all);
        // An engine that just failed to list is re-checked, so its connection state follows at once.
        for (const failed of result.filter((e) => !e.ok)) void d.connections.check(`docker:${failed.engine}`).catch(() => undefined);
        return result;
      },
      'containers.inspect': async ({ engine, id }) => toContainerDetail(engine, await engineNamed(d.connectors, engine).inspect(id), d.productionEnvironments()),
      'containers.top': ({ engine, id }) => engineNamed(d.connectors, engine).top(id),
      'images.layers': async ({ engine, image }) => analyseLayers(engine, image, await engineNamed(d.connectors, engine).imageHistory(image)),
      'containers.action': (request) => d.actions.run(request),
      'stats.history': ({ from, to, engine }) => d.statsHistory.query(from, to, engine),
    },
    streams: {
      'containers.fleet': (_input, sink) => d.fleet.subscribe((event) => sink.push(event)),
      'containers.stats': ({ containers }, sink) =>
        d.stats.watch(
          containers,
          (sample) => sink.push(sample),
          (engine, id, err) => d.log?.(`stats of ${engine}/${id} unavailable`, err),
        ),
    },
  };
}

import { useLocation } from '../../core/router';
import { ContainerDetailView } from './ContainerDetailView';
import { parseContainersPath } from './containers-route';
import { FleetView } from './FleetView';
import { ServiceStatsView } from './ServiceStatsView';
import { useFleet } from './use-fleet';
import './containers.css';
import './detail.css';

/**
 * The Containers screen: the live fleet (`#/containers`), one container
 * (`#/containers/<engine>/<id>`) or one service's stats (`#/containers/service/<project>/<service>`).
 * The fleet stream stays subscribed while moving between them.
 */
export function ContainersScreen() {
  const { path } = useLocation();
  const fleet = useFleet();
  const route = parseContainersPath(path);
  if (route.view === 'detail') return <ContainerDetailView key={`${route.engine}/${route.id}`} fleet={fleet} engine={route.engine} id={route.id} />;
  if (route.view === 'service') return <ServiceStatsView key={`${route.project}/${route.service}`} fleet={fleet} project={route.project} service={route.service} />;
  return <FleetView fleet={fleet} />;
}

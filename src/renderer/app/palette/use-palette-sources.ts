import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ZabbixHost, ZabbixProblem, ZabbixProblemsEvent } from '../../../shared/domain';
import { client } from '../../api';
import { useResilientStream } from '../../api/use-resilient-stream';
import { useWatch } from '../../core/watch';
import { useFleet } from '../../features/containers/use-fleet';
import { useRegistryView } from '../../features/registry/use-registry';
import type { PaletteSources } from './palette-entities';

const NO_INPUT = {};

/**
 * What was known when the palette last closed: shown at once when it opens again, until the
 * streams (subscribed only while it is open) send what is true now.
 */
let last: PaletteSources = { containers: [], engines: [], problems: [], zabbixHosts: [], incidents: [] };

/**
 * Everything the palette searches, from the streams the screens use: the fleet, the registry
 * view and the Zabbix problems (subscribed while the palette is open), the watch's incidents
 * (shared with the whole window) and the Zabbix hosts (asked once per opening).
 */
export function usePaletteSources(): PaletteSources {
  const fleet = useFleet();
  const registry = useRegistryView().view;
  const incidents = useWatch().view?.incidents;
  const [problems, setProblems] = useState<readonly ZabbixProblem[]>();
  const [zabbixHosts, setZabbixHosts] = useState<readonly ZabbixHost[]>();

  const onProblems = useCallback((items: ZabbixProblemsEvent[]) => {
    const latest = items[items.length - 1];
    if (latest && !latest.error) setProblems(latest.problems);
  }, []);
  useResilientStream('zabbix.problems', NO_INPUT, onProblems);

  useEffect(() => {
    let active = true;
    client.invoke('zabbix.hosts', {}).then(
      (hosts) => active && setZabbixHosts(hosts),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);

  const fleetKnown = fleet.state.engines.size > 0;
  const sources = useMemo<PaletteSources>(
    () => ({
      containers: fleetKnown ? fleet.containers : last.containers,
      engines: fleetKnown ? [...fleet.state.engines.keys()].sort() : last.engines,
      registry: registry ?? last.registry,
      problems: problems ?? last.problems,
      zabbixHosts: zabbixHosts ?? last.zabbixHosts,
      incidents: incidents ?? last.incidents,
    }),
    [fleetKnown, fleet.containers, fleet.state.engines, registry, problems, zabbixHosts, incidents],
  );
  useEffect(() => {
    last = sources;
  }, [sources]);
  return sources;
}

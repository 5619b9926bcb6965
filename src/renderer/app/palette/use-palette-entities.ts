import { useMemo, useState } from 'react';
import { searchTerms } from '../../core/entity-search';
import { useT } from '../../i18n';
import { ALL_SCREENS } from '../routes';
import {
  composeServiceEntities,
  containerEntities,
  engineEntities,
  incidentEntities,
  problemEntities,
  registryEntities,
  zabbixHostEntities,
  type PaletteEntity,
} from './palette-entities';
import { selectionActions } from './selection-actions';
import { usePaletteSources } from './use-palette-sources';

export interface PaletteEntities {
  /** Every entity, containers first (they win ties), screens last. */
  entities: PaletteEntity[];
  byId: ReadonlyMap<string, PaletteEntity>;
  /** Actions on what is open now (the container whose detail is shown …). */
  selection: PaletteEntity[];
}

/** The palette's entities from the live sources, each kind rebuilt only when its source changes. */
export function usePaletteEntities(): PaletteEntities {
  const t = useT();
  const sources = usePaletteSources();

  const containers = useMemo(() => containerEntities(sources.containers), [sources.containers]);
  const compose = useMemo(() => composeServiceEntities(sources.containers, t), [sources.containers, t]);
  const registry = useMemo(() => registryEntities(sources.registry, t), [sources.registry, t]);
  const hosts = useMemo(() => [...engineEntities(sources.engines, t), ...zabbixHostEntities(sources.zabbixHosts, t)], [sources.engines, sources.zabbixHosts, t]);
  const problems = useMemo(() => problemEntities(sources.problems), [sources.problems]);
  const incidents = useMemo(() => incidentEntities(sources.incidents), [sources.incidents]);
  const screens = useMemo(
    () =>
      ALL_SCREENS.map<PaletteEntity>((screen) => ({
        id: `screen:${screen.id}`,
        kind: 'screen',
        label: t(screen.labelKey),
        terms: searchTerms(t(screen.labelKey), ...screen.keywords),
        href: `#/${screen.id}`,
        Icon: screen.Icon,
      })),
    [t],
  );

  const entities = useMemo(
    () => [...containers, ...compose, ...registry, ...hosts, ...problems, ...incidents, ...screens],
    [containers, compose, registry, hosts, problems, incidents, screens],
  );
  const byId = useMemo(() => new Map(entities.map((e) => [e.id, e])), [entities]);
  // What is open when the palette opens (the route cannot change while it is open).
  const [hash] = useState(() => window.location.hash);
  const selection = useMemo(
    () => selectionActions(hash, sources.containers, (eventid) => sources.problems.find((p) => p.eventid === eventid)?.name, t),
    [hash, sources.containers, sources.problems, t],
  );
  return { entities, byId, selection };
}

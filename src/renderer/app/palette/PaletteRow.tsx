import { Command } from 'cmdk';
import type { ComponentType, ReactNode } from 'react';
import { IconAlert, IconArrow, IconConnections, IconContainers, IconIncidents, IconRegistry, IconTopology } from '../../components/icons';
import { useT } from '../../i18n';
import type { EntityKind, PaletteEntity } from './palette-entities';

const KIND_ICONS: Record<EntityKind, ComponentType> = {
  container: IconContainers,
  service: IconTopology,
  instance: IconRegistry,
  host: IconConnections,
  problem: IconAlert,
  incident: IconIncidents,
  screen: IconArrow,
  action: IconArrow,
};

/** One palette row: icon, name, a muted detail, and the entity's kind at the right. */
export function PaletteRow({ entity, icon, onSelect }: { entity: PaletteEntity; icon?: ReactNode; onSelect(): void }) {
  const t = useT();
  const Icon = entity.Icon ?? KIND_ICONS[entity.kind];
  return (
    <Command.Item
      className="palette__item"
      value={entity.id}
      onSelect={onSelect}
      data-testid="palette-row"
      data-kind={entity.kind}
      data-id={entity.id}
      data-label={entity.label}
      data-logs={entity.logsHref ? 'true' : undefined}
    >
      <span className={`palette__item-icon${entity.tone ? ` palette__item-icon--${entity.tone}` : ''}`}>{icon ?? <Icon />}</span>
      <span className="palette__item-text">
        <span className="palette__item-label">{entity.label}</span>
        {entity.detail && <span className="palette__item-detail">{entity.detail}</span>}
      </span>
      <span className={`palette__kind palette__kind--${entity.kind}`}>{t(`palette.kind.${entity.kind}`)}</span>
    </Command.Item>
  );
}

import type { SVGProps } from 'react';
import type { TimelineKind } from './timeline-filter';
import { IconAlert, IconAudit, IconContainers, IconRegistry } from '../../components/icons';

const ICONS = { docker: IconContainers, registry: IconRegistry, zabbix: IconAlert, audit: IconAudit } as const;

/** The icon of an event's source: Docker, the registry, Zabbix, or this console's own actions. */
export function KindIcon({ kind, ...props }: { kind: TimelineKind } & SVGProps<SVGSVGElement>) {
  const Icon = ICONS[kind];
  return <Icon width={14} height={14} {...props} />;
}

/** The class that gives an incident its colour (`--tl-g`). */
export function groupClass(color: number): string {
  return `tl-g${color}`;
}

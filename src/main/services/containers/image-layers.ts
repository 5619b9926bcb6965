import type { ImageLayers } from '../../../shared/domain';

export interface HistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Size: number;
  Comment: string;
}

type Role = ImageLayers['layers'][number]['role'];

/**
 * Splits an image's layers over the platform's convention: OS base, middleware,
 * application. Docker lists history newest first. The oldest layer with content is the
 * base, the newest with content is the application, everything between is middleware.
 * An image is flagged when its application layer is not the small top one.
 */
export function analyseLayers(engine: string, image: string, history: HistoryEntry[]): ImageLayers {
  const oldestFirst = [...history].reverse();
  const withContent = oldestFirst.filter((l) => l.Size > 0);
  const baseLayer = withContent[0];
  const appLayer = withContent.length > 1 ? withContent[withContent.length - 1] : undefined;
  const roleOf = (layer: HistoryEntry): Role => {
    if (layer.Size === 0) return 'empty';
    if (layer === baseLayer) return 'base';
    if (layer === appLayer) return 'application';
    return 'middleware';
  };
  const layers = oldestFirst.map((l) => ({
    id: l.Id === '<missing>' ? '' : l.Id,
    created: l.Created * 1000,
    createdBy: l.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, ''),
    size: l.Size,
    comment: l.Comment,
    role: roleOf(l),
  }));
  const split = { base: 0, middleware: 0, application: 0 };
  for (const layer of layers) if (layer.role !== 'empty') split[layer.role] += layer.size;
  const totalSize = split.base + split.middleware + split.application;

  let warning: string | undefined;
  if (withContent.length < 3) {
    warning = `Has ${withContent.length} layer${withContent.length === 1 ? '' : 's'} with content; the convention is three (OS base, middleware, application).`;
  } else if (split.application > split.middleware || split.application > split.base) {
    warning = `The application layer (${split.application} bytes) is larger than the ${split.application > split.base ? 'base' : 'middleware'} layer: it is not the small top layer the convention expects.`;
  }
  return { engine, image, totalSize, layers: layers.reverse(), split, warning };
}

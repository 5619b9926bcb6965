import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

interface VirtualTableOptions {
  count: number;
  rowHeight: number;
  /** The sticky header's height: the rows start below it, and scrolling to a row keeps it clear. */
  headerHeight: number;
  overscan: number;
  getItemKey?(index: number): string | number;
}

/**
 * A table of many rows with only those in view in the DOM: the scrolling element's ref, the
 * rows to render, and the heights of the spacer rows above and below them.
 */
export function useVirtualTable({ count, rowHeight, headerHeight, overscan, getItemKey }: VirtualTableOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    ...(getItemKey ? { getItemKey } : {}),
    overscan,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    scrollRef,
    virtualizer,
    rows,
    padTop: first ? first.start - headerHeight : 0,
    padBottom: last ? virtualizer.getTotalSize() - last.end : 0,
  };
}

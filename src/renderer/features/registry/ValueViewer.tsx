import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { formatBytes } from '../../core/bytes';
import { useT } from '../../i18n';
import {
  bytesToDisplayText,
  clip,
  HEX_BYTES_PER_LINE,
  hexLine,
  hexLineCount,
  hexLineWidth,
  prettyJson,
  VALUE_PREVIEW_LIMIT,
  valueBytes,
  type ValueMode,
} from './value-format';

interface ValueViewerProps {
  value: string;
  encoding: 'utf8' | 'base64';
  size: number;
  mode: ValueMode;
  valueKind?: string;
}

const HEX_ROW = 18;

/**
 * A key's whole value as text, pretty JSON or a hex dump, in its own scrolling box. Only the first
 * 64 KB is laid out until "show all"; the hex dump only renders the lines in view.
 * (Give it a `key` per value so "show all" starts over for the next one.)
 */
export function ValueViewer({ value, encoding, size, mode, valueKind }: ValueViewerProps) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const limit = showAll ? Infinity : VALUE_PREVIEW_LIMIT;
  const bytes = useMemo(() => (mode === 'hex' || encoding === 'base64' ? valueBytes(value, encoding) : undefined), [value, encoding, mode]);

  const text = useMemo(() => {
    if (mode === 'hex') return undefined;
    if (encoding === 'base64') {
      const all = bytes!;
      return { text: bytesToDisplayText(all.subarray(0, limit)), clipped: all.length > limit, jsonError: mode === 'json' ? 'binary' : undefined };
    }
    if (mode === 'json') {
      const pretty = prettyJson(value);
      if (pretty.ok) return { ...clip(pretty.text, limit), jsonError: undefined };
      return { ...clip(value, limit), jsonError: pretty.error };
    }
    return { ...clip(value, limit), jsonError: undefined };
  }, [mode, encoding, value, bytes, limit]);

  const hexShown = bytes ? Math.min(bytes.length, limit) : 0;
  const clipped = mode === 'hex' ? !!bytes && bytes.length > hexShown : !!text?.clipped;

  return (
    <div className="reg-value" data-testid="registry-value" data-kind={mode} data-value-kind={valueKind} data-clipped={String(clipped)}>
      {text?.jsonError && (
        <p className="reg-value__note" data-testid="registry-value-not-json">
          {text.jsonError === 'binary' ? t('registry.value.binaryNotJson') : t('registry.value.notJson', { message: text.jsonError })}
        </p>
      )}
      {mode === 'hex' && bytes ? (
        <HexView bytes={bytes} shown={hexShown} />
      ) : (
        <pre className="reg-value__text">{text?.text === '' ? <span className="muted">{t('registry.value.empty')}</span> : text?.text}</pre>
      )}
      {clipped && (
        <div className="reg-value__clipped">
          <span>{t('registry.value.clipped', { shown: formatBytes(VALUE_PREVIEW_LIMIT), size: formatBytes(size) })}</span>
          <button type="button" className="btn btn--small" onClick={() => setShowAll(true)} data-testid="registry-value-show-all">
            {t('registry.value.showAll')}
          </button>
        </div>
      )}
    </div>
  );
}

function HexView({ bytes, shown }: { bytes: Uint8Array; shown: number }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const probeRef = useRef<HTMLSpanElement>(null);
  const perLine = useBytesPerLine(scrollRef, probeRef);
  const count = hexLineCount(shown, perLine);
  const visible = useMemo(() => bytes.subarray(0, shown), [bytes, shown]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => HEX_ROW,
    overscan: 20,
  });
  return (
    <div className="reg-value__hex" ref={scrollRef} data-per-line={perLine}>
      <span className="reg-value__hex-probe" ref={probeRef} aria-hidden="true">
        0000000000
      </span>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={row.key} className="reg-value__hex-line" style={{ position: 'absolute', top: 0, left: 0, transform: `translateY(${row.start}px)`, height: HEX_ROW }}>
            {hexLine(visible, row.index * perLine, perLine)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** 16 bytes a line when the box is wide enough for them, else 8 (measured with the monospace width). */
function useBytesPerLine(box: RefObject<HTMLElement | null>, probe: RefObject<HTMLElement | null>): number {
  const [perLine, setPerLine] = useState(HEX_BYTES_PER_LINE);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const ch = (probe.current?.offsetWidth ?? 70) / 10;
      setPerLine(element.clientWidth >= hexLineWidth(16) * ch + 24 ? 16 : 8);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [box, probe]);
  return perLine;
}

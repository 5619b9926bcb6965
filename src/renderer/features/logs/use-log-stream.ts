import { useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api';
import { linesOf, type LogEvent, type LogLine, type LogSelection } from '../../../shared/domain';
import { LogBuffer } from './log-buffer';

export interface SourceState {
  src: string;
  engine: string;
  id: string;
  name: string;
  state: string;
  error?: string;
}

export interface LogStreamOptions {
  selection?: LogSelection;
  tail: number;
  since?: string;
  until?: string;
  cap: number;
  paused: boolean;
}

/** Longest a line waits before it is shown; also the shortest time between two renders. */
const FLUSH_MS = 100;
/**
 * Under a flood (this many lines or more applied at the last render) the view renders at most
 * every FLOOD_FLUSH_MS: nobody reads lines going by at that rate, and each render costs the
 * renderer the time it would spend reading the socket.
 */
const FLOOD_LINES = 5_000;
const FLOOD_FLUSH_MS = 250;

/**
 * Subscribes to logs.tail and keeps a bounded buffer. Lines arriving are applied at most
 * every FLUSH_MS, in an animation frame (however fast they come). While paused, lines are
 * held (bounded too) and counted, and applied on resume: the view stops, the stream does not.
 */
export function useLogStream(options: LogStreamOptions) {
  const buffer = useRef(new LogBuffer(options.cap));
  const pending = useRef<LogLine[]>([]);
  const held = useRef<LogLine[]>([]);
  const [version, setVersion] = useState(0);
  const [sources, setSources] = useState<Record<string, SourceState>>({});
  const [error, setError] = useState<string>();
  const [historyDone, setHistoryDone] = useState(false);
  const pausedRef = useRef(options.paused);
  const heldDropped = useRef(0);
  pausedRef.current = options.paused;
  const key = JSON.stringify([options.selection, options.tail, options.since, options.until]);

  useEffect(() => {
    if (!options.selection) return;
    buffer.current = new LogBuffer(options.cap);
    pending.current = [];
    held.current = [];
    heldDropped.current = 0;
    setSources({});
    setError(undefined);
    setHistoryDone(false);
    setVersion((v) => v + 1);
    let frame = 0;
    let timer = 0;
    let lastFlush = 0;
    let lastFlushLines = 0;
    const flush = () => {
      frame = 0;
      timer = 0;
      lastFlush = performance.now();
      lastFlushLines = pending.current.length;
      if (pausedRef.current) {
        held.current.push(...pending.current);
        const over = held.current.length - options.cap;
        if (over > 0) {
          held.current.splice(0, over);
          heldDropped.current += over;
        }
      } else {
        if (held.current.length) {
          buffer.current.add(held.current);
          buffer.current.dropped += heldDropped.current;
          held.current = [];
          heldDropped.current = 0;
        }
        buffer.current.add(pending.current);
      }
      pending.current = [];
      setVersion((v) => v + 1);
    };
    const unsubscribe = client.subscribe(
      'logs.tail',
      { selection: options.selection, tail: options.tail, since: options.since, until: options.until, follow: !options.until },
      {
        onItems(items: LogEvent[]) {
          for (const item of items) {
            if (Array.isArray(item) || item.kind === 'lines') linesOf(item, pending.current);
            else if (item.kind === 'source') {
              setSources((all) => ({ ...all, [item.src]: { src: item.src, engine: item.engine, id: item.id, name: item.name, state: item.state, error: item.error?.message } }));
            } else setHistoryDone(true);
          }
          // At most one render per FLUSH_MS (FLOOD_FLUSH_MS under a flood): the frames go to reading the socket, not to layout.
          if (frame || timer) return;
          const wait = (lastFlushLines >= FLOOD_LINES ? FLOOD_FLUSH_MS : FLUSH_MS) - (performance.now() - lastFlush);
          if (wait > 0) timer = window.setTimeout(() => (frame = requestAnimationFrame(flush)), wait);
          else frame = requestAnimationFrame(flush);
        },
        onEnd(err) {
          if (err) setError(errorMessage(err));
        },
      },
    );
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      if (timer) window.clearTimeout(timer);
    };
  }, [key, options.cap]);

  // Resuming applies what was held at once.
  useEffect(() => {
    if (options.paused || held.current.length === 0) return;
    buffer.current.add(held.current);
    buffer.current.dropped += heldDropped.current;
    held.current = [];
    heldDropped.current = 0;
    setVersion((v) => v + 1);
  }, [options.paused]);

  return {
    buffer: buffer.current,
    version,
    sources,
    error,
    historyDone,
    heldCount: held.current.length + heldDropped.current,
    /** Re-render after the buffer was changed from outside (load earlier). */
    refresh: () => setVersion((v) => v + 1),
  };
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { client, errorMessage } from '../../api';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { isLogLine, type ContainerSummary, type LogLine as WireLine, type LogSelection } from '../../../shared/domain';
import { levelOf, makeMatcher, type LogLevel } from './log-buffer';
import { LogLine, sourceColour } from './LogLine';
import { useLogStream } from './use-log-stream';
import './logs.css';

const LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug'];
const CAP = 100_000;

function useQuery(): URLSearchParams {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

function selectionFrom(query: URLSearchParams): LogSelection | undefined {
  const engine = query.get('engine');
  const id = query.get('id');
  if (engine && id) return { containers: [{ engine, id }] };
  const project = query.get('project');
  const service = query.get('service');
  if (project && service) return { service: { project, service } };
  return undefined;
}

/** Logs of a container, a service or a selection: merged in time order, bounded, searchable. */
export function LogsScreen() {
  const query = useQuery();
  const selectionKey = query.toString();
  const selection = useMemo(() => selectionFrom(query), [selectionKey]);
  if (!selection) return <LogPicker />;
  // A new selection starts a fresh view (filters, search and pause do not carry over).
  return <LogView key={selectionKey} selection={selection} query={query} />;
}

function LogView({ selection, query }: { selection: LogSelection; query: URLSearchParams }) {
  const t = useT();
  const [tail, setTail] = useState(1000);
  const [range, setRange] = useState<{ since?: string; until?: string }>({ since: query.get('since') ?? undefined, until: query.get('until') ?? undefined });
  const [paused, setPaused] = useState(false);
  const [timestamps, setTimestamps] = useState(true);
  const [wrap, setWrap] = useState(false);
  const [search, setSearch] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const [levels, setLevels] = useState<Record<LogLevel, boolean>>({ error: true, warn: true, info: true, debug: true });
  const [current, setCurrent] = useState(-1);
  const stream = useLogStream({ selection, tail, since: range.since, until: range.until, cap: CAP, paused });
  const { buffer, version } = stream;

  const matcher = useMemo(() => makeMatcher(search, regex, caseSensitive), [search, regex, caseSensitive]);
  const levelFilter = LEVELS.some((l) => !levels[l]);
  // Indices of the lines shown (undefined: all of them), and the matching ones.
  const { shown, matches } = useMemo(() => {
    const lines = buffer.lines;
    const matches: number[] = [];
    if (!levelFilter && !matcher.test) return { shown: undefined, matches };
    const shown: number[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      // A line with no level counts as info.
      if (levelFilter && !levels[levelOf(line) ?? 'info']) continue;
      const hit = matcher.test?.(line.m) ?? false;
      if (hit) matches.push(shown.length);
      if (onlyMatching && matcher.test && !hit) continue;
      shown.push(i);
    }
    if (onlyMatching && matcher.test) return { shown, matches: shown.map((_, i) => i) };
    return { shown, matches };
  }, [version, matcher, levels, levelFilter, onlyMatching, buffer]);

  const count = shown ? shown.length : buffer.lines.length;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => 20, overscan: 30 });

  useEffect(() => {
    if (!paused && atBottom.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [version, count, paused]);

  const goto = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next = current < 0 ? (direction === 1 ? 0 : matches.length - 1) : (current + direction + matches.length) % matches.length;
    setCurrent(next);
    atBottom.current = false;
    virtualizer.scrollToIndex(matches[next]!, { align: 'center' });
  };

  const labels = useMemo(() => {
    const map: Record<string, string> = {};
    for (const source of Object.values(stream.sources)) map[source.src] = `${source.engine}/${source.name}`;
    return map;
  }, [stream.sources]);

  const firstContainer = selection.containers?.[0];

  return (
    <div className="logs-screen">
      <ScreenHeader
        title={t('nav.logs')}
        subtitle={selection.service ? `${selection.service.project}/${selection.service.service}` : Object.values(stream.sources).map((s) => s.name).join(', ')}
        actions={
          <div className="logs-actions">
            {firstContainer && (
              <a className="btn btn--small" href={`#/terminal?engine=${encodeURIComponent(firstContainer.engine)}&id=${encodeURIComponent(firstContainer.id)}`}>
                {t('logs.openTerminal')}
              </a>
            )}
            <DownloadButton selection={selection} since={range.since} until={range.until} />
          </div>
        }
      />
      <div className="logs-toolbar">
        <label className="logs-field">
          {t('logs.tail')}
          <input className="input input--narrow" type="number" min={0} max={1000000} value={tail} onChange={(e) => setTail(Math.max(0, Math.min(1_000_000, Number(e.target.value) || 0)))} data-testid="log-tail" />
        </label>
        <RangeInputs range={range} onApply={setRange} />
        <label className="logs-check"><input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} data-testid="log-timestamps" />{t('logs.timestamps')}</label>
        <label className="logs-check"><input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} data-testid="log-wrap" />{t('logs.wrap')}</label>
        {LEVELS.map((level) => (
          <label key={level} className={`logs-check logs-level logs-level--${level}`}>
            <input type="checkbox" checked={levels[level]} onChange={(e) => setLevels({ ...levels, [level]: e.target.checked })} data-testid={`log-level-${level}`} />
            {level.toUpperCase()}
          </label>
        ))}
        <button type="button" className={`btn btn--small${paused ? ' btn--primary' : ''}`} onClick={() => setPaused((p) => !p)} data-testid="log-pause">
          {paused ? t('logs.resume') : t('logs.pause')}
        </button>
        {paused && <span className="logs-badge" data-testid="log-paused-count">{t('logs.pausedCount', { count: stream.heldCount })}</span>}
      </div>
      <div className="logs-toolbar">
        <input className="input logs-search" placeholder={t('logs.search')} value={search} onChange={(e) => { setSearch(e.target.value); setCurrent(-1); }} data-testid="log-search" />
        <label className="logs-check"><input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} data-testid="log-search-regex" />{t('logs.regex')}</label>
        <label className="logs-check"><input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} data-testid="log-search-case" />{t('logs.case')}</label>
        <label className="logs-check"><input type="checkbox" checked={onlyMatching} onChange={(e) => setOnlyMatching(e.target.checked)} data-testid="log-only-matching" />{t('logs.onlyMatching')}</label>
        <span className="logs-count" data-testid="log-match-count" data-count={matches.length}>{search ? t('logs.matches', { count: matches.length }) : ''}</span>
        <button type="button" className="btn btn--small" onClick={() => goto(-1)} data-testid="log-search-prev" aria-label={t('logs.prev')}>↑</button>
        <button type="button" className="btn btn--small" onClick={() => goto(1)} data-testid="log-search-next" aria-label={t('logs.next')}>↓</button>
        {matcher.error && <span className="logs-error">{t('logs.badRegex', { message: matcher.error })}</span>}
      </div>
      <div className="logs-sources">
        {Object.values(stream.sources).map((source) => (
          <span key={source.src} className={`logs-source logs-source--${source.state}`} data-testid="log-source" data-name={source.name} data-state={source.state} title={source.error}>
            <span className="logs-source__dot" style={{ background: sourceColour(source.src) }} />
            {source.engine}/{source.name} · {source.state}
          </span>
        ))}
        <LoadEarlier selection={selection} oldest={buffer.lines[0]?.ts} count={tail || 1000} onLines={(lines) => { buffer.prepend(lines); setCurrent(-1); stream.refresh(); }} />
        <span className="logs-stats">{t('logs.lines', { lines: buffer.lines.length })}</span>
        {buffer.dropped > 0 && <span className="logs-dropped">{t('logs.dropped', { dropped: buffer.dropped, cap: CAP })}</span>}
      </div>
      {stream.error && <div className="logs-banner">{t('logs.error', { message: stream.error })}</div>}
      <div
        ref={scrollRef}
        className={`logs-view${wrap ? ' logs-view--wrap' : ''}`}
        data-testid="log-view"
        data-lines={buffer.lines.length}
        data-dropped={buffer.dropped}
        data-paused={String(paused)}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 40;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = buffer.lines[shown ? shown[item.index]! : item.index];
            if (!line) return null;
            return (
              <div key={line.seq} data-index={item.index} ref={wrap ? virtualizer.measureElement : undefined} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}>
                <LogLine
                  line={line}
                  label={labels[line.src] ?? line.src}
                  showTimestamp={timestamps}
                  query={matcher.error ? '' : search}
                  regex={regex}
                  caseSensitive={caseSensitive}
                  current={current >= 0 && matches[current] === item.index}
                />
              </div>
            );
          })}
        </div>
        {count === 0 && <p className="muted logs-empty">{t('logs.noLines')}</p>}
      </div>
    </div>
  );
}

/** Fetches the N lines before the oldest one shown, from Docker, and puts them in front. */
function LoadEarlier({ selection, oldest, count, onLines }: { selection: LogSelection; oldest?: string; count: number; onLines: (lines: WireLine[]) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const load = () => {
    if (!oldest) return;
    setBusy(true);
    const lines: WireLine[] = [];
    client.subscribe('logs.tail', { selection, until: oldest, tail: count, follow: false }, {
      onItems(items) {
        for (const item of items) if (isLogLine(item) && item[1] < oldest) lines.push(item);
      },
      onEnd() {
        setBusy(false);
        onLines(lines);
      },
    });
  };
  return (
    <button type="button" className="btn btn--small" disabled={!oldest || busy} onClick={load} data-testid="log-load-earlier">
      {t('logs.loadEarlier')}
    </button>
  );
}

function RangeInputs({ range, onApply }: { range: { since?: string; until?: string }; onApply: (r: { since?: string; until?: string }) => void }) {
  const t = useT();
  const [since, setSince] = useState(range.since ? range.since.slice(0, 19) : '');
  const [until, setUntil] = useState(range.until ? range.until.slice(0, 19) : '');
  const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);
  return (
    <span className="logs-range">
      <label className="logs-field">{t('logs.since')}<input className="input" type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} /></label>
      <label className="logs-field">{t('logs.until')}<input className="input" type="datetime-local" step={1} value={until} onChange={(e) => setUntil(e.target.value)} /></label>
      <button type="button" className="btn btn--small" onClick={() => onApply({ since: toIso(since), until: toIso(until) })}>{t('logs.applyRange')}</button>
      {(range.since || range.until) && <button type="button" className="btn btn--small" onClick={() => { setSince(''); setUntil(''); onApply({}); }}>{t('logs.follow')}</button>}
    </span>
  );
}

function DownloadButton({ selection, since, until }: { selection: LogSelection; since?: string; until?: string }) {
  const t = useT();
  const [format, setFormat] = useState<'text' | 'jsonl'>('text');
  const [bytes, setBytes] = useState<number>();
  const cancel = useRef<() => void>(undefined);
  const start = () => {
    const parts: string[] = [];
    setBytes(0);
    cancel.current = client.subscribe('logs.export', { selection, since, until, format }, {
      onItems(items) {
        for (const item of items) {
          if (item.kind === 'chunk') {
            parts.push(item.data);
            setBytes((b) => (b ?? 0) + item.data.length);
          }
        }
      },
      onEnd(error) {
        setBytes(undefined);
        if (error) return void alert(errorMessage(error));
        const url = URL.createObjectURL(new Blob(parts, { type: 'text/plain' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = `logs-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'jsonl' ? 'jsonl' : 'log'}`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    });
  };
  if (bytes !== undefined)
    return (
      <span className="logs-download">
        {t('logs.downloading', { bytes })}
        <button type="button" className="btn btn--small" onClick={() => { cancel.current?.(); setBytes(undefined); }}>{t('logs.cancel')}</button>
      </span>
    );
  return (
    <span className="logs-download">
      <select className="select select--narrow" value={format} onChange={(e) => setFormat(e.target.value as 'text' | 'jsonl')}>
        <option value="text">text</option>
        <option value="jsonl">JSON lines</option>
      </select>
      <button type="button" className="btn btn--small" onClick={start} data-testid="log-download">{t('logs.download')}</button>
    </span>
  );
}

/** Without a selection: choose a service or a container from every engine. */
function LogPicker() {
  const t = useT();
  const [containers, setContainers] = useState<ContainerSummary[]>([]);
  useEffect(() => {
    void client.invoke('containers.list', {}).then((engines) => setContainers(engines.flatMap((e) => (e.ok ? e.containers : []))));
  }, []);
  const services = [...new Set(containers.filter((c) => c.project && c.service).map((c) => `${c.project}/${c.service}`))].sort();
  return (
    <div className="logs-screen">
      <ScreenHeader title={t('nav.logs')} subtitle={t('logs.subtitle')} />
      <div className="logs-picker">
        <h2>{t('logs.pick.title')}</h2>
        <label className="logs-field">
          {t('logs.pick.service')}
          <select className="select" defaultValue="" onChange={(e) => { const [project, service] = e.target.value.split('/'); if (project && service) window.location.hash = `#/logs?project=${encodeURIComponent(project)}&service=${encodeURIComponent(service)}`; }} data-testid="log-pick-service">
            <option value="">{t('logs.pick.none')}</option>
            {services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="logs-field">
          {t('logs.pick.container')}
          <select className="select" defaultValue="" onChange={(e) => { const [engine, id] = e.target.value.split('\u0000'); if (engine && id) window.location.hash = `#/logs?engine=${encodeURIComponent(engine)}&id=${encodeURIComponent(id)}`; }} data-testid="log-pick-container">
            <option value="">{t('logs.pick.none')}</option>
            {containers.map((c) => <option key={`${c.engine}/${c.id}`} value={`${c.engine}\u0000${c.id}`}>{c.engine}/{c.name}</option>)}
          </select>
        </label>
      </div>
    </div>
  );
}

import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { TimelineEvent } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { formatBytes } from '../../core/bytes';
import { Spinner } from '../../components/Spinner';
import { useEscapeKey } from '../../components/use-escape-key';
import { useT } from '../../i18n';
import { applySnapshotEvents, assembleArchive, EMPTY_PROGRESS, preselectServices, serviceOptions, type SnapshotProgress } from './snapshot';
import { fromLocalInput, MAX_SNAPSHOT_MS, spanParts, toLocalInput, type TimeWindow } from './time-range';
import { useFleetContainers } from './use-timeline';

interface SnapshotDialogProps {
  initial: TimeWindow;
  /** The events the user is looking at: the services of their errors are ticked first. */
  visible: readonly TimelineEvent[];
  onClose(): void;
}

type Phase = 'edit' | 'running' | 'done' | 'failed';

/** Saves the blob under `fileName` through a temporary link (the browser's download). */
function download(blob: Blob, fileName: string): string {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  return url;
}

/**
 * The incident snapshot: a window and the compose services whose logs and containers go in;
 * Export shows the backend's progress, then downloads the archive by itself and says where
 * the console also saved it.
 */
export function SnapshotDialog({ initial, visible, onClose }: SnapshotDialogProps) {
  const t = useT();
  const titleId = useId();
  const [fromText, setFromText] = useState(() => toLocalInput(initial.from));
  const [toText, setToText] = useState(() => toLocalInput(initial.to));
  const fleet = useFleetContainers(true);
  const options = useMemo(() => serviceOptions(fleet.containers), [fleet.containers]);
  const preselected = useMemo(() => preselectServices(visible, fleet.containers), [visible, fleet.containers]);
  /** What the user ticked; until they touch a box, the preselection. */
  const [chosen, setChosen] = useState<Set<string>>();
  const selected = chosen ?? preselected;
  const [phase, setPhase] = useState<Phase>('edit');
  const [progress, setProgress] = useState<SnapshotProgress>(EMPTY_PROGRESS);
  const [failure, setFailure] = useState<string>();
  const [url, setUrl] = useState<string>();
  const stopRef = useRef<() => void>(undefined);
  const messagesRef = useRef<HTMLOListElement>(null);

  const from = fromLocalInput(fromText);
  const to = fromLocalInput(toText);
  const windowError =
    from === undefined || to === undefined ? t('timeline.snapshot.badTime') : to <= from ? t('timeline.snapshot.badOrder') : to - from > MAX_SNAPSHOT_MS ? t('timeline.snapshot.tooLong') : undefined;
  const span = from !== undefined && to !== undefined && to > from ? spanParts(to - from) : undefined;
  const chosenServices = options.filter((o) => selected.has(o.key));

  useEffect(() => () => stopRef.current?.(), []);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);
  useEscapeKey(onClose);
  useEffect(() => {
    messagesRef.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [progress.messages.length]);

  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (windowError || from === undefined || to === undefined || phase === 'running') return;
    setPhase('running');
    setFailure(undefined);
    setProgress(EMPTY_PROGRESS);
    let state = EMPTY_PROGRESS;
    let finished = false;
    const services = chosenServices.map((o) => ({ project: o.project, service: o.service }));
    stopRef.current = client.subscribe('snapshot.export', { from, to, services }, {
      onItems(items) {
        state = applySnapshotEvents(state, items);
        setProgress(state);
        if (state.done && !finished) {
          finished = true;
          setUrl(download(assembleArchive(state.chunks), state.done.fileName));
          setPhase('done');
        }
      },
      onEnd(error) {
        stopRef.current = undefined;
        if (finished) return;
        setFailure(error ? errorMessage(error) : t('timeline.snapshot.endedEarly'));
        setPhase('failed');
      },
    });
  };

  const cancel = () => {
    stopRef.current?.();
    stopRef.current = undefined;
    setPhase('edit');
    setProgress(EMPTY_PROGRESS);
  };

  const done = phase === 'done' ? progress.done : undefined;
  const editable = phase === 'edit' || phase === 'failed';

  return (
    <div className="dialog-overlay" onMouseDown={(event) => event.target === event.currentTarget && phase !== 'running' && onClose()}>
      <div className="dialog tl-snap" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="snapshot-dialog" data-phase={phase}>
        <form onSubmit={start}>
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {t('timeline.snapshot.title')}
            </h2>
          </header>
          <div className="dialog__body">
            <p className="dialog__describe">{t('timeline.snapshot.describe')}</p>
            <fieldset className="tl-snap__window" disabled={!editable}>
              <legend className="section-title">{t('timeline.snapshot.window')}</legend>
              <label className="field">
                <span>{t('timeline.snapshot.from')}</span>
                <input className="input mono" type="datetime-local" step={1} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="snapshot-from" />
              </label>
              <label className="field">
                <span>{t('timeline.snapshot.to')}</span>
                <input className="input mono" type="datetime-local" step={1} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="snapshot-to" />
              </label>
              {windowError ? (
                <span className="text-error tl-snap__hint">{windowError}</span>
              ) : (
                span && (
                  <span className="muted tl-snap__hint">
                    {span.d > 0
                      ? t('duration.dh', { d: span.d, h: span.h })
                      : span.h > 0
                        ? t('duration.hm', { h: span.h, m: span.m })
                        : span.m > 0
                          ? t('duration.ms', { m: span.m, s: span.s })
                          : t('duration.s', { s: span.s })}
                  </span>
                )
              )}
            </fieldset>

            <fieldset className="tl-snap__services" disabled={!editable}>
              <legend className="section-title">
                {t('timeline.snapshot.services')}
                <span className="section-title__count">{t('timeline.snapshot.chosen', { chosen: chosenServices.length, total: options.length })}</span>
                <span className="tl-snap__bulk">
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setChosen(new Set(options.map((o) => o.key)))}>
                    {t('timeline.snapshot.all')}
                  </button>
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setChosen(new Set())}>
                    {t('timeline.snapshot.none')}
                  </button>
                </span>
              </legend>
              {!fleet.loaded && options.length === 0 ? (
                <p className="loading-line muted">
                  <Spinner /> {t('timeline.snapshot.loadingServices')}
                </p>
              ) : options.length === 0 ? (
                <p className="muted">{t('timeline.snapshot.noServices')}</p>
              ) : (
                <ul className="tl-snap__list">
                  {options.map((option) => (
                    <li key={option.key}>
                      <label className="checkbox tl-snap__service">
                        <input
                          type="checkbox"
                          checked={selected.has(option.key)}
                          onChange={(e) => toggle(option.key, e.target.checked)}
                          data-testid="snapshot-service"
                          data-service={option.key}
                        />
                        <span className="mono tl-snap__name">{option.key}</span>
                        {option.environments.map((env) => (
                          <span key={env} className="tag">
                            {env}
                          </span>
                        ))}
                        <span className={option.running < option.replicas ? 'tl-snap__count text-error' : 'tl-snap__count muted'}>
                          {t('timeline.snapshot.replicas', { running: option.running, total: option.replicas })}
                        </span>
                        {preselected.has(option.key) && <span className="badge badge--error">{t('timeline.snapshot.hasErrors')}</span>}
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {fleet.error && <p className="text-error">{fleet.error}</p>}
            </fieldset>

            {phase !== 'edit' && (
              <div className="tl-snap__progress" aria-live="polite">
                <ol className="tl-snap__messages mono" ref={messagesRef} data-testid="snapshot-progress">
                  {progress.messages.map((message, index) => (
                    <li key={index}>
                      {phase === 'running' && index === progress.messages.length - 1 ? <Spinner /> : <span className="tl-snap__tick">✓</span>}
                      {message}
                    </li>
                  ))}
                  {phase === 'running' && progress.messages.length === 0 && (
                    <li>
                      <Spinner /> {t('timeline.snapshot.starting')}
                    </li>
                  )}
                </ol>
                {phase === 'running' && progress.received > 0 && <p className="muted">{t('timeline.snapshot.received', { size: formatBytes(progress.received) })}</p>}
              </div>
            )}

            {done && (
              <div className="tl-snap__done" role="status" data-testid="snapshot-done" data-bytes={done.bytes} data-file={done.fileName}>
                <div className="tl-snap__done-title">{t('timeline.snapshot.done', { files: done.files.length })}</div>
                <dl className="kv">
                  <div className="kv__row">
                    <dt>{t('timeline.snapshot.file')}</dt>
                    <dd className="mono selectable">{done.fileName}</dd>
                  </div>
                  <div className="kv__row">
                    <dt>{t('timeline.snapshot.size')}</dt>
                    <dd>{formatBytes(done.bytes)}</dd>
                  </div>
                  <div className="kv__row">
                    <dt>{t('timeline.snapshot.savedAt')}</dt>
                    <dd className="mono selectable" title={done.path}>
                      {done.path}
                    </dd>
                  </div>
                </dl>
                {url && (
                  <a className="btn btn--small tl-snap__again" href={url} download={done.fileName} data-testid="snapshot-download">
                    {t('timeline.snapshot.downloadAgain')}
                  </a>
                )}
              </div>
            )}

            {failure && (
              <div className="dialog__summary dialog__summary--error" role="alert" data-testid="snapshot-error">
                {t('timeline.snapshot.failed', { message: failure })}
              </div>
            )}
          </div>
          <footer className="dialog__footer">
            {phase === 'running' ? (
              <button type="button" className="btn" onClick={cancel}>
                {t('timeline.snapshot.cancel')}
              </button>
            ) : (
              <button type="button" className="btn" onClick={onClose} data-testid="snapshot-close">
                {t('timeline.snapshot.close')}
              </button>
            )}
            {phase !== 'done' && (
              <button type="submit" className="btn btn--primary" disabled={!!windowError || phase === 'running'} data-testid="snapshot-export">
                {phase === 'running' && <Spinner />}
                {phase === 'failed' ? t('timeline.snapshot.retry') : t('timeline.snapshot.export')}
              </button>
            )}
          </footer>
        </form>
      </div>
    </div>
  );
}

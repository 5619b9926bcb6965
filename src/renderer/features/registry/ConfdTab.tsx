import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConfdPreview, RegistryView } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Spinner } from '../../components/Spinner';
import { formatClock } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useLanguage, useT } from '../../i18n';
import { upstreamTemplate } from '../../../shared/confd-template';
import { checkConfdInput, errorLine, parseKeysInput } from './confd-input';
import { defaultPreviewService, serviceId } from './services-view';
import { useResilientStream } from '../../api/use-resilient-stream';
import { useDebounced } from './use-stream';

const HISTORY = 30;

interface ChangeEntry {
  id: number;
  at: number;
  revision: string;
  changes: ConfdPreview['changes'];
}

/** What confd would write from a template, rendered live from the registry, with what changed and when. */
export function ConfdTab({ view }: { view?: RegistryView }) {
  const t = useT();
  const [language] = useLanguage();
  const services = useMemo(() => (view?.services ?? []).map(serviceId), [view]);
  const firstService = useMemo(() => defaultPreviewService(view?.services ?? []), [view]);
  const [service, setService] = useSessionState('registry.confd.service', '');
  const [template, setTemplate] = useSessionState<string | null>('registry.confd.template', null);
  const [prefix, setPrefix] = useSessionState('registry.confd.prefix', '/');
  const [keysText, setKeysText] = useSessionState('registry.confd.keys', '/');

  // Prefilled with the upstream template of a service, once the services are known.
  useEffect(() => {
    if (template !== null || !firstService) return;
    const chosen = service && services.includes(service) ? service : firstService;
    setService(chosen);
    setTemplate(upstreamTemplate(chosen));
  }, [template, firstService, service, services, setService, setTemplate]);

  const keys = useMemo(() => parseKeysInput(keysText), [keysText]);
  const inputProblem = checkConfdInput(prefix, keys);
  const request = useMemo(() => (template === null || inputProblem ? undefined : { template, prefix: prefix.trim(), keys }), [template, prefix, keys, inputProblem]);
  const settled = useDebounced(request, 400);
  const pendingTyping = JSON.stringify(settled) !== JSON.stringify(request);

  const [preview, setPreview] = useState<ConfdPreview>();
  const [lastOutput, setLastOutput] = useState<string>();
  const [history, setHistory] = useState<ChangeEntry[]>([]);
  const nextId = useRef(1);
  const settledKey = JSON.stringify(settled);
  useEffect(() => {
    setPreview(undefined);
    setLastOutput(undefined);
    setHistory([]);
  }, [settledKey]);

  const onItems = useCallback((items: ConfdPreview[]) => {
    const latest = items[items.length - 1];
    if (!latest) return;
    setPreview(latest);
    const withOutput = [...items].reverse().find((p) => p.output !== undefined);
    if (withOutput) setLastOutput(withOutput.output);
    const entries = items.filter((p) => p.changes.length > 0).map((p) => ({ id: nextId.current++, at: p.at, revision: p.revision, changes: p.changes }));
    if (entries.length) setHistory((list) => [...entries.reverse(), ...list].slice(0, HISTORY));
  }, []);
  const { error: streamError } = useResilientStream('confd.preview', settled, onItems);

  const failedLine = errorLine(preview?.error);
  // The select names the service whose upstream template is in the editor; "(custom)" once edited.
  const selected = services.includes(service) && template === upstreamTemplate(service) ? service : '';

  return (
    <div className="reg-confd">
      <div className="toolbar reg-confd__inputs">
        <label className="field">
          <span>{t('registry.confd.service')}</span>
          <select
            className="select select--compact"
            value={selected}
            onChange={(event) => {
              const next = event.target.value;
              setService(next);
              if (next) setTemplate(upstreamTemplate(next));
            }}
            data-testid="confd-service"
          >
            {selected === '' && <option value="">{t('registry.confd.custom')}</option>}
            {services.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('registry.confd.prefix')}</span>
          <input className="input mono reg-confd__prefix" value={prefix} onChange={(event) => setPrefix(event.target.value)} aria-invalid={inputProblem === 'prefix'} spellCheck={false} data-testid="confd-prefix" />
        </label>
        <label className="field reg-confd__keys-field">
          <span>{t('registry.confd.keys')}</span>
          <input className="input mono reg-confd__keys" value={keysText} onChange={(event) => setKeysText(event.target.value)} aria-invalid={inputProblem === 'keys'} placeholder="/search_PRE, /order_PRE" spellCheck={false} data-testid="confd-keys" />
        </label>
        <span className="toolbar__spacer" />
        <span className="reg-confd__status muted" data-testid="confd-status">
          {pendingTyping || (settled && !preview && !streamError) ? (
            <>
              <Spinner /> {t('registry.confd.rendering')}
            </>
          ) : preview ? (
            t('registry.confd.status', { keys: preview.keysLoaded, revision: preview.revision, time: formatClock(preview.at, language) })
          ) : null}
        </span>
      </div>
      {inputProblem && <ErrorBanner tone="warn" message={inputProblem === 'prefix' ? t('registry.confd.badPrefix') : t('registry.confd.badKeys')} />}
      {streamError && <ErrorBanner tone="warn" message={t('registry.confd.streamLost', { message: streamError })} />}

      <div className="reg-confd__panes">
        <section className="reg-confd__pane">
          <h2 className="section-title">{t('registry.confd.template')}</h2>
          <TemplateEditor value={template ?? ''} onChange={(value) => setTemplate(value)} errorAt={failedLine} label={t('registry.confd.template')} />
        </section>
        <section className="reg-confd__pane">
          <h2 className="section-title">
            {t('registry.confd.output')}
            {preview?.error && lastOutput !== undefined && <span className="reg-confd__stale">{t('registry.confd.lastGood')}</span>}
          </h2>
          {preview?.error && (
            <div className="reg-confd__error" role="alert" data-testid="confd-error" data-line={failedLine ?? ''}>
              <strong>{failedLine ? t('registry.confd.errorAt', { line: failedLine }) : t('registry.confd.errorTitle')}</strong>
              <span className="mono">{preview.error}</span>
            </div>
          )}
          <pre className={`reg-confd__output${preview?.error ? ' reg-confd__output--stale' : ''}`} data-testid="confd-output">
            {preview?.error ? (lastOutput ?? '') : (preview?.output ?? lastOutput ?? '')}
          </pre>
        </section>
      </div>

      <section className="reg-confd__changes panel" data-testid="confd-changes">
        <h2 className="section-title">
          {t('registry.confd.changes')}
          <span className="section-title__count">{history.length}</span>
        </h2>
        {history.length === 0 ? (
          <p className="muted">{t('registry.confd.noChanges')}</p>
        ) : (
          <ol className="reg-confd__history">
            {history.map((entry) => (
              <li key={entry.id} className="reg-confd__entry">
                <div className="reg-confd__entry-head muted">
                  <span className="mono">{formatClock(entry.at, language)}</span>
                  <span>{t('registry.confd.atRevision', { revision: entry.revision })}</span>
                </div>
                <ul className="reg-confd__lines">
                  {entry.changes.map((change, index) => (
                    <li key={index} className={`reg-confd__line reg-confd__line--${change.kind}`} data-testid="confd-change" data-kind={change.kind}>
                      <span className="reg-confd__sign" aria-label={change.kind === 'added' ? t('registry.confd.added') : t('registry.confd.removed')}>
                        {change.kind === 'added' ? '+' : '−'}
                      </span>
                      <span className="mono">{change.line}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** A monospace textarea with line numbers; the line a render error points at is marked. */
function TemplateEditor({ value, onChange, errorAt, label }: { value: string; onChange(value: string): void; errorAt?: number; label: string }) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = Math.max(1, value.split('\n').length);
  return (
    <div className="reg-editor">
      <div className="reg-editor__gutter mono" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={`reg-editor__num${errorAt === i + 1 ? ' reg-editor__num--error' : ''}`}>
            {i + 1}
          </div>
        ))}
      </div>
      <textarea
        className="reg-editor__text mono"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
        }}
        spellCheck={false}
        wrap="off"
        aria-label={label}
        aria-invalid={errorAt !== undefined}
        data-testid="confd-template"
      />
    </div>
  );
}

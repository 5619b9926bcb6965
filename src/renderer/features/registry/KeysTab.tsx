import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutput } from '../../../shared/contract';
import type { RegistryKey } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { useAppInfo } from '../../core/app-info';
import { formatBytes } from '../../core/bytes';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconClose, IconRefresh, IconSearch } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { StatusDot } from '../../components/StatusDot';
import { formatClock } from '../../core/time';
import { useSessionState } from '../../core/use-session-state';
import { useLanguage, useT } from '../../i18n';
import { ChangeDialog } from './ChangeDialog';
import { breadcrumbs, leafName, listLevel, prefixOf, ROOT } from './key-tree';
import { isProductionKey, keyEnvironment } from '../../../shared/production';
import { useRegistryKeys } from './use-registry';
import { defaultMode, previewValue, type ValueMode } from './value-format';
import { ValueViewer } from './ValueViewer';

type Row = { type: 'parent'; prefix: string } | { type: 'folder'; name: string; prefix: string; count: number } | { type: 'key'; key: RegistryKey; name: string };
type Pending = { action: 'put'; key: string; value: string } | { action: 'delete'; key: string };

const ROW_HEIGHT = 28;
const MAX_VALUE = 1024 * 1024;

/** The raw key space: folders by '/', the keys of one level, one key's whole value, put and delete. */
export function KeysTab() {
  const t = useT();
  const [language] = useLanguage();
  const store = useRegistryKeys();
  const [prefix, setPrefix] = useSessionState('registry.keys.prefix', ROOT);
  const [selected, setSelected] = useSessionState<string | null>('registry.keys.selected', null);
  const [filter, setFilter] = useState('');
  const [draftKey, setDraftKey] = useState(prefix);
  const [draftValue, setDraftValue] = useState('');
  const [pending, setPending] = useState<Pending>();
  const [dismissedResync, setDismissedResync] = useState<number>();

  const level = useMemo(() => listLevel(store.keys.keys(), prefix), [store.keys, prefix]);
  const rows = useMemo<Row[]>(() => {
    const needle = filter.trim().toLowerCase();
    const match = (name: string) => !needle || name.toLowerCase().includes(needle);
    const out: Row[] = prefix !== ROOT ? [{ type: 'parent', prefix: prefixOf(prefix.slice(0, -1)) }] : [];
    for (const folder of level.folders) if (match(folder.name)) out.push({ type: 'folder', ...folder });
    for (const key of level.keys) {
      const entry = store.keys.get(key);
      const name = leafName(key, prefix);
      if (entry && match(name)) out.push({ type: 'key', key: entry, name });
    }
    return out;
  }, [level, store.keys, prefix, filter]);

  // A typed key that is still just a folder follows the navigation.
  useEffect(() => setDraftKey((current) => (current === '' || current.endsWith('/') ? prefix : current)), [prefix]);

  const openFolder = (next: string) => {
    setPrefix(next);
    setFilter('');
  };
  const state = store.streamError ? 'reconnecting' : store.state;
  const stateError = store.streamError ?? store.error;
  const showResync = store.resync && store.resync.at !== dismissedResync;
  const selectedKey = selected ? store.keys.get(selected) : undefined;

  return (
    <div className="reg-keys">
      <div className="reg-keys__list">
        <div className="reg-keys__status" data-testid="registry-store-state" data-state={state}>
          <StatusDot tone={state === 'live' ? 'ok' : state === 'reconnecting' ? 'error' : 'muted'} pulse={state !== 'live'} />
          <span className="reg-strong">{t(`registry.store.${state}`)}</span>
          {state === 'reconnecting' && stateError && <span className="text-error reg-ellipsis" title={stateError}>{stateError}</span>}
          <span className="toolbar__spacer" />
          {store.revision && <span className="muted">{t('registry.store.revision', { revision: store.revision })}</span>}
          <span className="muted">{t('registry.store.count', { count: store.keys.size })}</span>
        </div>
        {showResync && store.resync && (
          <div className="reg-resync" role="status" data-testid="registry-resync" data-reason={store.resync.reason}>
            <span>
              {store.resync.reason === 'compacted'
                ? t('registry.resync.compacted', { revision: store.resync.revision, time: formatClock(store.resync.at, language) })
                : t('registry.resync.reconnected', { revision: store.resync.revision, time: formatClock(store.resync.at, language) })}
            </span>
            <button type="button" className="icon-button" onClick={() => setDismissedResync(store.resync?.at)} aria-label={t('common.dismiss')}>
              <IconClose />
            </button>
          </div>
        )}
        <div className="reg-keys__nav">
          <nav className="reg-crumbs" aria-label={t('registry.keys.breadcrumb')}>
            {breadcrumbs(prefix).map((crumb, index, all) => (
              <span key={crumb.prefix} className="reg-crumbs__item">
                {index > 0 && <span className="reg-crumbs__sep">/</span>}
                {index === all.length - 1 ? (
                  <span className="reg-crumbs__current mono" aria-current="location">
                    {crumb.label}
                  </span>
                ) : (
                  <button type="button" className="reg-crumbs__link mono" onClick={() => openFolder(crumb.prefix)} data-testid="registry-crumb" data-prefix={crumb.prefix}>
                    {crumb.label}
                  </button>
                )}
              </span>
            ))}
          </nav>
          <label className="search-field search-field--small reg-keys__filter">
            <IconSearch className="search-field__icon" />
            <span className="visually-hidden">{t('registry.keys.filter')}</span>
            <input type="search" value={filter} placeholder={t('registry.keys.filter')} onChange={(event) => setFilter(event.target.value)} spellCheck={false} data-testid="registry-keys-filter" />
          </label>
        </div>
        <KeyTable rows={rows} selected={selected} onOpen={openFolder} onSelect={setSelected} loading={state === 'connecting'} />
      </div>

      <div className="reg-keys__side">
        <KeyDetail
          keyName={selected}
          entry={selectedKey}
          deletedAt={selected ? store.deleted.get(selected) : undefined}
          storeReady={store.state !== 'connecting'}
          onClose={() => setSelected(null)}
          onEdit={(key, value) => {
            setDraftKey(key);
            setDraftValue(value);
          }}
          onDelete={(key) => setPending({ action: 'delete', key })}
        />
        <PutPanel
          draftKey={draftKey}
          draftValue={draftValue}
          exists={store.keys.get(draftKey.trim())}
          onKey={setDraftKey}
          onValue={setDraftValue}
          onSave={() => setPending({ action: 'put', key: draftKey.trim(), value: draftValue })}
        />
      </div>

      {pending && (
        <KeyChangeDialog
          pending={pending}
          current={store.keys.get(pending.key)}
          onClose={() => setPending(undefined)}
          onDone={() => {
            if (pending.action === 'put') {
              setSelected(pending.key);
              openFolder(prefixOf(pending.key));
            } else if (selected === pending.key) setSelected(null);
          }}
        />
      )}
    </div>
  );
}

interface KeyTableProps {
  rows: Row[];
  selected: string | null;
  loading: boolean;
  onOpen(prefix: string): void;
  onSelect(key: string): void;
}

/** The current level, folders first; only the rows in view are in the DOM (a folder can hold thousands of keys). */
function KeyTable({ rows, selected, loading, onOpen, onSelect }: KeyTableProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
    paddingStart: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - ROW_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  return (
    <div className="table-wrap reg-keys__table-wrap" ref={scrollRef}>
      <table className="data-table reg-keys__table" data-testid="registry-keys-table">
        <colgroup>
          <col className="reg-kcol-name" />
          <col className="reg-kcol-value" />
          <col className="reg-kcol-kind" />
          <col className="reg-kcol-size" />
          <col className="reg-kcol-rev" />
          <col className="reg-kcol-version" />
          <col className="reg-kcol-lease" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('registry.keys.col.name')}</th>
            <th scope="col">{t('registry.keys.col.value')}</th>
            <th scope="col">{t('registry.keys.col.kind')}</th>
            <th scope="col" className="num">{t('registry.keys.col.size')}</th>
            <th scope="col">{t('registry.keys.col.revisions')}</th>
            <th scope="col" className="num">{t('registry.keys.col.version')}</th>
            <th scope="col">{t('registry.keys.col.lease')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7} className="data-table__empty">
                {loading ? (
                  <span className="loading-line reg-inline">
                    <Spinner /> {t('common.loading')}
                  </span>
                ) : (
                  t('registry.keys.emptyLevel')
                )}
              </td>
            </tr>
          ) : (
            <>
              {padTop > 0 && <tr style={{ height: padTop }} aria-hidden="true" />}
              {items.map((item) => {
                const row = rows[item.index]!;
                if (row.type === 'parent')
                  return (
                    <tr key="..parent" className="reg-krow reg-krow--folder" onClick={() => onOpen(row.prefix)} data-testid="registry-parent">
                      <td colSpan={7}>
                        <button type="button" className="reg-linkish mono" onClick={(e) => (e.stopPropagation(), onOpen(row.prefix))}>
                          ../
                        </button>
                      </td>
                    </tr>
                  );
                if (row.type === 'folder')
                  return (
                    <tr key={`f:${row.prefix}`} className="reg-krow reg-krow--folder" onClick={() => onOpen(row.prefix)} data-testid="registry-folder" data-prefix={row.prefix}>
                      <td title={row.prefix}>
                        <button type="button" className="reg-linkish mono" onClick={(e) => (e.stopPropagation(), onOpen(row.prefix))}>
                          <FolderGlyph />
                          {row.name}/
                        </button>
                      </td>
                      <td colSpan={6}>
                        <span className="reg-count" title={t('registry.keys.folderCount', { count: row.count })}>
                          {row.count}
                        </span>
                      </td>
                    </tr>
                  );
                const key = row.key;
                const isSelected = key.key === selected;
                return (
                  <tr
                    key={`k:${key.key}`}
                    className={`reg-krow${isSelected ? ' reg-krow--selected' : ''}`}
                    onClick={() => onSelect(key.key)}
                    aria-selected={isSelected}
                    data-testid="registry-key"
                    data-key={key.key}
                  >
                    <td title={key.key}>
                      <button type="button" className="reg-linkish mono reg-strong" onClick={(e) => (e.stopPropagation(), onSelect(key.key))}>
                        {row.name}
                      </button>
                    </td>
                    <td className={`mono${key.valueKind === 'binary' ? ' muted' : ''}`}>{previewValue(key.value, key.valueKind)}</td>
                    <td>
                      <span className={`badge ${key.valueKind === 'binary' ? 'badge--warn' : key.valueKind === 'json' ? 'badge--info' : 'badge--muted'}`}>{t(`registry.kind.${key.valueKind}`)}</span>
                    </td>
                    <td className="num mono">{formatBytes(key.size)}</td>
                    <td className="mono muted" title={t('registry.revisions.title', { create: key.createRevision, mod: key.modRevision })}>
                      {key.createRevision} → {key.modRevision}
                    </td>
                    <td className="num mono">{key.version}</td>
                    <td className="mono muted" title={key.lease === '0' ? undefined : key.lease}>
                      {key.lease === '0' ? '—' : key.lease}
                    </td>
                  </tr>
                );
              })}
              {padBottom > 0 && <tr style={{ height: padBottom }} aria-hidden="true" />}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}

function FolderGlyph() {
  return (
    <svg width="13" height="13" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true" className="reg-folder-glyph">
      <path d="M3.5 6.5a1 1 0 0 1 1-1h5l2 2h8a1 1 0 0 1 1 1v9.5a1 1 0 0 1-1 1h-15a1 1 0 0 1-1-1z" />
    </svg>
  );
}

type Loaded = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; result: CallOutput<'registry.get'> };

interface KeyDetailProps {
  keyName: string | null;
  entry?: RegistryKey;
  deletedAt?: string;
  /** Whether the tree has been read (before that, a missing key is not worth a warning). */
  storeReady: boolean;
  onClose(): void;
  onEdit(key: string, value: string): void;
  onDelete(key: string): void;
}

/** The selected key: its facts and whole value (read again whenever it changes). */
function KeyDetail({ keyName, entry, deletedAt, storeReady, onClose, onEdit, onDelete }: KeyDetailProps) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>();
  const [mode, setMode] = useState<ValueMode>('text');
  const [reload, setReload] = useState(0);
  const modRevision = entry?.modRevision;

  useEffect(() => {
    if (!keyName) return;
    let active = true;
    setLoaded((current) => (current?.state === 'ok' && current.result.key === keyName ? current : { state: 'loading' }));
    client.invoke('registry.get', { key: keyName }).then(
      (result) => active && setLoaded({ state: 'ok', result }),
      (error: unknown) => active && setLoaded({ state: 'error', message: errorMessage(error) }),
    );
    return () => {
      active = false;
    };
  }, [keyName, modRevision, reload]);

  // A new key opens in the mode that suits it (hex for binary); the engineer's toggle holds until then.
  const result = loaded?.state === 'ok' ? loaded.result : undefined;
  const valueKind = entry?.valueKind;
  const shownKey = result?.key;
  useEffect(() => {
    if (result) setMode(defaultMode(result.value, result.encoding));
    // Only when another key is shown, not on every update of this one.
  }, [shownKey]);

  if (!keyName)
    return (
      <section className="panel reg-detail reg-detail--empty">
        <p className="muted">{t('registry.keys.selectHint')}</p>
      </section>
    );

  const binary = result?.encoding === 'base64';
  return (
    <section className="panel reg-detail" data-testid="registry-key-detail" data-key={keyName}>
      <header className="reg-detail__header">
        <h2 className="reg-detail__key mono selectable" title={keyName}>
          {keyName}
        </h2>
        <button type="button" className="icon-button" onClick={() => setReload((n) => n + 1)} aria-label={t('common.refresh')} title={t('common.refresh')}>
          <IconRefresh />
        </button>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('registry.keys.closeDetail')} title={t('registry.keys.closeDetail')}>
          <IconClose />
        </button>
      </header>
      {entry ? (
        <div className="reg-detail__facts">
          <span>{t('registry.keys.fact.size', { size: formatBytes(entry.size) })}</span>
          <span>{t('registry.keys.fact.version', { version: entry.version })}</span>
          <span>{t('registry.revisions.title', { create: entry.createRevision, mod: entry.modRevision })}</span>
          <span>{entry.lease === '0' ? t('registry.keys.fact.noLease') : t('registry.keys.fact.lease', { lease: entry.lease })}</span>
        </div>
      ) : (
        storeReady && <ErrorBanner tone="warn" message={deletedAt ? t('registry.keys.deleted', { revision: deletedAt }) : t('registry.keys.notInTree')} testId="registry-key-gone" />
      )}
      <div className="reg-detail__toolbar">
        <div className="reg-segmented" role="group" aria-label={t('registry.value.mode')}>
          {(['text', 'json', 'hex'] as const).map((m) => (
            <button key={m} type="button" className={`reg-segmented__item${mode === m ? ' reg-segmented__item--active' : ''}`} aria-pressed={mode === m} onClick={() => setMode(m)} data-testid="registry-value-mode" data-mode={m}>
              {t(`registry.value.mode.${m}`)}
            </button>
          ))}
        </div>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn btn--small"
          disabled={!result || !result.found || binary}
          title={binary ? t('registry.keys.editBinary') : undefined}
          onClick={() => result && onEdit(keyName, result.value)}
          data-testid="registry-edit"
        >
          {t('registry.keys.edit')}
        </button>
        <button type="button" className="btn btn--small reg-btn--danger-outline" disabled={!entry} onClick={() => onDelete(keyName)} data-testid="registry-delete">
          {t('registry.keys.delete')}
        </button>
      </div>
      {loaded?.state === 'error' && <ErrorBanner message={t('registry.keys.getFailed', { message: loaded.message })} />}
      {loaded?.state === 'loading' && (
        <p className="loading-line">
          <Spinner /> {t('common.loading')}
        </p>
      )}
      {result && result.found && <ValueViewer key={`${result.key}@${modRevision ?? ''}`} value={result.value} encoding={result.encoding} size={result.size} mode={mode} valueKind={valueKind} />}
      {result && !result.found && <p className="muted">{t('registry.keys.notFound')}</p>}
    </section>
  );
}

interface PutPanelProps {
  draftKey: string;
  draftValue: string;
  exists?: RegistryKey;
  onKey(key: string): void;
  onValue(value: string): void;
  onSave(): void;
}

function PutPanel({ draftKey, draftValue, exists, onKey, onValue, onSave }: PutPanelProps) {
  const t = useT();
  const key = draftKey.trim();
  const keyProblem = key === '' ? t('registry.put.keyMissing') : key.endsWith('/') ? t('registry.put.keyFolder') : undefined;
  const tooBig = draftValue.length > MAX_VALUE;
  return (
    <section className="panel reg-put" data-testid="registry-put">
      <h2 className="section-title">{exists ? t('registry.put.titleEdit') : t('registry.put.titleNew')}</h2>
      <form
        className="reg-put__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!keyProblem && !tooBig) onSave();
        }}
      >
        <label className="reg-put__field">
          <span className="muted">{t('registry.put.key')}</span>
          <input className="input mono" value={draftKey} onChange={(event) => onKey(event.target.value)} spellCheck={false} autoComplete="off" placeholder="/app_ENV/name" data-testid="registry-put-key" />
        </label>
        <label className="reg-put__field">
          <span className="muted">{t('registry.put.value')}</span>
          <textarea className="input mono reg-put__value" value={draftValue} onChange={(event) => onValue(event.target.value)} spellCheck={false} rows={4} data-testid="registry-put-value" />
        </label>
        <div className="reg-put__footer">
          <span className={`reg-put__hint${tooBig ? ' text-error' : ' muted'}`}>
            {tooBig
              ? t('registry.put.tooBig')
              : keyProblem
                ? keyProblem
                : exists
                  ? exists.lease !== '0'
                    ? t('registry.put.replacesLeased', { lease: exists.lease })
                    : t('registry.put.replaces', { size: formatBytes(exists.size) })
                  : t('registry.put.creates')}
          </span>
          <button type="submit" className="btn btn--primary" disabled={!!keyProblem || tooBig} data-testid="registry-put-save">
            {t('registry.put.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function KeyChangeDialog({ pending, current, onClose, onDone }: { pending: Pending; current?: RegistryKey; onClose(): void; onDone(): void }) {
  const t = useT();
  const { info } = useAppInfo();
  const production = isProductionKey(pending.key, info?.productionEnvironments ?? []);
  const env = production ? keyEnvironment(pending.key) : undefined;
  const currentFacts = current
    ? [
        { label: t('registry.fact.currentValue'), value: previewValue(current.value, current.valueKind, 200), mono: true },
        { label: t('registry.fact.lease'), value: current.lease === '0' ? t('registry.instance.noLease') : current.lease, mono: current.lease !== '0' },
      ]
    : [];

  if (pending.action === 'put')
    return (
      <ChangeDialog
        action="put"
        title={current ? t('registry.put.confirmTitleEdit') : t('registry.put.confirmTitleNew')}
        description={
          current
            ? current.lease !== '0'
              ? t('registry.put.describeLeased', { key: pending.key, lease: current.lease })
              : t('registry.put.describeEdit', { key: pending.key })
            : t('registry.put.describeNew', { key: pending.key })
        }
        facts={[
          { label: t('registry.fact.key'), value: pending.key, mono: true },
          ...currentFacts,
          { label: t('registry.fact.newValue'), value: pending.value === '' ? t('registry.value.empty') : previewValue(pending.value, 'text', 200), mono: true },
          { label: t('registry.fact.size'), value: formatBytes(new TextEncoder().encode(pending.value).length) },
        ]}
        productionEnv={env}
        word={production ? pending.key : undefined}
        danger={!!current}
        confirmLabel={t('registry.put.save')}
        run={async (confirmName) => {
          const result = await client.invoke('registry.put', { key: pending.key, value: pending.value, ...(confirmName !== undefined ? { confirmName } : {}) });
          return t('registry.put.done', { key: pending.key, revision: result.revision });
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );

  return (
    <ChangeDialog
      action="delete"
      title={t('registry.delete.title')}
      description={t('registry.delete.describe', { key: pending.key })}
      facts={[{ label: t('registry.fact.key'), value: pending.key, mono: true }, ...currentFacts]}
      productionEnv={env}
      word={production ? pending.key : undefined}
      confirmLabel={t('registry.keys.delete')}
      run={async (confirmName) => {
        const result = await client.invoke('registry.delete', { key: pending.key, ...(confirmName !== undefined ? { confirmName } : {}) });
        return t('registry.delete.done', { key: pending.key, count: result.deleted, revision: result.revision });
      }}
      onClose={onClose}
      onDone={onDone}
    />
  );
}

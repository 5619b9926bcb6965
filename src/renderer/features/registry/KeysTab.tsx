import { IconClose, IconSearch } from '../../components/icons';
import { StatusDot } from '../../components/StatusDot';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { breadcrumbs } from './key-tree';
import { KeyChangeDialog } from './KeyChangeDialog';
import { KeyDetail } from './KeyDetail';
import { KeyTable } from './KeyTable';
import { PutPanel } from './PutPanel';
import { useKeysBrowser } from './use-keys-browser';

/** The raw key space: folders by '/', the keys of one level, one key's whole value, put and delete. */
export function KeysTab() {
  const t = useT();
  const [language] = useLanguage();
  const browser = useKeysBrowser();
  const { store, state, stateError, prefix, openFolder, selected, setSelected, pending } = browser;
  const { resync } = browser;

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
        {resync && (
          <div className={`reg-resync reg-resync--${resync.reason}`} role="status" data-testid="registry-resync" data-reason={resync.reason} data-revision={resync.revision}>
            <span>
              <strong className="reg-resync__title" data-testid="registry-resync-title">
                {t(`registry.resync.${resync.reason}Title`, { revision: resync.revision, time: formatClock(resync.at, language) })}
              </strong>
              {t(`registry.resync.${resync.reason}`)}
            </span>
            <button type="button" className="icon-button" onClick={browser.dismissResync} aria-label={t('common.dismiss')}>
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
            <input type="search" value={browser.filter} placeholder={t('registry.keys.filter')} onChange={(event) => browser.setFilter(event.target.value)} spellCheck={false} data-testid="registry-keys-filter" />
          </label>
        </div>
        <KeyTable rows={browser.rows} selected={selected} onOpen={openFolder} onSelect={setSelected} loading={state === 'connecting'} />
      </div>

      <div className="reg-keys__side">
        <KeyDetail
          keyName={selected}
          entry={selected ? store.keys.get(selected) : undefined}
          deletedAt={selected ? store.deleted.get(selected) : undefined}
          storeReady={store.state !== 'connecting'}
          onClose={() => setSelected(null)}
          onEdit={browser.edit}
          onDelete={(key) => browser.setPending({ action: 'delete', key })}
        />
        <PutPanel
          draftKey={browser.draftKey}
          draftValue={browser.draftValue}
          exists={store.keys.get(browser.draftKey.trim())}
          onKey={browser.setDraftKey}
          onValue={browser.setDraftValue}
          onSave={() => browser.setPending({ action: 'put', key: browser.draftKey.trim(), value: browser.draftValue })}
        />
      </div>

      {pending && (
        <KeyChangeDialog pending={pending} current={store.keys.get(pending.key)} onClose={() => browser.setPending(undefined)} onDone={() => browser.changeDone(pending)} />
      )}
    </div>
  );
}

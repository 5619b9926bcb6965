import type { RegistryKey } from '../../../shared/domain';
import { formatBytes } from '../../core/bytes';
import { IconFolder } from '../../components/icons';
import { keepLast, keepPort, keepTrailingNumber } from '../../components/keep-text';
import { KeepText } from '../../components/KeepText';
import { Spinner } from '../../components/Spinner';
import { useVirtualTable } from '../../components/use-virtual-table';
import { useT } from '../../i18n';
import { previewValue } from './value-format';

/** One row of the key table: the way up, a folder, or a key of this level. */
export type KeyRow = { type: 'parent'; prefix: string } | { type: 'folder'; name: string; prefix: string; count: number } | { type: 'key'; key: RegistryKey; name: string };

const ROW_HEIGHT = 28;

interface KeyTableProps {
  rows: KeyRow[];
  selected: string | null;
  loading: boolean;
  onOpen(prefix: string): void;
  onSelect(key: string): void;
}

/** The current level, folders first; only the rows in view are in the DOM (a folder can hold thousands of keys). */
export function KeyTable({ rows, selected, loading, onOpen, onSelect }: KeyTableProps) {
  const t = useT();
  const { scrollRef, rows: items, padTop, padBottom } = useVirtualTable({ count: rows.length, rowHeight: ROW_HEIGHT, headerHeight: ROW_HEIGHT, overscan: 15 });

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
                          <IconFolder width={13} height={13} className="reg-folder-glyph" />
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
                // An endpoint (`127.0.0.1:30205`) keeps its port when the value is cut.
                const preview = previewValue(key.value, key.valueKind);
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
                        <KeepText text={row.name} keep={keepTrailingNumber(row.name)} title={false} />
                      </button>
                    </td>
                    <td className={`mono${key.valueKind === 'binary' ? ' muted' : ''}`}>
                      <KeepText text={preview} keep={keepPort(preview)} />
                    </td>
                    <td>
                      <span className={`badge ${key.valueKind === 'binary' ? 'badge--warn' : key.valueKind === 'json' ? 'badge--info' : 'badge--muted'}`}>{t(`registry.kind.${key.valueKind}`)}</span>
                    </td>
                    <td className="num mono">{formatBytes(key.size)}</td>
                    <td className="mono muted" title={t('registry.revisions.title', { create: key.createRevision, mod: key.modRevision })}>
                      {key.createRevision} → {key.modRevision}
                    </td>
                    <td className="num mono">{key.version}</td>
                    <td className="mono muted" title={key.lease === '0' ? undefined : key.lease}>
                      {key.lease === '0' ? '—' : <KeepText text={key.lease} keep={keepLast(key.lease, 6)} title={false} />}
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

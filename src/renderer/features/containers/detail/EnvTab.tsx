import { useMemo, useState } from 'react';
import type { ContainerDetail } from '../../../../shared/domain';
import { IconSearch } from '../../../components/icons';
import { useT } from '../../../i18n';

export const MASK = '••••••';

/** The container's environment; values of secret names stay masked until revealed (one row or all). */
export function EnvTab({ env }: { env: ContainerDetail['env'] }) {
  const t = useT();
  const [revealAll, setRevealAll] = useState(false);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const [filter, setFilter] = useState('');
  const secrets = env.filter((v) => v.secret).length;
  const rows = useMemo(() => {
    const words = filter.trim().toLowerCase();
    return words ? env.filter((v) => v.name.toLowerCase().includes(words) || (!v.secret && v.value.toLowerCase().includes(words))) : env;
  }, [env, filter]);

  const toggle = (name: string) =>
    setRevealed((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  return (
    <div className="detail-tab-body">
      <div className="toolbar">
        <label className="search-field search-field--small">
          <IconSearch className="search-field__icon" />
          <span className="visually-hidden">{t('env.filter')}</span>
          <input type="search" value={filter} placeholder={t('env.filter')} onChange={(event) => setFilter(event.target.value)} spellCheck={false} data-testid="env-filter" />
        </label>
        <span className="muted toolbar__count">{t('env.count', { count: env.length, secrets })}</span>
        <span className="toolbar__spacer" />
        <button
          type="button"
          className="btn btn--small"
          aria-pressed={revealAll}
          onClick={() => {
            setRevealAll(!revealAll);
            setRevealed(new Set());
          }}
          disabled={secrets === 0}
          data-testid="reveal-all"
        >
          {revealAll ? t('env.hideAll') : t('env.revealAll')}
        </button>
      </div>
      <div className="table-wrap">
        <table className="data-table detail-table env-table" data-testid="env-table">
          <thead>
            <tr>
              <th className="w-key">{t('env.name')}</th>
              <th>{t('env.value')}</th>
              <th className="w-action" aria-label={t('env.reveal')} />
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={3} className="data-table__empty">{env.length === 0 ? t('env.empty') : t('env.noMatch')}</td>
              </tr>
            ) : (
              rows.map((v, index) => {
                const masked = v.secret && !revealAll && !revealed.has(v.name);
                return (
                  <tr key={`${v.name}-${index}`} data-testid="env-row" data-name={v.name} data-masked={String(masked)} data-secret={String(v.secret)}>
                    <td className="mono" title={v.name}>
                      {v.name}
                      {v.secret && <span className="badge badge--muted env-secret">{t('env.secret')}</span>}
                    </td>
                    <td className={`mono selectable-cell${masked ? ' env-masked' : ''}`} title={masked ? undefined : v.value}>
                      {masked ? MASK : v.value || <span className="muted">{t('env.emptyValue')}</span>}
                    </td>
                    <td className="w-action">
                      {v.secret && !revealAll && (
                        <button type="button" className="btn btn--ghost btn--small" onClick={() => toggle(v.name)} aria-pressed={!masked} data-testid="reveal-env">
                          {masked ? t('env.reveal') : t('env.hide')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

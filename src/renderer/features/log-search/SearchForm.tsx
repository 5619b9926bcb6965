import { useState, type FormEvent } from 'react';
import type { LogSearchScope } from '../../../shared/domain';
import { IconSearch } from '../../components/icons';
import { useSessionState } from '../../core/use-session-state';
import { useT } from '../../i18n';
import { localInputValue, RANGE_PRESETS, rangeInput, type RangeChoice } from './search-range';
import type { SearchInput } from './search-session';
import { parseScopeKey, scopeKey, useSearchScopes } from './use-search-scopes';

interface SearchFormProps {
  running: boolean;
  onSearch(input: SearchInput): void;
  onCancel(): void;
}

const ALL = scopeKey({ kind: 'all' });

/** Query (text or regex, case), scope, time range; Enter searches, Cancel stops. */
export function SearchForm({ running, onSearch, onCancel }: SearchFormProps) {
  const t = useT();
  const scopes = useSearchScopes();
  const [query, setQuery] = useSessionState('logSearch.query', '');
  const [regex, setRegex] = useSessionState('logSearch.regex', false);
  const [caseSensitive, setCaseSensitive] = useSessionState('logSearch.case', false);
  const [scope, setScope] = useSessionState('logSearch.scope', ALL);
  const [range, setRange] = useSessionState<RangeChoice>('logSearch.range', { preset: '1h', from: '', to: '' });
  const [badRange, setBadRange] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (running || !query) return;
    const times = rangeInput(range, Date.now());
    setBadRange(!times);
    if (times) onSearch({ query, regex, caseSensitive, scope: parseScopeKey(scope), ...times });
  };
  const option = (value: LogSearchScope, name: string) => {
    const key = scopeKey(value);
    return <option key={key} value={key}>{t('logSearch.scope.count', { name, count: scopes.counts.get(key) ?? 0 })}</option>;
  };
  const choosePreset = (preset: RangeChoice['preset']) => {
    setBadRange(false);
    // A custom range starts from the last hour, to be adjusted.
    if (preset === 'custom' && !range.from) setRange({ preset, from: localInputValue(Date.now() - 3_600_000), to: '' });
    else setRange({ ...range, preset });
  };
  // The chosen scope stays listed even while the fleet is still loading (or it has gone).
  const known = scope === ALL || scopes.counts.has(scope);

  return (
    <form className="log-search-form" onSubmit={submit} role="search" aria-label={t('nav.logSearch')}>
      <div className="log-search-form__row">
        <label className="search-field log-search-form__query">
          <IconSearch className="search-field__icon" />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('logSearch.queryPlaceholder')}
            aria-label={t('logSearch.query')}
            spellCheck={false}
            autoFocus
            data-testid="log-search-query"
          />
        </label>
        <button type="button" className={`chip${regex ? ' chip--active' : ''}`} aria-pressed={regex} title={t('logSearch.regexHint')} onClick={() => setRegex(!regex)} data-testid="log-search-regex">
          .*&nbsp;{t('logSearch.regex')}
        </button>
        <button type="button" className={`chip${caseSensitive ? ' chip--active' : ''}`} aria-pressed={caseSensitive} title={t('logSearch.caseHint')} aria-label={t('logSearch.caseHint')} onClick={() => setCaseSensitive(!caseSensitive)} data-testid="log-search-case">
          {t('logSearch.case')}
        </button>
        {running ? (
          <button type="button" className="btn" onClick={onCancel} data-testid="log-search-cancel">{t('logSearch.cancel')}</button>
        ) : (
          <button type="submit" className="btn btn--primary" disabled={!query} data-testid="log-search-submit">{t('logSearch.search')}</button>
        )}
      </div>
      <div className="log-search-form__row">
        <label className="log-search-field">
          <span>{t('logSearch.scope')}</span>
          <select className="select" value={scope} onChange={(e) => setScope(e.target.value)} data-testid="log-search-scope">
            {option({ kind: 'all' }, t('logSearch.scope.all'))}
            {!known && <option value={scope}>{describeScope(parseScopeKey(scope))}</option>}
            {scopes.environments.length > 0 && (
              <optgroup label={t('logSearch.scope.environments')}>{scopes.environments.map((environment) => option({ kind: 'environment', environment }, environment))}</optgroup>
            )}
            {scopes.services.length > 0 && (
              <optgroup label={t('logSearch.scope.services')}>{scopes.services.map((s) => option({ kind: 'service', project: s.project, service: s.service }, `${s.project}/${s.service}`))}</optgroup>
            )}
            {scopes.engines.length > 0 && <optgroup label={t('logSearch.scope.engines')}>{scopes.engines.map((engine) => option({ kind: 'engine', engine }, engine))}</optgroup>}
          </select>
        </label>
        <span className="log-search-field" role="group" aria-label={t('logSearch.range')}>
          <span>{t('logSearch.range')}</span>
          {RANGE_PRESETS.map((preset) => (
            <button key={preset} type="button" className={`chip${range.preset === preset ? ' chip--active' : ''}`} aria-pressed={range.preset === preset} onClick={() => choosePreset(preset)} data-testid={`log-search-range-${preset}`}>
              {t(`logSearch.range.${preset}`)}
            </button>
          ))}
        </span>
        {range.preset === 'custom' && (
          <span className="log-search-field">
            <label className="log-search-field">{t('logSearch.from')}<input className="input" type="datetime-local" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} data-testid="log-search-from" /></label>
            <label className="log-search-field">{t('logSearch.to')}<input className="input" type="datetime-local" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} data-testid="log-search-to" /></label>
          </span>
        )}
        {badRange && <span className="log-search-form__invalid" role="alert">{t('logSearch.badRange')}</span>}
      </div>
    </form>
  );
}

function describeScope(scope: LogSearchScope): string {
  if (scope.kind === 'environment') return scope.environment;
  if (scope.kind === 'service') return `${scope.project}/${scope.service}`;
  if (scope.kind === 'engine') return scope.engine;
  return '*';
}

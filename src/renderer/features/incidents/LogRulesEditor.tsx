import { useEffect, useState, type FormEvent } from 'react';
import type { IncidentSeverity, LogRule, LogRulesView, LogRuleScope } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useT } from '../../i18n';

type ScopeKind = LogRuleScope['kind'];

function scopeText(scope: LogRuleScope, allText: string): string {
  return scope.kind === 'all' ? allText : scope.kind === 'service' ? scope.service : scope.environment;
}

function newId(): string {
  return `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The log alert rules: the list (with what each follows now), add, remove. Saved on the main side (audited). */
export function LogRulesEditor({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [view, setView] = useState<LogRulesView>();
  const [error, setError] = useState<string>();
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('');
  const [ignoreCase, setIgnoreCase] = useState(false);
  const [scopeKind, setScopeKind] = useState<ScopeKind>('service');
  const [scopeValue, setScopeValue] = useState('');
  const [threshold, setThreshold] = useState(5);
  const [windowSeconds, setWindowSeconds] = useState(60);
  const [severity, setSeverity] = useState<IncidentSeverity>('error');

  const refresh = () => client.invoke('logRules.list', {}).then(setView, (err: unknown) => setError(errorMessage(err)));
  useEffect(() => {
    void refresh();
    // What each rule follows changes as containers come and go.
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, []);

  const save = async (rules: LogRule[]): Promise<boolean> => {
    try {
      setView(await client.invoke('logRules.set', { rules }));
      setError(undefined);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!view) return;
    const scope: LogRuleScope = scopeKind === 'all' ? { kind: 'all' } : scopeKind === 'service' ? { kind: 'service', service: scopeValue.trim() } : { kind: 'environment', environment: scopeValue.trim() };
    const rule: LogRule = { id: newId(), name: name.trim(), pattern, ignoreCase, scope, threshold, windowSeconds, severity };
    if (await save([...view.rules, rule])) {
      setName('');
      setPattern('');
    }
  };

  const statusOf = (rule: LogRule) => {
    const status = view?.status.find((s) => s.rule === rule.id);
    if (!status) return <span className="log-rules__status">{t('incidents.logRules.idle')}</span>;
    if (status.skipped > 0)
      return (
        <span className="log-rules__status log-rules__status--over" data-testid="log-rule-over-limit">
          {t('incidents.logRules.overLimit', { count: status.following, total: status.following + status.skipped, limit: view!.limit })}
        </span>
      );
    return <span className="log-rules__status">{t('incidents.logRules.following', { count: status.following })}</span>;
  };

  return (
    <section className="log-rules" aria-label={t('incidents.logRules.title')} data-testid="log-rules">
      <header className="log-rules__head">
        <h2 className="incidents__section-title">{t('incidents.logRules.title')}</h2>
        <button type="button" className="btn btn--small" onClick={onClose}>
          {t('incidents.logRules.close')}
        </button>
      </header>
      <p className="log-rules__hint">{t('incidents.logRules.hint')}</p>
      {error && <ErrorBanner message={error} testId="log-rules-error" />}
      {view && view.rules.length === 0 && <p className="log-rules__empty">{t('incidents.logRules.empty')}</p>}
      {view && view.rules.length > 0 && (
        <table className="log-rules__table">
          <thead>
            <tr>
              <th>{t('incidents.logRules.name')}</th>
              <th>{t('incidents.logRules.pattern')}</th>
              <th>{t('incidents.logRules.scope')}</th>
              <th>{t('incidents.logRules.threshold')}</th>
              <th>{t('incidents.logRules.severity')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {view.rules.map((rule) => (
              <tr key={rule.id} data-testid="log-rule" data-rule={rule.name}>
                <td>
                  {rule.name}
                  <br />
                  {statusOf(rule)}
                </td>
                <td>
                  <code>
                    /{rule.pattern}/{rule.ignoreCase ? 'i' : ''}
                  </code>
                </td>
                <td>{scopeText(rule.scope, t('incidents.logRules.scope.all'))}</td>
                <td>{t('incidents.logRules.when', { threshold: rule.threshold, window: `${rule.windowSeconds} s` })}</td>
                <td>{t(`incidents.severity.${rule.severity}`)}</td>
                <td>
                  <button type="button" className="btn btn--small" aria-label={t('incidents.logRules.removeHint', { name: rule.name })} onClick={() => void save(view.rules.filter((r) => r.id !== rule.id))}>
                    {t('incidents.logRules.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="log-rules__form" onSubmit={(e) => void add(e)} data-testid="log-rule-form">
        <label>
          {t('incidents.logRules.name')}
          <input className="input" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} data-testid="log-rule-name" />
        </label>
        <label className="log-rules__pattern">
          {t('incidents.logRules.pattern')}
          <input className="input" value={pattern} onChange={(e) => setPattern(e.target.value)} required maxLength={500} placeholder="timeout after \d+ms" spellCheck={false} data-testid="log-rule-pattern" />
        </label>
        <label className="log-rules__check">
          <input type="checkbox" checked={ignoreCase} onChange={(e) => setIgnoreCase(e.target.checked)} />
          {t('incidents.logRules.ignoreCase')}
        </label>
        <label>
          {t('incidents.logRules.scope')}
          <select className="input" value={scopeKind} onChange={(e) => setScopeKind(e.target.value as ScopeKind)} data-testid="log-rule-scope">
            <option value="service">{t('incidents.logRules.scope.service')}</option>
            <option value="environment">{t('incidents.logRules.scope.environment')}</option>
            <option value="all">{t('incidents.logRules.scope.all')}</option>
          </select>
        </label>
        {scopeKind !== 'all' && (
          <input className="input" aria-label={t(`incidents.logRules.scope.${scopeKind}`)} value={scopeValue} onChange={(e) => setScopeValue(e.target.value)} required placeholder={t(`incidents.logRules.scopeValue.${scopeKind}`)} data-testid="log-rule-scope-value" />
        )}
        <label>
          {t('incidents.logRules.threshold')}
          <input className="input log-rules__number" type="number" min={1} max={10000} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} data-testid="log-rule-threshold" />
        </label>
        <label>
          {t('incidents.logRules.window')}
          <input className="input log-rules__number" type="number" min={5} max={3600} value={windowSeconds} onChange={(e) => setWindowSeconds(Number(e.target.value))} data-testid="log-rule-window" />
        </label>
        <label>
          {t('incidents.logRules.severity')}
          <select className="input" value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)} data-testid="log-rule-severity">
            <option value="warning">{t('incidents.severity.warning')}</option>
            <option value="error">{t('incidents.severity.error')}</option>
            <option value="critical">{t('incidents.severity.critical')}</option>
          </select>
        </label>
        <button type="submit" className="btn btn--small btn--primary" disabled={!view} data-testid="log-rule-add">
          {t('incidents.logRules.add')}
        </button>
      </form>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { client } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { hashQuery } from '../../core/router';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { TerminalView, type TerminalTarget } from './TerminalView';
import './terminal.css';

interface Pending {
  engine: string;
  id: string;
  name: string;
  production: boolean;
}

/** Exec terminals in tabs; #/terminal?engine=E&id=ID asks to open a new one. */
export function TerminalScreen() {
  const t = useT();
  const [tabs, setTabs] = useState<TerminalTarget[]>([]);
  const [active, setActive] = useState<string>();
  const [pending, setPending] = useState<Pending>();
  const [command, setCommand] = useState('');

  useEffect(() => {
    const read = () => {
      const query = hashQuery(window.location.hash);
      const engine = query.get('engine');
      const id = query.get('id');
      if (!engine || !id) return;
      void client.invoke('containers.inspect', { engine, id }).then(
        (detail) => setPending({ engine, id: detail.id, name: detail.name, production: detail.production }),
        () => setPending({ engine, id, name: id.slice(0, 12), production: false }),
      );
      setCommand('');
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  const open = (confirmName: string | undefined) => {
    if (!pending) return;
    const key = `${pending.engine}/${pending.id}/${Date.now()}`;
    setTabs((all) => [...all, { key, engine: pending.engine, id: pending.id, name: pending.name, command: command.trim() ? command.trim().split(/\s+/) : undefined, confirmName }]);
    setActive(key);
    setPending(undefined);
  };

  return (
    <div className="terminal-screen">
      <ScreenHeader title={t('terminal.title')} subtitle={t('terminal.subtitle')} />
      <div className="terminal-tabs" role="tablist">
        {tabs.map((tab) => (
          <span key={tab.key} className={`terminal-tab${tab.key === active ? ' terminal-tab--active' : ''}`} data-testid="terminal-tab">
            <button type="button" role="tab" aria-selected={tab.key === active} onClick={() => setActive(tab.key)}>
              {tab.name}@{tab.engine}
            </button>
            <button type="button" aria-label={t('terminal.close')} onClick={() => setTabs((all) => all.filter((x) => x.key !== tab.key))}>
              ×
            </button>
          </span>
        ))}
      </div>
      {tabs.length === 0 && !pending && <p className="muted terminal-empty">{t('terminal.empty')}</p>}
      <div className="terminal-area">
        {tabs.map((tab) => (
          <TerminalView key={tab.key} target={tab} visible={tab.key === active} />
        ))}
      </div>
      {pending && (
        <ConfirmDialog
          key={`${pending.engine}/${pending.id}`}
          testId="exec-dialog"
          title={t('terminal.open.title', { name: pending.name })}
          production={pending.production ? t('actions.production') : undefined}
          typed={pending.production ? { word: pending.name, intro: t('terminal.open.production', { name: pending.name }), testId: 'exec-confirm-name' } : undefined}
          confirm={{ label: t('terminal.open.confirm'), testId: 'exec-confirm' }}
          onConfirm={open}
          cancel={{ label: t('terminal.open.cancel') }}
          onClose={() => setPending(undefined)}
        >
          <label className="terminal-field">
            {t('terminal.open.command')}
            <input className="input mono" value={command} onChange={(e) => setCommand(e.target.value)} data-testid="exec-command" data-autofocus="" />
          </label>
        </ConfirmDialog>
      )}
    </div>
  );
}

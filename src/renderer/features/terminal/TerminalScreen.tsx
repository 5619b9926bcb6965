import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { hashQuery, navigate } from '../../core/router';
import { rememberOpenTerminals } from '../../core/session';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useT } from '../../i18n';
import { TerminalPicker, type PickedContainer } from './TerminalPicker';
import { TerminalView, type TerminalTarget } from './TerminalView';
import './terminal.css';

type Pending = PickedContainer;

/**
 * Exec terminals in tabs. #/terminal?engine=E&id=ID (a container's detail, the logs, the
 * topology) asks to open one; without a container, or from the "+" tab, a picker over the
 * running containers of the live fleet. Either way the exec confirmation comes first.
 */
export function TerminalScreen() {
  const t = useT();
  const [tabs, setTabs] = useState<TerminalTarget[]>([]);
  const [active, setActive] = useState<string>();
  const [picking, setPicking] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [command, setCommand] = useState('');
  const asked = useRef(0);

  /** Asks for the confirmation of a terminal in a container, named and judged as inspect says (else as known). */
  const ask = useCallback((engine: string, id: string, known?: Pending) => {
    const mine = ++asked.current;
    setCommand('');
    void client.invoke('containers.inspect', { engine, id }).then(
      (detail) => mine === asked.current && setPending({ engine, id: detail.id, name: detail.name, production: detail.production }),
      () => mine === asked.current && setPending(known ?? { engine, id, name: id.slice(0, 12), production: false }),
    );
  }, []);

  useEffect(() => {
    const read = () => {
      const query = hashQuery(window.location.hash);
      const engine = query.get('engine');
      const id = query.get('id');
      if (!engine || !id) return;
      ask(engine, id);
      // A terminal offered again after a restart comes with the command it ran.
      setCommand(query.get('command') ?? '');
      // The request is taken: the address goes back to the screen's own (a reload asks nothing again).
      navigate('terminal', { replace: true });
    };
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, [ask]);

  // The open tabs are kept in the session (offered again after a restart); leaving the screen ends them.
  useEffect(() => {
    rememberOpenTerminals(tabs.map(({ engine, id, name, command: run }) => ({ engine, id, name, ...(run ? { command: run } : {}) })));
  }, [tabs]);
  useEffect(() => () => rememberOpenTerminals([]), []);

  const open = (confirmName: string | undefined) => {
    if (!pending) return;
    const key = `${pending.engine}/${pending.id}/${Date.now()}`;
    setTabs((all) => [...all, { key, engine: pending.engine, id: pending.id, name: pending.name, command: command.trim() ? command.trim().split(/\s+/) : undefined, confirmName }]);
    setActive(key);
    setPicking(false);
    setPending(undefined);
  };

  const close = (key: string) => {
    const index = tabs.findIndex((tab) => tab.key === key);
    const rest = tabs.filter((tab) => tab.key !== key);
    setTabs(rest);
    // Closing the tab in view shows its neighbour (the picker after the last one).
    if (key === active) setActive((rest[index] ?? rest[index - 1])?.key);
  };

  const showPicker = tabs.length === 0 || picking;

  return (
    <div className="terminal-screen">
      <ScreenHeader title={t('terminal.title')} subtitle={t('terminal.subtitle')} />
      {tabs.length > 0 && (
        <div className="terminal-tabs" role="tablist" aria-label={t('terminal.tabs')}>
          {tabs.map((tab) => {
            const selected = !showPicker && tab.key === active;
            return (
              <span key={tab.key} className={`terminal-tab${selected ? ' terminal-tab--active' : ''}`} data-testid="terminal-tab">
                <button
                  type="button"
                  role="tab"
                  aria-selected={selected}
                  onClick={() => {
                    setActive(tab.key);
                    setPicking(false);
                  }}
                >
                  {tab.name}@{tab.engine}
                </button>
                <button type="button" className="terminal-tab__close" aria-label={`${t('terminal.close')}: ${tab.name}@${tab.engine}`} onClick={() => close(tab.key)}>
                  ×
                </button>
              </span>
            );
          })}
          <span className={`terminal-tab terminal-tab--new${picking ? ' terminal-tab--active' : ''}`}>
            <button type="button" role="tab" aria-selected={picking} aria-label={t('terminal.newTab')} title={t('terminal.newTab')} onClick={() => setPicking(true)} data-testid="terminal-new-tab">
              +
            </button>
          </span>
        </div>
      )}
      {showPicker && (
        <div className="terminal-picker-area">
          <TerminalPicker onPick={(container) => ask(container.engine, container.id, container)} />
        </div>
      )}
      <div className="terminal-area" hidden={showPicker}>
        {tabs.map((tab) => (
          <TerminalView key={tab.key} target={tab} visible={!showPicker && tab.key === active} />
        ))}
      </div>
      {pending && (
        <ConfirmDialog
          key={`${pending.engine}/${pending.id}`}
          testId="exec-dialog"
          data={{ engine: pending.engine, name: pending.name }}
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

import { useState } from 'react';
import type { SessionTerminal } from '../../../shared/domain';
import { client, errorMessage } from '../../api';
import { IconTerminal } from '../../components/icons';
import { useOfferedTerminals, withdrawOffered } from '../../core/session';
import { useT } from '../../i18n';
import './terminal-offer.css';

/** How many offered terminals are listed by name; the rest are counted. */
const SHOWN = 4;

/** The container as Docker knows it now: by its id, else by its name (a replica recreated since has a new id). */
async function resolve(terminal: SessionTerminal): Promise<string> {
  try {
    return (await client.invoke('containers.inspect', { engine: terminal.engine, id: terminal.id })).id;
  } catch {
    return (await client.invoke('containers.inspect', { engine: terminal.engine, id: terminal.name })).id;
  }
}

/**
 * After a restart, the terminals that were open: offered again, never reconnected by
 * themselves (an exec changes the world). Reopen asks the usual exec confirmation on the
 * Terminal screen; Dismiss forgets them.
 */
export function TerminalOffer() {
  const t = useT();
  const terminals = useOfferedTerminals();
  const [failed, setFailed] = useState<Record<string, string>>({});
  if (terminals.length === 0) return null;

  const reopen = (terminal: SessionTerminal) => {
    resolve(terminal).then(
      (id) => {
        withdrawOffered(terminal);
        const query = new URLSearchParams({ engine: terminal.engine, id });
        if (terminal.command?.length) query.set('command', terminal.command.join(' '));
        window.location.hash = `#/terminal?${query.toString()}`;
      },
      (error: unknown) => setFailed((all) => ({ ...all, [`${terminal.engine}/${terminal.id}`]: errorMessage(error) })),
    );
  };

  return (
    <section className="terminal-offer" role="region" aria-label={t('session.offer.label')} data-testid="terminal-offer" data-count={terminals.length}>
      <IconTerminal className="terminal-offer__icon" />
      <div className="terminal-offer__body">
        <p className="terminal-offer__title">{t('session.offer.title', { count: terminals.length })}</p>
        <ul className="terminal-offer__list">
          {terminals.slice(0, SHOWN).map((terminal) => {
            const key = `${terminal.engine}/${terminal.id}`;
            const problem = failed[key];
            return (
              <li key={`${key}/${(terminal.command ?? []).join(' ')}`} className="terminal-offer__item" data-testid="terminal-offer-item" data-name={terminal.name} data-engine={terminal.engine}>
                <span className="terminal-offer__what">
                  {t('session.offer.item', { name: terminal.name, engine: terminal.engine })}{' '}
                  <code className="terminal-offer__command">{terminal.command?.join(' ') || t('session.offer.defaultShell')}</code>
                </span>
                <button type="button" className="btn btn--small btn--primary" onClick={() => reopen(terminal)} data-testid="terminal-offer-reopen">
                  {t('session.offer.reopen')}
                </button>
                {problem && <span className="terminal-offer__problem" role="alert">{t('session.offer.gone', { message: problem })}</span>}
              </li>
            );
          })}
          {terminals.length > SHOWN && <li className="terminal-offer__more muted">{t('session.offer.more', { count: terminals.length - SHOWN })}</li>}
        </ul>
        <p className="terminal-offer__hint">{t('session.offer.hint')}</p>
      </div>
      <button type="button" className="btn btn--small btn--ghost terminal-offer__dismiss" onClick={() => withdrawOffered()} data-testid="terminal-offer-dismiss">
        {t('session.offer.dismiss')}
      </button>
    </section>
  );
}

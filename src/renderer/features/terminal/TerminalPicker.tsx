import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { FleetContainer } from '../../../shared/domain';
import { isProductionEnvironment } from '../../../shared/production';
import { ErrorBanner } from '../../components/ErrorBanner';
import { IconSearch } from '../../components/icons';
import { Spinner } from '../../components/Spinner';
import { useAppInfo } from '../../core/app-info';
import { useT } from '../../i18n';
import { serviceLabel } from '../containers/container-list';
import { EnvironmentTag } from '../containers/ContainerStateBadge';
import { useFleet } from '../containers/use-fleet';
import { moveActive, pickContainers, pickKey } from './picker';

export interface PickedContainer {
  engine: string;
  id: string;
  name: string;
  production: boolean;
}

/**
 * Choose a running container of the live fleet to open a terminal in: type part of its name,
 * service or engine, move with the arrows, Enter opens (through the exec confirmation).
 */
export function TerminalPicker({ onPick }: { onPick(container: PickedContainer): void }) {
  const t = useT();
  const { info } = useAppInfo();
  const fleet = useFleet();
  const [text, setText] = useState('');
  const [activeKey, setActiveKey] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();
  const hintId = useId();

  const { shown, matched, running } = useMemo(() => pickContainers(fleet.containers, text), [fleet.containers, text]);
  // The choice follows the container (not its place) while the live list moves; the first one otherwise.
  const found = activeKey === undefined ? -1 : shown.findIndex((c) => pickKey(c) === activeKey);
  const active = found >= 0 ? found : shown.length > 0 ? 0 : -1;
  const optionId = (index: number) => `${listId}-${index}`;
  const productionEnvironments = info?.productionEnvironments ?? [];
  const production = (c: FleetContainer) => isProductionEnvironment(c.environment, productionEnvironments);
  const loading = !fleet.state.received && fleet.containers.length === 0;

  // After the screen focuses its heading (on navigation), the search takes the focus: typing is the first thing to do…
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => {
      // …unless a confirmation opened meanwhile (a shell asked for from another screen): its field keeps it.
      second = requestAnimationFrame(() => {
        if (!document.querySelector('[aria-modal="true"]')) input.current?.focus();
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, []);

  // The chosen row stays in sight as the arrows move it.
  useEffect(() => {
    if (active >= 0) list.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (c: FleetContainer | undefined) => {
    if (c) onPick({ engine: c.engine, id: c.id, name: c.name, production: production(c) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = moveActive(active, event.key === 'ArrowDown' ? 1 : -1, shown.length);
      setActiveKey(next >= 0 ? pickKey(shown[next]!) : undefined);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      const next = event.key === 'PageDown' ? Math.min(shown.length - 1, active + 10) : Math.max(0, active - 10);
      if (shown[next]) setActiveKey(pickKey(shown[next]));
    } else if (event.key === 'Enter') {
      // No keypress may reach the confirmation that opens next.
      event.preventDefault();
      pick(shown[active]);
    } else if (event.key === 'Escape' && text) {
      event.stopPropagation();
      setText('');
      setActiveKey(undefined);
    }
  };

  return (
    <section className="terminal-picker" data-testid="terminal-picker" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`} className="terminal-picker__title">
        {t('terminal.pick.title')}
      </h2>
      {fleet.streamError && <ErrorBanner tone="warn" message={t('terminal.pick.reconnecting', { message: fleet.streamError })} />}
      <label className="search-field terminal-picker__search">
        <IconSearch className="search-field__icon" />
        <span className="visually-hidden">{t('terminal.pick.label')}</span>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-describedby={hintId}
          placeholder={t('terminal.pick.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActiveKey(undefined);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
          data-testid="terminal-pick-search"
        />
      </label>
      <p id={hintId} className="terminal-picker__hint muted">
        {t('terminal.pick.hint')}
        {running > 0 && <span className="terminal-picker__count">{t('terminal.pick.count', { shown: matched, total: running })}</span>}
      </p>
      {loading ? (
        <p className="loading-line">
          <Spinner /> {t('terminal.pick.loading')}
        </p>
      ) : shown.length === 0 ? (
        <p className="terminal-picker__empty muted" role="status" data-testid="terminal-pick-empty">
          {running === 0 ? t('terminal.pick.none') : t('terminal.pick.noMatch', { text: text.trim() })}
        </p>
      ) : (
        <ul ref={list} id={listId} className="terminal-picker__list" role="listbox" aria-label={t('terminal.pick.options')}>
          {shown.map((c, index) => {
            const service = serviceLabel(c);
            return (
              <li
                key={pickKey(c)}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                className={`terminal-picker__option${index === active ? ' terminal-picker__option--active' : ''}`}
                // The input keeps the focus (and its arrows) when an option is clicked.
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => index !== active && setActiveKey(pickKey(c))}
                onClick={() => pick(c)}
                data-testid="terminal-pick-option"
                data-engine={c.engine}
                data-name={c.name}
              >
                <span className="terminal-picker__name mono">{c.name}</span>
                <span className="terminal-picker__service mono">{service}</span>
                <span className="terminal-picker__env">{c.environment && <EnvironmentTag environment={c.environment} production={production(c)} />}</span>
                <span className="terminal-picker__engine mono">{c.engine}</span>
                <span className="terminal-picker__status muted">{c.status}</span>
              </li>
            );
          })}
        </ul>
      )}
      {matched > shown.length && <p className="terminal-picker__more muted">{t('terminal.pick.more', { count: matched - shown.length })}</p>}
    </section>
  );
}

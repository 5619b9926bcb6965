import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api';
import { formatClock } from '../../core/time';
import { useLanguage, useT } from '../../i18n';
import { useConnectionHealth } from '../connections/use-connection-health';

export interface TerminalTarget {
  key: string;
  engine: string;
  id: string;
  name: string;
  command?: string[];
  confirmName?: string;
}

/** One exec session in xterm.js: a real TTY, resized with its box, ended with the exit code. */
export function TerminalView({ target, visible }: { target: TerminalTarget; visible: boolean }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<string>();
  const [exit, setExit] = useState<{ code: number | null; message: string }>();
  const [language] = useLanguage();
  // A frozen engine keeps the session's connection open and silent: say so, and offer a new session.
  const [down] = useConnectionHealth().down('docker', target.engine);
  const [interruptedAt, setInterruptedAt] = useState<number>();
  const [attempt, setAttempt] = useState(0);
  const live = session !== undefined && exit === undefined;
  useEffect(() => {
    if (down && live) setInterruptedAt((at) => at ?? down.downSince ?? Date.now());
  }, [down, live]);
  const reconnect = () => {
    setInterruptedAt(undefined);
    setExit(undefined);
    setSession(undefined);
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    const dark = document.documentElement.dataset.theme !== 'light';
    const term = new Terminal({
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
      fontSize: 13,
      cursorBlink: true,
      theme: dark ? { background: '#0d1014', foreground: '#d8dee9' } : { background: '#ffffff', foreground: '#1d2330', cursor: '#1d2330' },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(box.current!);
    fit.fit();
    let sessionId: string | undefined;
    const sendResize = () => {
      try {
        fit.fit();
      } catch {
        return;
      }
      if (sessionId) void client.invoke('exec.resize', { session: sessionId, cols: term.cols, rows: term.rows }).catch(() => undefined);
    };
    const observer = new ResizeObserver(() => sendResize());
    observer.observe(box.current!);
    const input = term.onData((data) => {
      if (sessionId) void client.invoke('exec.input', { session: sessionId, data }).catch(() => undefined);
    });
    const unsubscribe = client.subscribe(
      'exec.session',
      { engine: target.engine, id: target.id, command: target.command, cols: term.cols, rows: term.rows, confirmName: target.confirmName },
      {
        onItems(items) {
          for (const item of items) {
            if (item.kind === 'started') {
              sessionId = item.session;
              setSession(item.session);
              sendResize();
              term.focus();
            } else if (item.kind === 'data') term.write(item.data);
            else {
              setExit({ code: item.code, message: item.message });
              term.write(`\r\n\x1b[2m[${item.code !== null ? t('terminal.exited', { code: item.code }) : t('terminal.ended', { message: item.message })}]\x1b[0m\r\n`);
            }
          }
        },
        onEnd(error) {
          if (error) {
            setExit({ code: null, message: errorMessage(error) });
            term.write(`\r\n\x1b[31m${errorMessage(error)}\x1b[0m\r\n`);
          }
          sessionId = undefined;
        },
      },
    );
    return () => {
      unsubscribe();
      input.dispose();
      observer.disconnect();
      term.dispose();
    };
  }, [target, attempt]); // a new target (or a reconnect) is a new session

  const interrupted = interruptedAt !== undefined && visible && (
    <div className="terminal-interrupted" role="alert" data-testid="terminal-interrupted" data-engine-down={String(!!down)}>
      <span>
        {down
          ? t('terminal.interrupted', { engine: target.engine, since: formatClock(interruptedAt, language) })
          : t('terminal.interruptedBack', { engine: target.engine, since: formatClock(interruptedAt, language) })}
      </span>
      <button type="button" className="btn btn--small btn--primary" onClick={reconnect} data-testid="terminal-reconnect">
        {t('terminal.reconnect')}
      </button>
      {!down && (
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setInterruptedAt(undefined)} data-testid="terminal-keep">
          {t('terminal.keepSession')}
        </button>
      )}
    </div>
  );

  return (
    <>
    {interrupted}
    <div
      className="terminal-box"
      style={{ display: visible ? 'block' : 'none' }}
      ref={box}
      data-testid="terminal"
      data-session={session ?? ''}
      data-exit-code={exit && exit.code !== null ? String(exit.code) : undefined}
    />
    </>
  );
}

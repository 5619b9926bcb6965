import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import { client, errorMessage } from '../../api';
import { useT } from '../../i18n';

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
  }, [target]); // a new target is a new session

  return (
    <div
      className="terminal-box"
      style={{ display: visible ? 'block' : 'none' }}
      ref={box}
      data-testid="terminal"
      data-session={session ?? ''}
      data-exit-code={exit && exit.code !== null ? String(exit.code) : undefined}
    />
  );
}

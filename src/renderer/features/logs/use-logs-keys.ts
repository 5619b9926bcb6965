import type { RefObject } from 'react';
import { useKeymap } from '../../core/use-keymap';
import type { LogsViewAction, LogsViewState } from './logs-view-state';

interface LogsKeys {
  state: LogsViewState;
  dispatch(action: LogsViewAction): void;
  search: RefObject<HTMLInputElement | null>;
  goto(direction: 1 | -1): void;
  top(): void;
  bottom(): void;
}

/** The Logs screen's keys, on the console's keymap (listed by `?`). */
export function useLogsKeys({ state, dispatch, search, goto, top, bottom }: LogsKeys): void {
  const toggle = (option: 'timestamps' | 'wrap') => () => dispatch({ type: 'option', option, on: !state[option] });
  useKeymap('nav.logs', [
    {
      keys: ['/'],
      description: 'keys.logs.search',
      run: () => {
        search.current?.focus();
        search.current?.select();
      },
    },
    { keys: ['Enter', 'Shift+Enter'], description: 'keys.logs.searchKeys' },
    { keys: ['n'], description: 'keys.logs.next', run: () => goto(1) },
    { keys: ['N'], description: 'keys.logs.prev', run: () => goto(-1) },
    { keys: ['f'], description: 'keys.logs.follow', run: () => (state.follow ? dispatch({ type: 'option', option: 'follow', on: false }) : bottom()) },
    { keys: ['Space'], description: 'keys.logs.pause', run: () => dispatch({ type: 'togglePause' }) },
    { keys: ['e'], description: 'keys.logs.errors', run: () => dispatch({ type: 'toggleErrorsOnly' }) },
    { keys: ['w'], description: 'keys.logs.wrap', run: toggle('wrap') },
    { keys: ['t'], description: 'keys.logs.timestamps', run: toggle('timestamps') },
    { keys: ['Home'], description: 'keys.logs.top', run: top },
    { keys: ['End'], description: 'keys.logs.bottom', run: bottom },
  ]);
}

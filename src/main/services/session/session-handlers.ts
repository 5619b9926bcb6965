import type { AreaHandlers } from '../../core/handlers';
import type { SessionStore } from './session-store';

export function sessionHandlers(store: SessionStore): AreaHandlers<'session.get' | 'session.save', never> {
  return {
    calls: {
      'session.get': () => store.get(),
      'session.save': (session) => {
        store.save(session);
        return { ok: true as const };
      },
    },
    streams: {},
  };
}

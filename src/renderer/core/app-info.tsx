import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/domain';
import { client, errorMessage } from '../api';
import { useOnLinkReopen } from './link-state';

interface AppInfoValue {
  info?: AppInfo;
  error?: string;
  reload(): void;
}

const AppInfoContext = createContext<AppInfoValue | null>(null);

/** Loads `app.info` once (and again after the backend link comes back). */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<string>();

  const reload = useCallback(() => {
    client.invoke('app.info', {}).then(
      (result) => {
        setInfo(result);
        setError(undefined);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  useEffect(reload, [reload]);
  useOnLinkReopen(reload);

  const value = useMemo(() => ({ info, error, reload }), [info, error, reload]);
  return <AppInfoContext.Provider value={value}>{children}</AppInfoContext.Provider>;
}

export function useAppInfo(): AppInfoValue {
  const value = useContext(AppInfoContext);
  if (!value) throw new Error('useAppInfo() is used outside <AppInfoProvider>');
  return value;
}

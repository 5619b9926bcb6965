import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { readSetting, writeSetting } from './storage';

export type Theme = 'dark' | 'light';
const STORAGE_KEY = 'theme';

/** The remembered theme; dark unless the user chose light. */
export function rememberedTheme(): Theme {
  return readSetting(STORAGE_KEY) === 'light' ? 'light' : 'dark';
}

/** Sets the theme on <html> (the CSS variables hang off `data-theme`). */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

interface ThemeValue {
  theme: Theme;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
}

const ThemeContext = createContext<ThemeValue | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setThemeState] = useState<Theme>(rememberedTheme);

  const setTheme = useCallback((next: Theme) => {
    writeSetting(STORAGE_KEY, next);
    setThemeState(next);
  }, []);
  const toggleTheme = useCallback(() => setTheme(theme === 'dark' ? 'light' : 'dark'), [theme, setTheme]);

  useLayoutEffect(() => applyTheme(theme), [theme]);

  const value = useMemo(() => ({ theme, setTheme, toggleTheme }), [theme, setTheme, toggleTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme() is used outside <ThemeProvider>');
  return value;
}

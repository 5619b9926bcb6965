import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/dialog.css';
import { App } from './app/App';
import { loadSession } from './core/session';
import { applyTheme, rememberedTheme } from './core/theme';

// Before the first paint, so a light-theme user never sees a dark flash.
applyTheme(rememberedTheme());
// Asked for at once; the screens wait for it (briefly), the shell does not.
void loadSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/dialog.css';
import { App } from './app/App';
import { applyTheme, rememberedTheme } from './core/theme';

// Before the first paint, so a light-theme user never sees a dark flash.
applyTheme(rememberedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

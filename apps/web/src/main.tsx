import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { applyLocale, preferredLocale } from './i18n/index.ts';
import './ui/theme.css';
import './jobs/jobs.css';
import './jobs/job.css';
import './items/items.css';
import { applyTheme, storedTheme } from './ui/theme-choice.ts';

// Before the first paint, so a dark choice never flashes light.
applyTheme(storedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');

// Someone who chose another language sees it from the first paint (its chunk comes from the
// service worker's cache), not English for a moment; if it cannot load, English it is. Not a
// top-level await: that would keep the bundler from sharing the entry's code with lazy chunks.
void applyLocale(preferredLocale())
  .catch(() => undefined)
  .then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { applyLocale, prepareFormats, preferredLocale } from './i18n/index.ts';
import './ui/theme.css';
import './jobs/jobs.css';
import './jobs/job.css';
import './items/items.css';
import { applyTheme, storedTheme } from './ui/theme-choice.ts';
import { revealLiveApp } from './snapshot/home-snapshot.ts';

// Before the first paint, so a dark choice never flashes light.
applyTheme(storedTheme());

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
// A home snapshot (ADR 0034) is replaced when the live home has drawn; should that never happen
// (an error, a screen that forgets), the live app shows after this long regardless.
setTimeout(revealLiveApp, 6000);

// Someone who chose another language sees it from the first paint (its chunk comes from the
// service worker's cache), not English for a moment; if it cannot load, English it is. Not a
// top-level await: that would keep the bundler from sharing the entry's code with lazy chunks.
void applyLocale(preferredLocale())
  .catch(() => undefined)
  .then(() => {
    // The language is known: its date formats are built in a task of their own while the start
    // screen's code and data load, not inside the first list's render (format.ts).
    prepareFormats();
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });

/**
 * Renderer entry: mounts the app.
 *
 * Everything the UI knows comes through `window.wvphost` (preload/api.ts); there is no other
 * channel to the main process and no network access from here.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

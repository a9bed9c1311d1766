import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { OfflineBanner } from './ui/offline/OfflineBanner';
import './ui/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OfflineBanner />
    <App />
  </StrictMode>,
);

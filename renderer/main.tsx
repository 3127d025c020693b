// Renderer entry: finds `window.atm`, mounts the app and starts boot. Boot runs here, outside React, so
// StrictMode's double-run of effects cannot subscribe to main's events twice.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiUnavailable, App } from './App.tsx';
import { getAtm } from './atm.ts';
import { bootKiosk } from './boot.ts';
import { createIntents } from './intents.ts';
import './styles.css';

// A long press on a touchscreen opens the context menu; a kiosk has nothing to offer there.
window.addEventListener('contextmenu', (event) => event.preventDefault());
// Dragging a button's text or an image around the screen only confuses a customer.
window.addEventListener('dragstart', (event) => event.preventDefault());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

const atm = getAtm();
if (atm) {
  root.render(
    <StrictMode>
      <App intents={createIntents(atm)} />
    </StrictMode>,
  );
  void bootKiosk(atm);
} else {
  root.render(
    <StrictMode>
      <ApiUnavailable />
    </StrictMode>,
  );
}

// Starts the pane once office.js says where it runs. Outside Office (a plain browser) the host is null, or office.js
// did not load at all: the pane still renders and says to open it from Excel.
import { createRoot } from 'react-dom/client';
import { excelApiLoaded, officeRun } from '../excel';
import { embeddedCatalogue } from '../rules/catalogue';
import { App } from './App';
import { NoticePage } from './NoticePage';
import { defaultServices } from './services';

declare global {
  interface Window {
    /** The timer taskpane.html starts before office.js, to say so when Office is slow to start the pane. */
    __qualcheckSlowStart?: ReturnType<typeof setTimeout>;
    /** Shows taskpane.html's "still waiting for Office" note. */
    __qualcheckShowSlow?: () => void;
  }
}

/** How long Office may take to say where the pane runs before the pane says it is still waiting. */
const OFFICE_READY_MS = 10_000;

let mounted = false;

function mount(inExcel: boolean): void {
  if (mounted) return;
  mounted = true;
  clearTimeout(window.__qualcheckSlowStart);
  document.getElementById('slow-start')?.remove();
  const container = document.getElementById('root');
  if (!container) return;
  const params = new URLSearchParams(window.location.search);
  const notice = params.get('notice');
  if (notice !== null) {
    // Opened by the ribbon command as a dialog: tell the command to close it.
    const close = () => (inExcel ? Office.context.ui.messageParent('close') : window.close());
    createRoot(container).render(
      <NoticePage title={params.get('title') ?? 'qualcheck'} text={notice} onClose={close} />,
    );
    return;
  }
  const services = inExcel ? defaultServices(officeRun(), embeddedCatalogue()) : null;
  createRoot(container).render(<App services={services} />);
}

if (typeof Office === 'undefined') {
  mount(false);
} else {
  clearTimeout(window.__qualcheckSlowStart);
  // office.js loaded but Office does not say it is ready: after a while, say the pane is still waiting, and what to do.
  const waiting = setTimeout(() => window.__qualcheckShowSlow?.(), OFFICE_READY_MS);
  Office.onReady((info) => {
    clearTimeout(waiting);
    mount(String(info.host) === 'Excel' && excelApiLoaded());
  });
}

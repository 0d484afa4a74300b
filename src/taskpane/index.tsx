// Starts the pane once office.js says where it runs. Outside Office (a plain browser) the host is null, or office.js
// did not load at all: the pane still renders and says to open it from Excel.
import { createRoot } from 'react-dom/client';
import { officeRun } from '../excel/host';
import { embeddedCatalogue } from '../rules/catalogue';
import { App } from './App';
import { NoticePage } from './NoticePage';
import { defaultServices } from './services';

function mount(inExcel: boolean): void {
  const container = document.getElementById('root');
  if (!container) return;
  const params = new URLSearchParams(window.location.search);
  const notice = params.get('notice');
  if (notice !== null) {
    // Opened by the ribbon command as a dialog: tell the command to close it.
    const close = () => (inExcel ? Office.context.ui.messageParent('close') : window.close());
    createRoot(container).render(<NoticePage title={params.get('title') ?? 'qualcheck'} text={notice} onClose={close} />);
    return;
  }
  const services = inExcel ? defaultServices(officeRun(), embeddedCatalogue()) : null;
  createRoot(container).render(<App services={services} />);
}

if (typeof Office === 'undefined') {
  mount(false);
} else {
  Office.onReady((info) => mount(String(info.host) === 'Excel' && typeof Excel !== 'undefined'));
}

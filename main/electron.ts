// The Electron main process: thin glue around the same host that browser mode uses; it never loads the native
// engine itself (that runs in an agent child process).

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron';

import { ClientResources } from './host/client-resources.js';
import { agentArgsFor, openHost } from './host-connection/open-host.js';
import { utilityAgentLauncher } from './host-connection/utility-agent.js';
import { parseOptions } from './options.js';
import { forwardEvents, registerIpcHandlers } from './transport/electron-ipc.js';
import { ELECTRON_CSP } from './transport/static-files.js';

const rendererFile = join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile).toString();

/** Deny every navigation away from our page and every new window. */
function lockDown(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (url !== rendererUrl) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, grant) => grant(false));
  session.defaultSession.webRequest.onHeadersReceived((details, done) => {
    done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
}

async function openWindow(): Promise<void> {
  const argv = process.argv.slice(process.defaultApp ? 2 : 1).filter((a) => a !== '--');
  const opts = parseOptions(argv.filter((a) => !a.startsWith('--no-sandbox')));
  // The native engine runs in an agent: unprivileged in a utility process (the packaged binary cannot run in node
  // mode), as root through the installed launcher when the user authenticates (pkexec or sudo).
  const launcher = utilityAgentLauncher(
    (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    join(__dirname, 'agent-utility.cjs'),
    agentArgsFor(opts),
  );
  const host = await openHost(opts, {
    ...(opts.engine === 'native' ? { launcher } : {}),
    log: (line) => process.stderr.write(`agent: ${line}\n`),
  });
  // One window, one client: what it opens (map views, statistics) ends when it closes.
  const owned = new ClientResources(host);
  registerIpcHandlers(ipcMain, owned, rendererUrl);
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'bpfscope',
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  forwardEvents(host, win.webContents, owned);
  app.on('window-all-closed', () => void host.dispose().finally(() => app.quit()));
  await win.loadFile(rendererFile);
}

app
  .whenReady()
  .then(() => {
    lockDown();
    return openWindow();
  })
  .catch((e: unknown) => {
    dialog.showErrorBox('bpfscope could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });

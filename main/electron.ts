// The Electron main process: thin glue around the same host that browser mode uses; it never loads the native
// engine itself (that runs in an agent child process).

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { app, BrowserWindow, dialog, ipcMain, session, utilityProcess } from 'electron';

import { ClientResources } from './host/client-resources.js';
import { agentArgsFor, openHost, type UiHost } from './host-connection/open-host.js';
import { utilityAgentLauncher } from './host-connection/utility-agent.js';
import { defaultCommandHosts, hostControl } from './hosts/control.js';
import { listKubeNodes } from './hosts/kube-nodes.js';
import { defaultLaunchers } from './hosts/launchers.js';
import { configDir, hostsFile } from './hosts/persist.js';
import { HostRegistry } from './hosts/registry.js';
import { readSshConfigHosts } from './hosts/ssh-config.js';
import { parseOptions } from './options.js';
import {
  forwardEvents,
  forwardHostEvents,
  registerHostControl,
  registerIpcHandlers,
} from './transport/electron-ipc.js';
import { registerSaveFile } from './transport/electron-save.js';
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
  const log = (line: string) => void process.stderr.write(`${line}\n`);
  // The native engine runs in an agent: unprivileged in a utility process (the packaged binary cannot run in node
  // mode), as root through the installed launcher when the user authenticates (pkexec or sudo).
  const open = (engine: 'emulated' | 'native') =>
    openHost(
      { ...opts, engine },
      {
        ...(engine === 'native'
          ? {
              launcher: utilityAgentLauncher(
                (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
                join(__dirname, 'agent-utility.cjs'),
                agentArgsFor({ ...opts, engine }),
              ),
            }
          : {}),
        log: (line) => log(`agent: ${line}`),
      },
    );
  // The engine asked for opens first, and the app stops with its reason when it cannot.
  let first: UiHost | undefined = await open(opts.engine);
  const registry = new HostRegistry({
    primary: opts.engine,
    openLocal: (engine) => {
      const opened = engine === opts.engine ? first : undefined;
      first = undefined;
      return opened ? Promise.resolve(opened) : open(engine);
    },
    launchers: defaultLaunchers(log),
    file: hostsFile(configDir()),
    sshConfig: () => readSshConfigHosts(),
    kubeNodes: () => listKubeNodes(),
    log,
  });
  await registry.start();
  const control = hostControl(registry, defaultCommandHosts(process.getuid?.(), opts.allowCommandHosts ?? false));
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
  // One window, one client per host: what it opens there (map views, statistics) ends when it closes.
  const owned = new Map<string, ClientResources>();
  const ownedOn = (id: string): ClientResources | undefined => {
    const link = registry.link(id);
    if (!link) return undefined;
    let mine = owned.get(id);
    if (!mine) {
      mine = new ClientResources(link);
      owned.set(id, mine);
      forwardEvents(link, win.webContents, mine, id);
    }
    return mine;
  };
  for (const h of registry.listing().hosts) ownedOn(h.id);
  registry.subscribe((e) => {
    if (e.type === 'hosts-changed') for (const h of e.listing.hosts) ownedOn(h.id);
  });
  registerIpcHandlers(ipcMain, ownedOn(registry.primary)!, rendererUrl, ownedOn);
  registerHostControl(ipcMain, control, rendererUrl);
  registerSaveFile(
    ipcMain,
    async (suggested) => {
      const filters = [{ name: 'bpfscope snapshot', extensions: ['bpfsnap'] }];
      const r = await dialog.showSaveDialog(win, { defaultPath: suggested, filters });
      return r.canceled ? undefined : r.filePath;
    },
    rendererUrl,
  );
  forwardHostEvents(control, win.webContents);
  app.on('window-all-closed', () => void registry.dispose().finally(() => app.quit()));
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

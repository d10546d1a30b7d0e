// `npm start`: Electron on the emulated engine. npm does not run Electron's download script at install
// (allowScripts denies it so an offline `npm ci` succeeds), so the binary is fetched here on first start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function electronBinary() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

function installElectron() {
  const dir = dirname(require.resolve('electron/package.json'));
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  return r.status === 0;
}

let bin = electronBinary();
if (!bin && installElectron()) bin = electronBinary();
if (!bin) {
  console.error(
    'bpfscope: the Electron binary is not installed and could not be downloaded here; run the same app in your browser with `npm run serve`.',
  );
  process.exit(1);
}
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);
const args = [join(root, 'dist/main/electron.cjs'), ...process.argv.slice(2)];
const child = spawn(bin, args, { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));

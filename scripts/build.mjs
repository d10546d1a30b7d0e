// Builds everything that runs: the renderer (Vite), browser-mode main (ESM), Electron main and preload (CJS).

import { fileURLToPath } from 'node:url';

import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await viteBuild({ configFile: `${root}/renderer/vite.config.ts`, logLevel: 'warn' });
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['main/cli.ts'],
    outfile: 'dist/main/cli.js',
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/electron.ts'],
    outfile: 'dist/main/electron.cjs',
    format: 'cjs',
    external: ['electron', 'koffi', 'ws'],
  }),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({
    ...common,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
]);

// Builds everything that runs: the renderer (Vite), browser-mode main (ESM), Electron main, preload and the libbpf
// loader child (CJS).

import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

import { buildAgentBundle } from './agent-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

// Chunk names carry content hashes: drop the last build's, so that dist/ holds only what this one made.
rmSync(`${root}/dist/main/chunks`, { recursive: true, force: true });
await viteBuild({ configFile: `${root}/renderer/vite.config.ts`, logLevel: 'warn' });
await Promise.all([
  // The agent that ssh hosts get when they have none (main/host-connection/ssh-boot.ts).
  buildAgentBundle(`${root}/dist/agent`),
  // Split at dynamic imports: the agent and the native engine (koffi) are chunks only `bpfscope agent` loads,
  // so serve's own process never holds the native engine.
  esbuild({
    ...common,
    entryPoints: ['main/cli.ts'],
    outdir: 'dist/main',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/electron.ts'],
    outfile: 'dist/main/electron.cjs',
    format: 'cjs',
    external: ['electron', 'koffi', 'ws'],
    // Modules find files next to them through import.meta.url, which CJS lacks.
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': 'importMetaUrl' },
  }),
  // The libbpf loader child (its own process, so a libbpf crash is not ours): CJS runs under node and Electron.
  esbuild({
    ...common,
    entryPoints: ['main/engine/native/loader-child.ts'],
    outfile: 'dist/main/loader-child.cjs',
    format: 'cjs',
    packages: 'external',
  }),
  // The unprivileged agent in Electron: a utility process module (main/agent/utility-entry.ts).
  esbuild({
    ...common,
    entryPoints: ['main/agent/utility-entry.ts'],
    outfile: 'dist/main/agent-utility.cjs',
    format: 'cjs',
    external: ['electron', 'koffi'],
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': 'importMetaUrl' },
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
// The `bpfscope` bin (package.json) runs this file directly through its shebang.
chmodSync(`${root}/dist/main/cli.js`, 0o755);

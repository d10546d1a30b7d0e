// The agent that bpfscope ships to a remote host (main/host-connection/ssh-boot.ts): one CommonJS file with every
// package but koffi's native module bundled in, the libbpf loader child beside it, and koffi's prebuilt module
// for each Linux architecture this checkout holds (node_modules/@koromix/koffi-linux-*), which the bundled koffi
// finds by require() from node_modules/ next to it. `node scripts/agent-bundle.mjs OUTDIR` builds it elsewhere.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const AGENT_ARCHES = ['x64', 'arm64'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** koffi's prebuild package for linux-ARCH: installed, or fetched into node_modules/.cache; undefined if neither. */
function koffiPrebuild(arch) {
  const name = `@koromix/koffi-linux-${arch}`;
  const installed = join(root, 'node_modules', name);
  if (existsSync(installed)) return installed;
  const { version } = readJson(join(root, 'node_modules/koffi/package.json'));
  const cache = join(root, 'node_modules/.cache/bpfscope-koffi', `linux-${arch}-${version}`);
  if (existsSync(join(cache, 'package/package.json'))) return join(cache, 'package');
  try {
    mkdirSync(cache, { recursive: true });
    const npm = ['pack', `${name}@${version}`, '--pack-destination', cache, '--silent'];
    const tgz = join(cache, execFileSync('npm', npm, { encoding: 'utf8', cwd: cache }).trim().split('\n').pop());
    const locked = readJson(join(root, 'package-lock.json')).packages?.[`node_modules/${name}`];
    if (locked?.version !== version || !locked.integrity) throw new Error(`package-lock.json does not pin ${name}`);
    const [algorithm, expected] = locked.integrity.split('-');
    if (createHash(algorithm).update(readFileSync(tgz)).digest('base64') !== expected) {
      throw new Error(`${tgz} does not match package-lock.json's integrity`);
    }
    execFileSync('tar', ['xzf', tgz, '-C', cache]);
    return join(cache, 'package');
  } catch (e) {
    rmSync(cache, { recursive: true, force: true });
    process.stderr.write(
      `warning: no koffi prebuild for linux-${arch} (${e.message}); such ssh hosts need bpfscope installed\n`,
    );
    return undefined;
  }
}

export async function buildAgentBundle(outdir = join(root, 'dist/agent')) {
  rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    absWorkingDir: root,
    // koffi's JavaScript is bundled; its native module is the one file per architecture that is not.
    external: ['electron', '@koromix/*'],
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': 'importMetaUrl' },
  };
  await Promise.all([
    build({ ...common, entryPoints: ['main/agent/remote-entry.ts'], outfile: join(outdir, 'bpfscope-agent.cjs') }),
    build({
      ...common,
      entryPoints: ['main/engine/native/loader-child.ts'],
      outfile: join(outdir, 'loader-child.cjs'),
    }),
  ]);
  // The agent names its version from the nearest package.json named bpfscope (main/agent/facts.ts).
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ name: 'bpfscope', version, private: true })}\n`);
  const arches = [];
  for (const arch of AGENT_ARCHES) {
    const pkg = koffiPrebuild(arch);
    if (!pkg) continue;
    const to = join(outdir, 'node_modules/@koromix', `koffi-linux-${arch}`);
    cpSync(pkg, to, { recursive: true, filter: (src) => !src.endsWith('.md') });
    arches.push(arch);
  }
  return { outdir, arches, files: readdirSync(outdir, { recursive: true }) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outdir, arches } = await buildAgentBundle(process.argv[2]);
  process.stdout.write(`${JSON.stringify({ outdir, arches })}\n`);
}

// Installs the agent that pkexec and sudo run as root, under a staging root (--prefix build/deb-root, for the .deb)
// or for real (--prefix /, as root):
//   usr/lib/bpfscope/bpfscope-agent          the launcher (packaging/linux), the polkit action's exec.path
//   usr/lib/bpfscope/agent/agent.js          the agent bundled from main/agent/installed-entry.ts
//   usr/lib/bpfscope/agent/node_modules/     koffi and its native part for this platform, as real packages
//   usr/share/polkit-1/actions/io.bpfscope.agent.policy
// Files are 0644 (launcher 0755), directories 0755, and owned by root when run as root: a root process must never
// run code its user could change.
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: { prefix: { type: 'string', default: '/' }, node: { type: 'string', default: '/usr/bin/node' } },
});
const prefix = resolve(values.prefix);
if (!values.node.startsWith('/')) throw new Error(`--node must be an absolute path, not ${values.node}`);

const lib = join(prefix, 'usr/lib/bpfscope');
const agentDir = join(lib, 'agent');
const actions = join(prefix, 'usr/share/polkit-1/actions');

// A fresh copy each time: nothing left from an older install runs as root.
rmSync(lib, { recursive: true, force: true });
mkdirSync(agentDir, { recursive: true });
mkdirSync(actions, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['main/agent/installed-entry.ts'],
  outfile: join(agentDir, 'agent.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['koffi'],
  logLevel: 'warning',
});
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// "type": "module" makes node read agent.js as ESM; name and version are what the agent's hello reports.
writeFileSync(
  join(agentDir, 'package.json'),
  `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
);

const platformPkg = `@koromix/koffi-${process.platform}-${process.arch}`;
for (const name of ['koffi', platformPkg]) {
  cpSync(join(root, 'node_modules', name), join(agentDir, 'node_modules', name), {
    recursive: true,
    dereference: true,
  });
}

const launcher = readFileSync(join(root, 'packaging/linux/bpfscope-agent'), 'utf8').replace(
  '/usr/bin/node ',
  `${values.node} `,
);
writeFileSync(join(lib, 'bpfscope-agent'), launcher);
const policy = 'io.bpfscope.agent.policy';
cpSync(join(root, 'packaging/linux', policy), join(actions, policy));

const asRoot = process.getuid?.() === 0;
/** 0755 directories, 0644 files, root-owned when we can: walked from `top` down. */
function settle(top) {
  const st = statSync(top);
  if (asRoot) chownSync(top, 0, 0);
  chmodSync(top, st.isDirectory() ? 0o755 : 0o644);
  if (st.isDirectory()) for (const entry of readdirSync(top)) settle(join(top, entry));
}
settle(lib);
settle(join(actions, policy));
chmodSync(join(lib, 'bpfscope-agent'), 0o755);
process.stdout.write(`installed the bpfscope agent under ${lib} (node: ${values.node}) and ${join(actions, policy)}\n`);

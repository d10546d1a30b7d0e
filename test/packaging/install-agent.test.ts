// The packaged root agent, for real: scripts/install-agent.mjs stages launcher, bundle (koffi beside it) and polkit
// action the way the .deb installs them; the launcher runs only root-owned code with an empty environment; the bundle speaks the agent protocol and refuses what it must.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FrameReader } from '../../shared/agent-frames.js';
import { INSTALLED_AGENT_LAUNCHER } from '../../shared/elevation.js';

import { canMountBpffs, mountPrivateBpffs, type PrivateBpffs } from '../support/bpffs.js';

const POLICY = 'usr/share/polkit-1/actions/io.bpfscope.agent.policy';
let prefix: string;
beforeAll(() => {
  prefix = mkdtempSync(join(tmpdir(), 'bpfscope-install-'));
  execFileSync(process.execPath, ['scripts/install-agent.mjs', '--prefix', prefix], { stdio: 'pipe' });
}, 120_000);
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

const staged = (path: string): string => join(prefix, path);
const agentJs = (): string => staged('usr/lib/bpfscope/agent/agent.js');

describe('the installed agent layout', () => {
  it('has the launcher, the bundle with koffi as a package beside it, and the polkit action', () => {
    for (const path of [
      INSTALLED_AGENT_LAUNCHER.slice(1),
      'usr/lib/bpfscope/agent/agent.js',
      'usr/lib/bpfscope/agent/package.json',
      'usr/lib/bpfscope/agent/node_modules/koffi/package.json',
      `usr/lib/bpfscope/agent/node_modules/@koromix/koffi-${process.platform}-${process.arch}/package.json`,
      POLICY,
    ]) {
      expect(existsSync(staged(path)), path).toBe(true);
    }
    expect(JSON.parse(readFileSync(staged('usr/lib/bpfscope/agent/package.json'), 'utf8'))).toMatchObject({
      name: 'bpfscope',
      type: 'module',
    });
  });

  it('leaves nothing its user could change: no group- or world-writable file, root-owned when installed as root', () => {
    const walk = (path: string): string[] =>
      statSync(path).isDirectory()
        ? [
            path,
            ...execFileSync('ls', ['-A', path], { encoding: 'utf8' })
              .split('\n')
              .filter(Boolean)
              .flatMap((e) => walk(join(path, e))),
          ]
        : [path];
    for (const path of [...walk(staged('usr/lib/bpfscope')), staged(POLICY)]) {
      const st = statSync(path);
      expect(st.mode & 0o022, relative(prefix, path)).toBe(0);
      if (process.getuid?.() === 0) expect([st.uid, st.gid], relative(prefix, path)).toEqual([0, 0]);
    }
    expect(statSync(staged(INSTALLED_AGENT_LAUNCHER.slice(1))).mode & 0o777).toBe(0o755);
  });

  it('has a launcher that runs the installed bundle with system node and an empty environment', () => {
    const launcher = readFileSync(staged(INSTALLED_AGENT_LAUNCHER.slice(1)), 'utf8');
    const exec = launcher
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join(' ')
      .replace(/\\/g, ' ')
      .replace(/\s+/g, ' ');
    expect(exec).toMatch(
      /exec \/usr\/bin\/env -i PATH=\S+ LANG=\S+ \/usr\/bin\/node \/usr\/lib\/bpfscope\/agent\/agent\.js --stdio "\$@"/,
    );
  });

  it('is what the deb maps into the package (electron-builder.yml fpm src=dst)', () => {
    const yml = readFileSync('electron-builder.yml', 'utf8');
    const mappings = [...yml.matchAll(/^\s+- build\/deb-root\/(\S+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(mappings.length).toBeGreaterThan(0);
    const covered = new Set<string>();
    for (const [src, dst] of mappings) {
      expect(`/${src}`, 'every file lands where it was staged').toBe(dst);
      covered.add(dst);
    }
    for (const needed of ['/usr/lib/bpfscope/', `/${POLICY}`]) expect(covered).toContain(needed);
    expect(readFileSync('package.json', 'utf8')).toContain('install-agent.mjs --prefix build/deb-root');
    expect(yml).toMatch(/- nodejs \(>= 20\)/);
  });
});

const cannotMount = canMountBpffs();
if (cannotMount) console.warn(`[install-agent.test.ts] running the bundle on a mount skipped: ${cannotMount}`);

describe('the installed bundle', () => {
  let mount: PrivateBpffs | undefined;
  afterAll(() => mount?.cleanup());
  const run = (args: string[]) =>
    spawnSync('/usr/bin/env', ['-i', process.execPath, agentJs(), ...args], { input: '', timeout: 20_000 });

  it.each([
    [['--stdio', '--bpffs', '/tmp'], '--bpffs /tmp is not a bpffs mount point'],
    [['--stdio', '--engine', 'native', '--bpffs', '/etc/../tmp'], 'clean absolute path'],
    [['--stdio', '--empty'], 'refuses the argument "--empty"'],
  ])('refuses %j with exit 2 before opening anything', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toContain(message);
    expect(r.stdout).toHaveLength(0);
  });

  it.skipIf(cannotMount !== undefined)(
    'speaks the agent protocol on a bpffs mount: hello with its version',
    async () => {
      mount = await mountPrivateBpffs();
      const r = run(['--stdio', '--engine', 'native', '--bpffs', mount.dir]);
      expect(r.status, r.stderr.toString()).toBe(0);
      const [hello] = new FrameReader().push(r.stdout);
      expect(hello).toMatchObject({
        ok: true,
        value: { hello: { role: 'agent', uid: process.getuid?.(), version: '0.1.0', engine: { engine: 'native' } } },
      });
    },
  );
});

// Where the host list comes from besides the user: ~/.ssh/config's concrete hosts (Include followed), the kube
// context's nodes (none here: the reason is said), and hosts.json in the XDG config folder.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { listKubeNodes } from './kube-nodes.js';
import { configDir, hostsFile } from './persist.js';
import { configWords, readSshConfigHosts } from './ssh-config.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'bpfscope-discovery-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ssh config', () => {
  it('lists concrete Host names, follows Include with globs, and skips patterns', () => {
    const ssh = temp();
    mkdirSync(join(ssh, 'conf.d'));
    writeFileSync(
      join(ssh, 'config'),
      [
        '# my hosts',
        'Host web1 web2 *.internal !bastion',
        '  HostName 10.0.0.1',
        'Host=db',
        'host "with space"',
        'Include conf.d/*.conf missing.conf',
        'Match host foo exec "true"',
        '  User x',
        'Host *',
        '  ServerAliveInterval 15',
      ].join('\n'),
    );
    writeFileSync(join(ssh, 'conf.d', 'a.conf'), 'Host lab\nInclude ../config\n');
    writeFileSync(join(ssh, 'conf.d', 'b.txt'), 'Host notincluded\n');
    const found = readSshConfigHosts(join(ssh, 'config'));
    expect(found.hosts).toEqual(['web1', 'web2', 'db', 'with space', 'lab']);
    expect(found.notes).toEqual([]);
  });

  it('has no hosts and no complaint when there is no config, and notes an unreadable one', () => {
    const ssh = temp();
    expect(readSshConfigHosts(join(ssh, 'config'))).toEqual({ hosts: [], notes: [] });
    mkdirSync(join(ssh, 'config'));
    const found = readSshConfigHosts(join(ssh, 'config'));
    expect(found.hosts).toEqual([]);
    expect(found.notes[0]).toContain('could not be read (EISDIR)');
  });

  it('splits keyword lines the way ssh does', () => {
    expect(configWords('  Host  a  "b c"')).toEqual(['Host', 'a', 'b c']);
    expect(configWords('Port=22')).toEqual(['Port', '22']);
    expect(configWords('# comment')).toEqual([]);
  });
});

describe('kubectl nodes', () => {
  it('says there is no context when no kubeconfig exists, without running kubectl', async () => {
    const home = temp();
    const found = await listKubeNodes({ env: { HOME: home, PATH: '' } });
    expect(found).toEqual({ nodes: [], reason: `no kubectl context: ${join(home, '.kube/config')} does not exist` });
  });

  it("says why when the context's cluster cannot be reached", async () => {
    const home = temp();
    const cfg = join(home, 'kubeconfig');
    writeFileSync(
      cfg,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: x, context: {cluster: c, user: u}}]',
        'current-context: x',
      ].join('\n'),
    );
    const found = await listKubeNodes({ env: { ...process.env, HOME: home, KUBECONFIG: cfg }, timeoutMs: 3000 });
    expect(found.nodes).toEqual([]);
    expect(found.reason).toMatch(/(is not installed or not on PATH|No Kubernetes cluster is reachable|did not answer)/);
  });
});

describe('hosts.json', () => {
  it('lives in $XDG_CONFIG_HOME/bpfscope, else ~/.config/bpfscope', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' })).toBe('/x/cfg/bpfscope');
    expect(configDir({ HOME: '/home/u' })).toBe('/home/u/.config/bpfscope');
    expect(configDir({ XDG_CONFIG_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.config/bpfscope');
  });

  it('round-trips the hosts added by hand, private to the user', () => {
    const dir = join(temp(), 'bpfscope');
    const file = hostsFile(dir);
    const hosts = [
      { label: 'db', spec: { kind: 'ssh' as const, destination: 'db1', port: 2222 } },
      { label: 'agent', spec: { kind: 'command' as const, argv: ['node', 'cli.js', 'agent', '--stdio'] } },
    ];
    file.save(hosts);
    expect(hostsFile(dir).load()).toEqual({ hosts });
    expect(readdirSync(dir)).toEqual(['hosts.json']);
  });

  it('keeps a file it cannot read aside instead of overwriting it', () => {
    const dir = temp();
    writeFileSync(join(dir, 'hosts.json'), '{"version": 1, "hosts": [');
    const file = hostsFile(dir);
    const loaded = file.load();
    expect(loaded.hosts).toEqual([]);
    expect(loaded.note).toContain('is not JSON');
    file.save([{ label: 'x', spec: { kind: 'local', engine: 'native' } }]);
    const kept = readdirSync(dir).find((f) => f.startsWith('hosts.json.unreadable-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!), 'utf8')).toBe('{"version": 1, "hosts": [');
    expect(hostsFile(dir).load().hosts).toHaveLength(1);
  });
});

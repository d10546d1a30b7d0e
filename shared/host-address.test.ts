// How users write hosts: user@host:port (IPv6 in brackets) and a custom command line, both ways.
import { describe, expect, it } from 'vitest';

import {
  formatCommandLine,
  formatDestination,
  hostIdFor,
  hostLabelFor,
  parseDestination,
  splitCommandLine,
} from './host-address.js';
import { hostSpecSchema } from './hosts.js';

describe('user@host:port', () => {
  it.each([
    ['web1', { kind: 'ssh', destination: 'web1' }],
    ['root@web1', { kind: 'ssh', destination: 'web1', user: 'root' }],
    ['web1:2222', { kind: 'ssh', destination: 'web1', port: 2222 }],
    ['ops@[::1]:22', { kind: 'ssh', destination: '::1', user: 'ops', port: 22 }],
    ['fe80::1', { kind: 'ssh', destination: 'fe80::1' }],
    [' 10.0.0.1 ', { kind: 'ssh', destination: '10.0.0.1' }],
  ])('%s', (text, spec) => {
    const parsed = parseDestination(text);
    expect(parsed).toEqual({ ok: true, value: spec });
    if (parsed.ok) expect(parseDestination(formatDestination(parsed.value))).toEqual(parsed);
  });

  it.each([
    ['', 'Type a host'],
    ['web1:ssh', 'the port must be a number'],
    ['web1:70000', 'port'],
    ['-oProxyCommand=evil', 'not an option'],
    ['a b', 'destination'],
    ['[::1', 'closing ]'],
    ['bad user@web1', 'user'],
  ])('refuses %j', (text, why) => {
    const parsed = parseDestination(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(why);
  });

  it('gives the same host the same id however it was typed', () => {
    const a = parseDestination('root@web1:22');
    const b = parseDestination(' root@web1:22');
    expect(a.ok && b.ok && hostIdFor(a.value) === hostIdFor(b.value)).toBe(true);
  });
});

describe('the bpffs mount of an ssh host', () => {
  it('makes another entry of the same destination, named with its mount', () => {
    const spec = { kind: 'ssh', destination: 'lab', user: 'ops', bpffs: '/run/bpf' } as const;
    expect(hostIdFor(spec)).not.toBe(hostIdFor({ kind: 'ssh', destination: 'lab', user: 'ops' }));
    expect(hostLabelFor(spec)).toBe('ops@lab (/run/bpf)');
  });

  it('must be an absolute path', () => {
    expect(hostSpecSchema.safeParse({ kind: 'ssh', destination: 'lab', bpffs: '/run/bpf' }).success).toBe(true);
    expect(hostSpecSchema.safeParse({ kind: 'ssh', destination: 'lab', bpffs: 'run/bpf' }).success).toBe(false);
    expect(hostSpecSchema.safeParse({ kind: 'ssh', destination: 'lab', bpffs: '/' }).success).toBe(false);
  });
});

describe('custom command lines', () => {
  it('splits like sh without expanding anything', () => {
    expect(splitCommandLine(`node  dist/main/cli.js agent --stdio`)).toEqual({
      ok: true,
      value: ['node', 'dist/main/cli.js', 'agent', '--stdio'],
    });
    expect(splitCommandLine(`ssh -T 'my host' "a \\"b\\"" c\\ d $HOME ''`)).toEqual({
      ok: true,
      value: ['ssh', '-T', 'my host', 'a "b"', 'c d', '$HOME', ''],
    });
  });

  it('refuses an unclosed quote and an empty line', () => {
    expect(splitCommandLine(`echo 'x`)).toEqual({ ok: false, error: "The command has an unclosed '." });
    expect(splitCommandLine('   ').ok).toBe(false);
  });

  it('writes argv back so that it splits to the same words', () => {
    const argv = ['kubectl', 'exec', '-i', 'pod', '--', "it's", 'a b', ''];
    const line = formatCommandLine(argv);
    expect(splitCommandLine(line)).toEqual({ ok: true, value: argv });
  });
});

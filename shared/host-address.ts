// How a host is written and named: `user@host:port` (IPv6 in brackets) both ways, a custom command line split into
// argv the way a shell would (quotes, backslashes, no expansion), and each spec's stable id and label.
import { type HostSpec, hostSpecSchema } from './hosts.js';

export type SshSpec = Extract<HostSpec, { kind: 'ssh' }>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** `host`, `user@host`, `host:22`, `user@[::1]:2222`, or a bare IPv6 address. */
export function parseDestination(text: string): Parsed<SshSpec> {
  const t = text.trim();
  if (t === '') return { ok: false, error: 'Type a host: user@host:port, where user and port are optional.' };
  const at = t.lastIndexOf('@');
  const userPart = at >= 0 ? t.slice(0, at) : undefined;
  let rest = at >= 0 ? t.slice(at + 1) : t;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { ok: false, error: `"${t}": an IPv6 address in [ ] lacks its closing ].` };
    const after = rest.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return { ok: false, error: `"${t}": only :port may follow ].` };
    portText = after === '' ? undefined : after.slice(1);
    rest = rest.slice(1, close);
  } else if (rest.split(':').length === 2) {
    [rest, portText] = rest.split(':') as [string, string];
  }
  const spec: SshSpec = { kind: 'ssh', destination: rest };
  if (userPart !== undefined) spec.user = userPart;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText))
      return { ok: false, error: `"${t}": the port must be a number, not "${portText}".` };
    spec.port = Number(portText);
  }
  const checked = hostSpecSchema.safeParse(spec);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      error: `"${t}": the ${String(issue?.path.at(-1) ?? 'host')} ${issue?.message ?? 'is invalid'}.`,
    };
  }
  return { ok: true, value: spec };
}

export function formatDestination(spec: SshSpec): string {
  const host = spec.destination.includes(':') ? `[${spec.destination}]` : spec.destination;
  return `${spec.user ? `${spec.user}@` : ''}${host}${spec.port ? `:${spec.port}` : ''}`;
}

/** Splits a command line as sh would, without expansion: 'single', "double" with \-escapes, and \x outside. */
export function splitCommandLine(text: string): Parsed<string[]> {
  const argv: string[] = [];
  let word: string | null = null;
  const add = (c: string) => (word = (word ?? '') + c);
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else add(c);
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) add(text[++i]!);
      else add(c);
    } else if (/\s/.test(c)) {
      if (word !== null) argv.push(word);
      word = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      add('');
    } else if (c === '\\' && i + 1 < text.length) add(text[++i]!);
    else add(c);
  }
  if (quote) return { ok: false, error: `The command has an unclosed ${quote}.` };
  if (word !== null) argv.push(word);
  if (argv.length === 0) return { ok: false, error: 'Type the command that runs the agent on stdin/stdout.' };
  return { ok: true, value: argv };
}

const quoteArg = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);

export function formatCommandLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/** A stable id: the same host added twice is the same entry. */
export function hostIdFor(spec: HostSpec): string {
  switch (spec.kind) {
    case 'local':
      return `local:${spec.engine}`;
    case 'ssh':
      return `ssh:${formatDestination(spec)}${spec.bpffs ? ` ${spec.bpffs}` : ''}`;
    case 'kubectl':
      return `kubectl:${spec.mode}:${spec.node}`;
    case 'command':
      return `command:${formatCommandLine(spec.argv)}`;
    case 'snapshot':
      return `snapshot:${spec.serial}`;
  }
}

export function hostLabelFor(spec: HostSpec): string {
  switch (spec.kind) {
    case 'local':
      return `This computer (${spec.engine})`;
    case 'ssh':
      return spec.bpffs ? `${formatDestination(spec)} (${spec.bpffs})` : formatDestination(spec);
    case 'kubectl':
      return `node ${spec.node}`;
    case 'command':
      return formatCommandLine(spec.argv);
    case 'snapshot':
      return `snapshot ${spec.file}`;
  }
}

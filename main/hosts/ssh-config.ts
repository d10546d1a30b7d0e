// The concrete hosts of the user's ssh configuration: every name on a `Host` line that is not a pattern (no *, ?
// or !), following `Include` (relative to ~/.ssh, globs in the file name) the way ssh does. ssh itself reads the
// options; bpfscope only lists the names. Unreadable files are noted, never fatal.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

export interface SshConfigHosts {
  hosts: string[];
  notes: string[];
}

/** ssh's own limit on nested Include. */
const MAX_DEPTH = 16;

/** The words of one config line: `Keyword args`, `Keyword=args`, with "double quotes" around words. */
export function configWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return words;
  // The keyword may be followed by "=" instead of spaces.
  const m = /^(\S+?)\s*(?:=\s*|\s+)(.*)$/.exec(trimmed);
  if (!m) return [trimmed];
  words.push(m[1]!);
  for (const w of m[2]!.matchAll(re)) {
    const word = w[1] ?? w[2];
    if (word !== undefined && word !== '') words.push(word);
  }
  return words;
}

const isPattern = (name: string): boolean => /[*?!]/.test(name);

function globFiles(pattern: string): string[] {
  const dir = dirname(pattern);
  const name = basename(pattern);
  if (!/[*?]/.test(name)) return [pattern];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f) && !f.startsWith('.'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function readSshConfigHosts(path = join(homedir(), '.ssh', 'config')): SshConfigHosts {
  const sshDir = dirname(path);
  const hosts = new Set<string>();
  const notes: string[] = [];
  const seen = new Set<string>();
  const read = (file: string, depth: number, optional: boolean): void => {
    if (seen.has(file)) return;
    seen.add(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (!(optional && code === 'ENOENT')) notes.push(`${file} could not be read (${code ?? 'EIO'}).`);
      return;
    }
    for (const line of text.split(/\r?\n/)) {
      const [keyword, ...args] = configWords(line);
      const key = keyword?.toLowerCase();
      if (key === 'host') for (const name of args) if (!isPattern(name)) hosts.add(name);
      if (key === 'include') {
        if (depth >= MAX_DEPTH) {
          notes.push(`${file}: Include nested more than ${MAX_DEPTH} deep, not followed.`);
          continue;
        }
        for (const arg of args) {
          const expanded = arg.startsWith('~/') ? join(homedir(), arg.slice(2)) : arg;
          for (const f of globFiles(isAbsolute(expanded) ? expanded : join(sshDir, expanded))) read(f, depth + 1, true);
        }
      }
    }
  };
  read(path, 0, true);
  return { hosts: [...hosts], notes };
}

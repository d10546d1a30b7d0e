// Hosts added by hand, remembered in $XDG_CONFIG_HOME/bpfscope/hosts.json (~/.config by default). A file that
// cannot be read is never overwritten: it is set aside as hosts.json.unreadable-TIME first, and the reason shown.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { z } from 'zod';

import { type HostSpec, hostSpecSchema } from '../../shared/hosts.js';

export interface SavedHost {
  label: string;
  spec: HostSpec;
}

const fileSchema = z.object({
  version: z.literal(1),
  hosts: z.array(z.object({ label: z.string().min(1).max(120), spec: hostSpecSchema })),
});

/** The folder bpfscope's settings live in, as the XDG base directory spec says. */
export function configDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const base = xdg?.startsWith('/') ? xdg : join(env.HOME ?? homedir(), '.config');
  return join(base, 'bpfscope');
}

export interface HostsFile {
  path: string;
  /** What the file holds; with a note when it could not be read (the file is then left alone until a save). */
  load(): { hosts: SavedHost[]; note?: string };
  save(hosts: readonly SavedHost[]): void;
}

export function hostsFile(dir: string): HostsFile {
  const path = join(dir, 'hosts.json');
  let unreadable = false;
  return {
    path,
    load: () => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { hosts: [] };
        unreadable = true;
        return { hosts: [], note: `${path} could not be read (${code ?? 'EIO'}); hosts added by hand are not listed.` };
      }
      try {
        const parsed = fileSchema.parse(JSON.parse(text));
        return { hosts: parsed.hosts.map((h) => ({ label: h.label, spec: h.spec as HostSpec })) };
      } catch (e) {
        unreadable = true;
        const why = e instanceof SyntaxError ? 'not JSON' : 'not a bpfscope hosts file';
        return { hosts: [], note: `${path} is ${why}; it is kept as it is until you add a host.` };
      }
    },
    save: (hosts) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (unreadable) {
        try {
          renameSync(path, `${path}.unreadable-${Date.now()}`);
        } catch {
          // gone meanwhile: nothing to keep
        }
        unreadable = false;
      }
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: 1, hosts }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}

// What the agent says of itself in its hello: version, kernel, who it runs as, its capabilities, the bpffs it sees.
import { readFileSync } from 'node:fs';
import { release } from 'node:os';

import type { AgentFacts } from '../../shared/agent-protocol.js';
import { effectiveCapabilities } from '../../shared/capabilities.js';

import { parseMountInfo } from '../engine/native/mount.js';

function readOr(path: string | URL, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** bpfscope's package.json version, from the nearest one above this module (sources, or a bundle's chunk). */
export function bpfscopeVersion(): string {
  let up = './';
  for (let i = 0; i < 7; i++, up += '../') {
    try {
      const pkg = JSON.parse(readOr(new URL(`${up}package.json`, import.meta.url), '{}')) as Record<string, unknown>;
      if (pkg.name === 'bpfscope' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not bpfscope's: look further up
    }
  }
  return 'unknown';
}

export function readAgentFacts(): AgentFacts {
  return {
    version: bpfscopeVersion(),
    pid: process.pid,
    kernel: release(),
    uid: process.getuid?.() ?? -1,
    capabilities: effectiveCapabilities(readOr('/proc/self/status', '')),
    bpffs: parseMountInfo(readOr('/proc/self/mountinfo', ''))
      .filter((m) => m.fsType === 'bpf')
      .map((m) => m.mountPoint),
  };
}

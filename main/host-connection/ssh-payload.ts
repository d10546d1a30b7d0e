// What is shipped to a remote host that has no bpfscope agent: the files of dist/agent (scripts/agent-bundle.mjs),
// each with its size and SHA-256, the common ones plus koffi's native module for one architecture.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { AGENT_PROTOCOL_VERSION } from '../../shared/agent-protocol.js';

export interface PayloadFile {
  /** Relative to the agent directory, '/'-separated. */
  path: string;
  size: number;
  sha256: string;
  mode: number;
}

export interface AgentPayload {
  dir: string;
  version: string;
  protocol: number;
  /** Per Node.js process.arch ("x64", "arm64"): the files a remote of that architecture needs, in sending order. */
  arches: Record<string, PayloadFile[]>;
}

const ENTRY = 'bpfscope-agent.cjs';
const ARCH_PACKAGE = /^node_modules\/@koromix\/koffi-linux-([^/]+)\//;

/** dist/agent from the built app (dist/main, dist/main/chunks) or from the sources (main/host-connection). */
export function findAgentDir(): string | undefined {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return [join(here, '../agent'), join(here, '../../agent'), join(here, '../../dist/agent')].find((d) =>
    existsSync(join(d, ENTRY)),
  );
}

export function readAgentPayload(dir: string): AgentPayload {
  if (!existsSync(join(dir, ENTRY))) {
    throw new Error(`${join(dir, ENTRY)} is missing: build it with "npm run build" (scripts/agent-bundle.mjs)`);
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string };
  const common: PayloadFile[] = [];
  const byArch: Record<string, PayloadFile[]> = {};
  const names = (readdirSync(dir, { recursive: true }) as string[]).map((n) => n.split('\\').join('/')).sort();
  for (const path of names) {
    const st = statSync(join(dir, path));
    if (!st.isFile() || path.endsWith('.map')) continue;
    const bytes = readFileSync(join(dir, path));
    const file = { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mode: 0o644 };
    const arch = ARCH_PACKAGE.exec(path)?.[1];
    if (arch) (byArch[arch] ??= []).push(file);
    else common.push(file);
  }
  const arches: Record<string, PayloadFile[]> = {};
  for (const [arch, files] of Object.entries(byArch)) arches[arch] = [...common, ...files];
  return { dir, version: pkg.version ?? '0.0.0', protocol: AGENT_PROTOCOL_VERSION, arches };
}

/**
 * What the remote boot reads from stdin for one architecture: a u32 LE length, then the files concatenated in
 * manifest order and gzipped (a quarter of the bytes: ssh's stdin direction is the slow one).
 */
export function packPayload(payload: AgentPayload, arch: string): Buffer {
  const files = (payload.arches[arch] ?? []).map((f) => readFileSync(join(payload.dir, f.path)));
  const packed = gzipSync(Buffer.concat(files));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(packed.length, 0);
  return Buffer.concat([head, packed]);
}

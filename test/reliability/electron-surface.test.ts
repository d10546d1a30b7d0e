// The Electron surface that cannot run here (no Electron binary): the fuses electron-builder flips at packaging,
// checked through electron-builder's own config loader and schema and @electron/fuses on a stand-in binary, and a
// page CSP that lets the window open no connection.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type FuseConfig, FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

import { ELECTRON_CSP } from '../../main/transport/static-files.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A fuse's byte on the wire: ASCII '0' off, '1' on. */
const OFF = 0x30;
const ON = 0x31;

/** A stand-in for the Electron binary: its fuse wire, as Electron ships it, between some other bytes. */
function fakeElectron(dir: string): string {
  // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, asar integrity off,
  // only-asar off, browser V8 snapshot off, file:// privileges on.
  const wire = Buffer.from('10110001', 'latin1');
  const path = join(dir, 'electron');
  writeFileSync(path, Buffer.concat([Buffer.alloc(64, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire]));
  return path;
}

describe('Electron packaging', () => {
  it('sets the fuses that keep the packaged app from running as a general Node runtime', async () => {
    const config = await getConfig(repo, 'electron-builder.yml', null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });

    // The wire electron-builder writes from that config, through its own mapping.
    const generate = (PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<FuseConfig> })
      .generateFuseConfig;
    const dir = mkdtempSync(join(tmpdir(), 'bpfscope-fuses-'));
    try {
      const binary = fakeElectron(dir);
      await flipFuses(binary, await generate(config.electronFuses));
      const wire = await getCurrentFuseWire(binary);
      expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('page CSP', () => {
  it('lets the Electron window connect nowhere: it talks to main over IPC only', () => {
    expect(ELECTRON_CSP).toContain("connect-src 'none'");
    expect(ELECTRON_CSP).not.toMatch(/\bws:/);
  });

  it('has no ws: wildcard in the page itself (Electron loads it from file://, where only the meta tag applies)', () => {
    const html = readFileSync(join(repo, 'renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).not.toMatch(/\bwss?:/);
  });
});

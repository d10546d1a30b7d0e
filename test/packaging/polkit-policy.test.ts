// @vitest-environment jsdom
// The shipped polkit action, parsed as XML: one action, io.bpfscope.agent, admin authentication (kept for a while)
// for an active session, and the launcher as the only program pkexec may run under it. Whether polkitd itself
// accepts it is tested with polkitd running (e2e/elevate.e2e.ts, pkaction).
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { INSTALLED_AGENT_LAUNCHER, POLKIT_ACTION_ID } from '../../shared/elevation.js';

describe('packaging/linux/io.bpfscope.agent.policy', () => {
  const xml = readFileSync('packaging/linux/io.bpfscope.agent.policy', 'utf8');
  const doc = new DOMParser().parseFromString(xml, 'application/xml');

  it('parses, with the polkit DTD named', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.doctype?.publicId).toBe('-//freedesktop//DTD PolicyKit Policy Configuration 1.0//EN');
    expect(doc.documentElement.tagName).toBe('policyconfig');
  });

  it('defines io.bpfscope.agent: admin authentication kept when active, admin otherwise', () => {
    const actions = [...doc.getElementsByTagName('action')];
    expect(actions.map((a) => a.getAttribute('id'))).toEqual([POLKIT_ACTION_ID]);
    const text = (tag: string) => actions[0]?.getElementsByTagName(tag)[0]?.textContent;
    expect(text('allow_active')).toBe('auth_admin_keep');
    expect(text('allow_inactive')).toBe('auth_admin');
    expect(text('allow_any')).toBe('auth_admin');
    expect(text('message')).toMatch(/Authentication is required/);
  });

  it('lets pkexec run the launcher and nothing else (never node itself)', () => {
    const annotations = Object.fromEntries(
      [...doc.getElementsByTagName('annotate')].map((a) => [a.getAttribute('key'), a.textContent]),
    );
    expect(annotations).toEqual({ 'org.freedesktop.policykit.exec.path': INSTALLED_AGENT_LAUNCHER });
  });
});

// Web-first assertions for playwright-core (which has no `expect`): each polls until true or times out.
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

const TIMEOUT = 10_000;
const opts = { timeout: TIMEOUT, interval: 100 };

export async function isVisible(l: Locator): Promise<void> {
  await l.waitFor({ state: 'visible', timeout: TIMEOUT });
}

export async function isGone(l: Locator): Promise<void> {
  await expect.poll(() => l.count(), opts).toBe(0);
}

export async function hasText(l: Locator, text: string | RegExp): Promise<void> {
  await l.first().waitFor({ timeout: TIMEOUT });
  const read = () =>
    l
      .first()
      .innerText()
      .catch(() => '');
  if (typeof text === 'string') await expect.poll(read, opts).toContain(text);
  else await expect.poll(read, opts).toMatch(text);
}

export async function hasAttribute(l: Locator, name: string, value: string | RegExp): Promise<void> {
  const read = async () => (await l.getAttribute(name, { timeout: TIMEOUT })) ?? '';
  if (typeof value === 'string') await expect.poll(read, opts).toBe(value);
  else await expect.poll(read, opts).toMatch(value);
}

export async function hasValue(l: Locator, value: string): Promise<void> {
  await expect.poll(() => l.inputValue(), opts).toBe(value);
}

export async function isDisabled(l: Locator): Promise<void> {
  await expect.poll(() => l.isDisabled(), opts).toBe(true);
}

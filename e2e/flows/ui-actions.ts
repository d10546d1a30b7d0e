// Every toolbar action as a user performs it: select where, open the dialog, fill it, submit.
import type { Locator } from 'playwright-core';

import type { AppPage } from '../pages/app-page.js';
import { isGone } from '../support/ui-expect.js';

/** Selects `path` (a folder or pin) or, for '', the mount root (Escape in the tree clears the selection). */
export async function selectPath(app: AppPage, path: string): Promise<void> {
  if (path === '') {
    await app.tree.focus();
    await app.page.keyboard.press('Escape');
    return;
  }
  await app.reveal(path);
}

export async function openAction(app: AppPage, where: string, label: string, title = label): Promise<Locator> {
  await selectPath(app, where);
  await app.action(label).click();
  const dialog = app.dialog(title);
  await dialog.waitFor();
  return dialog;
}

export async function submit(dialog: Locator, label: string): Promise<void> {
  await dialog.getByRole('button', { name: label, exact: true }).click();
}

export async function newFolder(app: AppPage, parent: string, name: string): Promise<Locator> {
  const d = await openAction(app, parent, 'New folder');
  await d.getByLabel('Name').fill(name);
  await submit(d, 'Create folder');
  return d;
}

export async function newHashMap(app: AppPage, folder: string, name: string, pinAt: string): Promise<Locator> {
  const d = await openAction(app, folder, 'New map');
  await d.getByLabel('Type').selectOption('hash');
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Key size').fill('4');
  await d.getByLabel('Value size').fill('8');
  await d.getByLabel('Max entries').fill('64');
  await d.getByLabel('Pin at').fill(pinAt);
  await submit(d, 'Create map');
  return d;
}

export async function loadProgram(
  app: AppPage,
  folder: string,
  name: string,
  template: string,
  pinAt: string,
): Promise<Locator> {
  const d = await openAction(app, folder, 'Load program');
  await d.getByLabel('Program type').selectOption('xdp');
  await d.getByLabel('Name').fill(name);
  await d.getByLabel('Template').selectOption({ label: template });
  await d.getByLabel('Pin at').fill(pinAt);
  await submit(d, 'Load program');
  return d;
}

export async function expectClosed(dialog: Locator): Promise<void> {
  await isGone(dialog);
}

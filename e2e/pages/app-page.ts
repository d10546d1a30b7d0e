// Page object for the whole window: tree, toolbar, dialogs, details, handles, notices.
import type { Locator, Page } from 'playwright-core';

import { hasAttribute } from '../support/ui-expect.js';

export class AppPage {
  /** `within`: one host's workspace, when the window shows two side by side. */
  constructor(
    readonly page: Page,
    private readonly within?: Locator,
  ) {}

  get scope(): Page | Locator {
    return this.within ?? this.page;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.tree.waitFor();
    await this.tree.getByRole('treeitem').first().waitFor();
  }

  get tree(): Locator {
    return this.scope.getByRole('tree', { name: 'bpffs tree' });
  }

  /** The tree row whose file name is `name` (its accessible name starts with the name and a space). */
  treeItem(name: string): Locator {
    return this.tree.getByRole('treeitem', {
      name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`),
    });
  }

  /** A row by its full path, as the tree renders it (data-path). */
  row(path: string): Locator {
    return this.tree.locator(`[role="treeitem"][data-path="${path}"]`);
  }

  /** Expands each folder of `path` in turn and selects the last row. */
  async reveal(path: string): Promise<Locator> {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const row = this.row(parts.slice(0, i + 1).join('/'));
      await row.click();
      if (i < parts.length - 1 && (await row.getAttribute('aria-expanded')) === 'false') {
        await this.page.keyboard.press('ArrowRight');
        await hasAttribute(row, 'aria-expanded', 'true');
      }
    }
    return this.row(path);
  }

  async selectRoot(): Promise<void> {
    await this.scope.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: 'Refresh' }).click();
  }

  action(label: string): Locator {
    return this.scope.getByRole('toolbar', { name: 'Actions' }).getByRole('button', { name: label, exact: true });
  }

  dialog(title: string): Locator {
    return this.scope.getByRole('dialog', { name: title });
  }

  get details(): Locator {
    return this.scope.getByRole('region', { name: 'Details' });
  }

  get handles(): Locator {
    return this.scope.getByRole('list', { name: 'Open handles' });
  }

  get notices(): Locator {
    return this.scope.getByRole('region', { name: 'Notices' });
  }
}

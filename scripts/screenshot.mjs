// Retakes docs/screenshot.png: browser mode on the emulated demo host, the conntrack map open in its tab.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const serve = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve) => {
  serve.stdout.on('data', (d) => {
    const m = /listening on (\S+)/.exec(d.toString());
    if (m) resolve(m[1]);
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(url);
  const row = (path) => page.locator(`[role="treeitem"][data-path="${path}"]`);
  for (const dir of ['tc', 'tc/globals', 'xdp']) {
    await row(dir).click();
    await page.keyboard.press('ArrowRight');
  }
  await row('tc/globals/cilium_ct4_global').click();
  await page.getByRole('table', { name: 'Map entries' }).waitFor();
  // The map's tab with its info folded to the summary line: the entries are the main area.
  await page.getByRole('button', { name: 'Map info' }).click();
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${root}/docs/screenshot.png` });
} finally {
  await browser.close();
  serve.kill();
}

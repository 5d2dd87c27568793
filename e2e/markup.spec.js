// Markup is data, never code (issue 16 §7): the playground renders typed input
// and snapshot names as text. A snapshot whose language names carry markup
// (<img onerror>, a javascript: link, <script>) is packed by localecap-pack and
// served by its own server; the same markup is typed into the tag input.
// Nothing may execute, and no element may come out of the data.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPlayground } from './support.js';
import { startServer } from '../tools/serve.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const MARKUP = {
  ar: '<img src=x onerror="window.__pwned=\'ar\'">Arabic',
  he: '<a href="javascript:window.__pwned=\'he\'">Hebrew</a>',
  fr: '<script>window.__pwned="fr"</script>French',
};

let dir, server;
test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'localecap-markup-'));
  const doc = JSON.parse(readFileSync(join(repo, 'build/data/localecap-data.json'), 'utf8'));
  for (const p of doc.profiles) if (MARKUP[p.tag]) p.name = MARKUP[p.tag];
  writeFileSync(join(dir, 'data.json'), JSON.stringify(doc));
  execFileSync(join(repo, 'build/native-release/tools/localecap-pack'),
    ['--input', join(dir, 'data.json'), '--output', join(dir, 'markup.lcs'), '--registry-version', '1'], { stdio: 'ignore' });
  server = await startServer({ port: 0, quiet: true, snapshot: join(dir, 'markup.lcs') });
});

test.afterAll(async () => {
  await server?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('markup in snapshot names and in typed input is shown as text and never runs', async ({ page }) => {
  const errors = await openPlayground(page, server.url);
  const input = page.locator('#tag');
  const card = page.locator('#profile');
  for (const [tag, name] of Object.entries(MARKUP)) {
    await input.fill(tag);
    await expect(card.locator('dd[data-field="canonical"]')).not.toHaveText('—');
    await expect(card).toContainText(name); // the literal text, brackets and all
  }
  for (const typed of [MARKUP.ar, MARKUP.he, 'javascript:window.__pwned="typed"', '"><img src=x onerror=window.__pwned=1>']) {
    await input.fill('');
    await input.pressSequentially(typed.slice(0, 12));
    await input.fill(typed);
    await page.waitForTimeout(100);
  }
  await input.fill('<img'); // the suggestions search the names: the marked-up ones come up
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => ({
    pwned: window.__pwned,
    images: document.querySelectorAll('img[src="x"], img[onerror], script:not([src])').length,
    javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  expect(r).toEqual({ pwned: undefined, images: 0, javascriptLinks: 0, handlers: 0 });
  expect(errors).toEqual([]);
});

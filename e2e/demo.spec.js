// The playground (demo/): each panel driven like a visitor would, in Chromium,
// with no console errors; screenshots go to build/e2e-artifacts/demo/.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { openPlayground } from './support.js';

const shot = (page, name, locator) => (locator ?? page).screenshot({
  path: join(test.info().project.outputDir, 'demo', `${name}.png`),
  ...(locator ? {} : { fullPage: true }),
  animations: 'disabled',
});

test('resolve: suggestions from language names, keyboard pick, profile card and browser comparison', async ({ page }) => {
  const errors = await openPlayground(page);
  const input = page.locator('#tag');
  await input.fill('');
  await input.pressSequentially('hebr');
  const options = page.locator('#suggestions [role="option"]');
  await expect(options.first()).toContainText('Hebrew');
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await input.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(input).toHaveValue('he');
  await expect(page.locator('#suggestions')).toBeHidden();

  const card = page.locator('#profile');
  await expect(card.locator('dd[data-field="direction"]')).toHaveText(/^rtl/);
  await expect(card.locator('dd[data-field="script"]')).toContainText('Hebr');
  await expect(card.locator('dd[data-field="maximized"]')).toContainText('he-Hebr-IL');
  await expect(card.locator('dd[data-field="match"]')).toContainText('exact');
  // Sample text in the language's script, laid out right to left.
  const sample = card.locator('[data-field="sample"]');
  await expect(sample).toHaveAttribute('dir', 'rtl');
  await expect(sample).toContainText(/[\u0590-\u05FF]/);

  // A deprecated code through an underscore: canonical form and the chain as steps.
  await input.fill('iw_IL');
  await expect(card.locator('dd[data-field="canonical"]')).not.toHaveText('—');
  expect(await card.locator('ol.chain li').count()).toBeGreaterThan(1);

  // Browser comparison: Intl.Locale refuses the underscore; localecap does not.
  const compare = page.locator('#compare');
  await expect(compare.locator('.intl-error')).toContainText('RangeError');
  await expect(compare.locator('tr[data-row="maximized"]')).toHaveClass(/differs/);
  // Intl's answers and timings beside localecap's.
  await input.fill('he-IL');
  await expect(compare.locator('tr[data-row="maximized"] td').nth(1)).toHaveText('he-Hebr-IL');
  await expect(compare.locator('tr[data-row="maximized"]')).not.toHaveClass(/differs/);
  await expect(compare.locator('tr[data-row="time"] td.time').first()).toHaveText(/\d+(\.\d+)? (ns|µs)/);
  // A language the browser has no locale data for: the difference is highlighted.
  await input.fill('quc');
  await expect(compare.locator('tr[data-row="knows the language"]')).toHaveClass(/differs/);
  await expect(compare.locator('tr[data-row="knows the language"] td').first()).toHaveText('yes');
  // …but CLDR has its name and letters: sample text from the build's CLDR table.
  await expect(card.locator('[data-field="sample"]')).toContainText('from CLDR');
  await page.fill('#tag', 'ar-EG');
  await expect(card.locator('dd[data-field="direction"]')).toHaveText(/^rtl/);
  await page.waitForTimeout(300); // the comparison renders once typing pauses
  await shot(page, 'resolve', page.locator('#resolve-panel'));
  expect(errors).toEqual([]);
});

test('errors: the offending subtag underlined, suggestions click to apply', async ({ page }) => {
  const errors = await openPlayground(page);
  const box = page.locator('#tag-error');
  await page.fill('#tag', 'en-US-123456789');
  await expect(box).toBeVisible();
  await expect(box).toHaveClass(/fatal/);
  await expect(box.locator('.error-message')).toContainText(/\w/);
  await expect(box.locator('mark.bad')).toHaveText('123456789');
  await expect(page.locator('dd[data-field="match"]')).toContainText('root');
  await page.fill('#tag', 'en-!!');
  await expect(box.locator('.error-message')).toContainText(/\w/);
  await expect(box.locator('mark.bad')).toHaveText('!!');
  await shot(page, 'error', page.locator('#resolve-panel'));

  // The strict parser's suggestion ('en_US' → 'en-US'), where this build has it.
  const hasParser = await page.evaluate(() => { try { window.localecap.parse('en'); return true; } catch { return false; } });
  await page.fill('#tag', 'en_US');
  if (hasParser) {
    await page.locator('#apply-suggestion').click();
    await expect(page.locator('#tag')).toHaveValue('en-US');
    await expect(box).toBeHidden();
  } else {
    await expect(box).toBeHidden(); // resolve() accepts UTS #35 underscores
  }
  await page.fill('#tag', 'de');
  await expect(box).toBeHidden();
  expect(errors).toEqual([]);
});

test('explore: every language, filtered and searched in a virtualized list', async ({ page }) => {
  const errors = await openPlayground(page);
  const count = page.locator('#explore-count');
  const total = Number(await page.evaluate(() => document.body.dataset.languages));
  expect(total).toBeGreaterThan(1000);
  await expect(count).toHaveAttribute('data-count', String(total));
  const rows = page.locator('#explore-spacer .row');
  expect(await rows.count()).toBeLessThan(80); // only the rows in view exist

  await page.selectOption('#filter-direction', 'rtl');
  await expect(count).not.toHaveAttribute('data-count', String(total)); // filtering runs on the next frame
  const rtl = Number(await count.getAttribute('data-count'));
  expect(rtl).toBeGreaterThan(10);
  expect(rtl).toBeLessThan(total);
  for (const d of await page.locator('#explore-spacer .row .c-dir').allTextContents()) expect(d).toBe('rtl');

  await page.fill('#explore-search', 'hebrew');
  await expect(page.locator('#explore-spacer .row[data-tag="he"]')).toBeVisible();
  await page.selectOption('#filter-direction', '');
  await page.fill('#explore-search', '');
  await page.selectOption('#filter-script', 'Thai');
  await expect(page.locator('#explore-chart .bar').first()).toContainText('Thai');
  for (const s of await page.locator('#explore-spacer .row .c-seg').allTextContents()) expect(s).toBe('dictionary');
  await page.selectOption('#filter-script', '');
  await expect(count).toHaveAttribute('data-count', String(total));

  // Scrolling renders the rows that come into view.
  await page.locator('#explore-list').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.locator(`#explore-spacer .row[aria-rowindex="${total}"]`)).toBeAttached();
  await page.locator('#explore-list').evaluate((el) => { el.scrollTop = 0; });
  await shot(page, 'explore', page.locator('#explore-panel'));

  // Picking a row resolves it (keyboard: arrows move between rows, Enter picks).
  await page.fill('#explore-search', 'thai');
  await expect(count).not.toHaveAttribute('data-count', String(total));
  await page.locator('#explore-spacer .row[aria-rowindex="1"]').focus();
  for (let i = 0; i < 20; i++) {
    if (await page.evaluate(() => document.activeElement?.dataset.tag) === 'th') break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(page.locator('#explore-spacer .row[data-tag="th"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#tag')).toHaveValue('th');
  await expect(page.locator('dd[data-field="segmentation"]')).toHaveText(/^dictionary/);
  expect(errors).toEqual([]);
});

test('hot swap: the version badge flips, the card follows, the chart keeps drawing', async ({ page }) => {
  const errors = await openPlayground(page);
  const readout = page.locator('#latency-readout');
  const version = page.locator('#version');
  const title = page.locator('#profile .card-title');
  await expect(readout).toContainText('p99');
  const v0 = await page.evaluate(() => window.localecap.version);
  await page.fill('#tag', 'ar-EG');
  await expect(title).toHaveText(/^Arabic v/);
  const pointsBefore = Number(await readout.getAttribute('data-points'));

  // The same data, one version up.
  await page.click('#publish');
  await expect(version).toHaveText(`snapshot v${v0 + 1}`, { timeout: 15_000 });
  await expect(page.locator('#profile .version-chip')).toHaveText(`v${v0 + 1}`);
  await expect(page.locator('#swap-log li.swap').first()).toContainText(`v${v0} → v${v0 + 1}`);

  // A data update (demo/tools/make-update.mjs renames Arabic), then the original data back.
  await page.click('#publish-data');
  await expect(version).toHaveText(`snapshot v${v0 + 2}`, { timeout: 15_000 });
  await expect(title).toHaveText(/^Arabic \(demo data update\) v/);
  await expect(page.locator('#publish-data')).toHaveText(/original/);
  await page.click('#publish-data');
  await expect(version).toHaveText(`snapshot v${v0 + 3}`, { timeout: 15_000 });
  await expect(title).toHaveText(/^Arabic v/);

  // The sampler kept measuring through the swaps.
  await expect.poll(async () => Number(await readout.getAttribute('data-points'))).toBeGreaterThan(pointsBefore + 10);
  expect(await readout.locator('.p99').textContent()).toMatch(/p99 \d+(\.\d)? (ns|µs)/);
  await shot(page, 'swap', page.locator('#swap-panel'));
  await shot(page, 'playground');
  expect(errors).toEqual([]);
});

test('single mode without cross-origin isolation: banner, same answers', async ({ page }) => {
  const errors = await openPlayground(page, '/plain/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.locator('#single-banner')).toBeVisible();
  await expect(page.locator('#mode')).toHaveText(/single/);
  await page.fill('#tag', 'he-IL');
  await expect(page.locator('dd[data-field="direction"]')).toHaveText(/^rtl/);
  expect(errors).toEqual([]);
});

test('strict CSP: the page runs with no inline script and no eval; an injected inline script is refused', async ({ page }) => {
  const errors = await openPlayground(page);
  await page.fill('#tag', 'he');
  await expect(page.locator('dd[data-field="direction"]')).toHaveText(/^rtl/);
  expect(errors).toEqual([]);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => errors.some((e) => /Content Security Policy/.test(e))).toBe(true);
});

test('narrow screen: no sideways scrolling, panels stacked', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const errors = await openPlayground(page);
  await page.fill('#tag', 'zh-Hant-TW');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'narrow');
  expect(errors).toEqual([]);
});

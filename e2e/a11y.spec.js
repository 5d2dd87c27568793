// An accessible playground (issue 18 §6): axe-core scans demo/ in both modes,
// in the states a visitor sees — a resolved card with the browser comparison,
// an invalid tag's error, the suggestions list open, the explorer filtered —
// and finds no violation of any impact.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openPlayground } from './support.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The playground's CSP admits no injected script; axe is the test's, not the page's.
test.use({ bypassCSP: true });

// axe's violations on the page as it is now, one line per rule and state.
async function scan(page, state) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`) })));
  return violations.map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.join(' | ')}`);
}

for (const plain of [false, true]) {
  test(`axe: no violations in the playground's states (${plain ? 'single' : 'threads'} mode)`, async ({ page }) => {
    test.setTimeout(90_000);
    const errors = await openPlayground(page, plain ? '/plain/' : '/');
    const found = [];

    await page.fill('#tag', 'ar-EG');
    await expect(page.locator('#profile dd[data-field="direction"]')).toHaveText(/^rtl/);
    await expect(page.locator('#compare tr[data-row="maximized"] td').nth(1)).not.toBeEmpty();
    found.push(...await scan(page, 'resolved card'));

    await page.fill('#tag', 'en-US-123456789');
    await expect(page.locator('#tag-error mark.bad')).toHaveText('123456789');
    found.push(...await scan(page, 'error'));

    await page.fill('#tag', '');
    await page.locator('#tag').pressSequentially('hebr');
    await expect(page.locator('#suggestions [role="option"]').first()).toContainText('Hebrew');
    found.push(...await scan(page, 'suggestions open'));

    await page.locator('#tag').press('Escape');
    const total = await page.evaluate(() => document.body.dataset.languages);
    await page.selectOption('#filter-direction', 'rtl');
    await expect(page.locator('#explore-count')).not.toHaveAttribute('data-count', total);
    found.push(...await scan(page, 'explorer filtered'));

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
}

// Names for every language (issue 15, deliverable 5): registry.suggest() finds
// languages by English name, autonym or code without diacritics, from the
// optional names file (web/dist/names.json) fetched on first use; without the
// file it rejects with a NamesError and everything else keeps working; the
// playground's search box uses it. tests/data/names.test.mjs checks every
// profile and autonym against the same search in Node.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openHarness, openPlayground } from './support.js';

const names = JSON.parse(readFileSync(new URL('../web/dist/names.json', import.meta.url), 'utf8'));

test('suggest() finds languages by English name and autonym, without case or diacritics, fetching names.json once', async ({ page }) => {
  await openHarness(page);
  let fetches = 0;
  page.on('request', (r) => { if (r.url().endsWith('/names.json')) fetches++; });
  // Every 40th row: ~200 languages, major and minor, each by its English name and its first autonym.
  const sample = names.languages.filter((_, i) => i % 40 === 0).map(([tag, english, own]) => ({ tag, english: english[0], own: own[0] ?? '' }));
  const r = await page.evaluate(async (sample) => {
    const reg = await window.localecapModule.createRegistry();
    const top = async (text, limit = 8) => (await reg.suggest(text, { limit })).map((s) => s.tag);
    const missed = [];
    for (const s of sample) {
      if (!(await top(s.english)).includes(s.tag)) missed.push(`${s.tag} by ${s.english}`);
      if (s.own && !(await top(s.own, 25)).includes(s.tag)) missed.push(`${s.tag} by ${s.own}`);
    }
    reg.resolve('iw');
    const before = reg.lastMatch;
    const [fr] = await reg.suggest('FRANCAIS');
    const lastMatchKept = before === 'canonical' && reg.lastMatch === before;
    const out = {
      missed, sampled: sample.length,
      fr: { tag: fr.tag, name: fr.name, autonym: fr.autonym, match: fr.match, same: fr.profile === reg.resolve('fr'), frozen: Object.isFrozen(fr) },
      firsts: {},
      lastMatchKept,
      limit: (await reg.suggest('a', { limit: 3 })).length,
      empty: (await reg.suggest('   ')).length,
    };
    for (const q of ['tieng viet', 'norsk bokmal', 'deutsch', 'ελληνικα', 'iw', 'castilian', 'Føroyskt', 'foroyskt']) out.firsts[q] = (await top(q, 1))[0];
    reg.dispose();
    return out;
  }, sample);
  expect(r.sampled).toBeGreaterThan(150);
  expect(r.missed).toEqual([]);
  expect(r.fr).toEqual({ tag: 'fr', name: 'French', autonym: 'français', match: 'autonym', same: true, frozen: true });
  expect(r.firsts).toEqual({ 'tieng viet': 'vi', 'norsk bokmal': 'nb', deutsch: 'de', 'ελληνικα': 'el', iw: 'he', castilian: 'es', 'Føroyskt': 'fo', foroyskt: 'fo' });
  expect(r.lastMatchKept).toBe(true); // suggest() does not change what lastMatch says of the caller's resolve()
  expect(r.limit).toBe(3);
  expect(r.empty).toBe(0);
  expect(fetches).toBe(1);
});

test('without the names file suggest() rejects with a NamesError; resolve() and the rest keep working', async ({ page }) => {
  await openHarness(page);
  await page.route('**/names.json', (route) => route.abort('internetdisconnected'));
  const r = await page.evaluate(async () => {
    const reg = await window.localecapModule.createRegistry();
    const err = (p) => p.then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message, suggestion: e.suggestion, branded: e instanceof window.localecapModule.LocalecapError }));
    const offline = await err(reg.suggest('francais'));
    const missing = await window.localecapModule.createRegistry({ names: '/no/such/file.json' });
    const notFound = await err(missing.suggest('francais'));
    const out = { offline, notFound, direction: reg.resolve('ar').direction, version: reg.version };
    reg.dispose();
    missing.dispose();
    return out;
  });
  expect(r.offline).toMatchObject({ name: 'NamesError', code: 'names-unavailable', branded: true });
  expect(r.offline.message).toContain('names.json');
  expect(r.offline.suggestion).toMatch(/names\.json/);
  expect(r.notFound).toMatchObject({ name: 'NamesError', code: 'names-unavailable' });
  expect(r.notFound.message).toContain('HTTP 404');
  expect(r.direction).toBe('rtl');
  expect(r.version).toBeGreaterThan(0);
});

test('playground: the search box finds languages by autonym without diacritics, and names a misspelt tag', async ({ page }) => {
  const errors = await openPlayground(page);
  const input = page.locator('#tag');
  const options = page.locator('#suggestions [role="option"]');
  await input.fill('');
  await input.pressSequentially('francais');
  await expect(options.first()).toContainText('French');
  await expect(options.first()).toContainText('français');
  await expect(options.first().locator('code')).toHaveText('fr');
  // The error box offers the language its name stands for.
  await expect(page.locator('#apply-suggestion')).toHaveText('fr');
  await expect(page.locator('#tag-error .suggestion')).toContainText('(French)');
  await input.fill('');
  await input.pressSequentially('tieng viet');
  await expect(options.first().locator('code')).toHaveText('vi');
  await input.press('ArrowDown');
  await input.press('Enter');
  await expect(input).toHaveValue('vi');
  await expect(page.locator('#suggestions-status')).toBeHidden();
  expect(errors).toEqual([]);
});

test('playground without the names file: says so, suggests from English names, resolves as before', async ({ page }) => {
  await page.route('**/names.json', (route) => route.abort('internetdisconnected'));
  const errors = await openPlayground(page);
  const input = page.locator('#tag');
  await input.fill('');
  await input.pressSequentially('hebr');
  await expect(page.locator('#suggestions [role="option"]').first()).toContainText('Hebrew');
  await expect(page.locator('#suggestions-status')).toBeVisible();
  await expect(page.locator('#suggestions-status')).toContainText('names-unavailable');
  await input.fill('he');
  await expect(page.locator('#profile dd[data-field="direction"]')).toHaveText(/^rtl/);
  expect(errors.filter((e) => !/names\.json|ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e))).toEqual([]);
});

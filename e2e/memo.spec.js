// resolve()'s per-version memo (issue 14): a repeated tag is one Map.get;
// endless distinct inputs keep the memo bounded; a swap starts it afresh.
import { test, expect } from '@playwright/test';
import { openHarness, bump } from './support.js';

for (const [mode, plain] of [['threads', false], ['single', true]]) {
  test(`1,000,000 random tags keep the memo bounded and the JS heap flat (${mode})`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const r = await page.evaluate(async () => {
      const reg = await window.localecapModule.createRegistry();
      const heap = () => performance.memory?.usedJSHeapSize ?? 0;
      let seed = 1;
      const random = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed; };
      for (let i = 0; i < 100000; i++) reg.resolve(`x${random().toString(36)}`); // warm up: the memo fills once
      const before = heap();
      for (let i = 0; i < 1000000; i++) reg.resolve(`x${random().toString(36)}`);
      const after = heap();
      const a = reg.resolve('ar-EG'), again = reg.resolve('ar-EG');
      const out = { memo: reg.stats().memoEntries, growth: after - before, same: a === again, dir: a.direction, match: reg.lastMatch };
      reg.dispose();
      return out;
    });
    console.log(`${mode}: memo ${r.memo} entries after 1,000,000 distinct tags; JS heap growth ${(r.growth / 1e6).toFixed(2)} MB`);
    expect(r.memo).toBeLessThanOrEqual(4096);
    expect(r.growth).toBeLessThan(8e6); // a memo that kept every tag would be ≥ 50 MB
    expect(r).toMatchObject({ same: true, dir: 'rtl', match: 'likely' });
    expect(errors).toEqual([]);
  });
}

test('a swap starts the memo afresh: answers follow the new version', async ({ page, request }) => {
  await openHarness(page);
  const before = await page.evaluate(async () => {
    window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
    return window.reg.resolve('ar').version;
  });
  const { version } = await bump(request);
  const after = await page.evaluate(async () => {
    const reg = window.reg;
    const old = reg.resolve('ar');
    await reg.update('/snapshots/latest.lcs');
    const fresh = reg.resolve('ar');
    return { oldVersion: old.version, version: fresh.version, live: reg.version, differs: fresh !== old, memo: reg.stats().memoEntries };
  });
  expect(after.oldVersion).toBe(before);
  expect(after).toMatchObject({ version, live: version, differs: true, memo: 1 });
});

// Swaps leave no mark (issue 17): the task that learns of a swap makes the
// memo's answers again for the new version, so the page's next resolve() of
// each is a memo hit, not a call into wasm and an object build.
for (const [mode, plain] of [['threads', false], ['single', true]]) {
  test(`after a swap the memo answers for the new version before the page asks again (${mode})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    const tags = ['ar-EG', 'en', 'EN-us', 'iw', 'de-CH-1996', 'zh-TW', 'sr-Latn', 'engl', 'pt-BR', 'ja'];
    const before = await page.evaluate(async (tags) => {
      window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
      const matches = tags.map((t) => { window.reg.resolve(t); return window.reg.lastMatch; });
      return { version: window.reg.version, matches, lastMatch: window.reg.lastMatch, memo: window.reg.stats().memoEntries };
    }, tags);
    expect(before.memo).toBe(tags.length);
    const { version } = await bump(request);
    const after = await page.evaluate(async (tags) => {
      const reg = window.reg;
      await reg.update('/snapshots/latest.lcs');
      const stats = () => reg.stats(); // counts memo entries made for the live version
      for (let i = 0; i < 100 && stats().memoEntries < tags.length; i++) await new Promise((r) => setTimeout(r, 20));
      const { memoEntries, cachedProfiles } = stats();
      const lastMatch = reg.lastMatch; // the refresh is not a resolve() of the page's
      const answers = tags.map((t) => {
        const p = reg.resolve(t);
        return { version: p.version, match: reg.lastMatch, same: p === reg.resolve(t, {}) };
      });
      return { memoEntries, cachedProfiles, lastMatch, answers, live: reg.version };
    }, tags);
    expect(after.memoEntries).toBe(tags.length);
    expect(after.cachedProfiles).toBeGreaterThan(0);
    expect(after.lastMatch).toBe(before.lastMatch);
    expect(after.live).toBe(version);
    expect(after.answers).toEqual(before.matches.map((match) => ({ version, match, same: true })));
    expect(errors).toEqual([]);
  });
}

// createRegistry() runs resolve() on a few tags before it settles (Registry#warm, so the
// page's first call finds the code compiled) and forgets every answer it made.
test('the start-up warm-up leaves no memo entries and no cached profiles behind', async ({ page }) => {
  const errors = await openHarness(page);
  const r = await page.evaluate(async () => {
    const reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
    const { memoEntries, cachedProfiles } = reg.stats();
    const p = reg.resolve('ps-AF'); // one of the warm-up's tags
    return { memoEntries, cachedProfiles, tag: p.tag, match: reg.lastMatch, after: reg.stats().memoEntries };
  });
  expect(r).toEqual({ memoEntries: 0, cachedProfiles: 0, tag: 'ps', match: 'likely', after: 1 });
  expect(errors).toEqual([]);
});

// The main thread's read path allocates nothing in wasm memory (DESIGN.md §5,
// §7): not on a repeated resolve, and not on the first resolve of each profile
// after a swap, when the frozen profile objects are built. The module counts
// allocations made on the page's thread (wasm/page_allocations.cpp); these
// tests read that counter around a swap and a round of first resolves.
//
// Inputs: the well-formed tags among the e2e's 1,000 (exact hits, canonical,
// likely and fallback matches alike), and ill-formed ones: resolve() parses
// without error messages (tag::ParseOptions::messages = false), so a tag the
// parser rejects allocates nothing either.
import { test, expect } from '@playwright/test';
import { thousandTags, openHarness, bump } from './support.js';

for (const plain of [false, true]) {
  test(`resolve allocates nothing in wasm memory, first resolves after a swap included (${plain ? 'single' : 'threads'})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    await page.evaluate(async () => {
      window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
    });
    const tags = await page.evaluate((tags) => tags.filter((t) => window.reg.parse(t).error === null), thousandTags());
    expect(tags.length).toBeGreaterThan(950);
    const before = await page.evaluate((tags) => {
      const reg = window.reg;
      const a0 = window.testHooks(reg).pageAllocations();
      const first = tags.map((t) => reg.resolve(t)); // first resolves in this version
      const a1 = window.testHooks(reg).pageAllocations();
      reg.explain('ar'); // Embind with strings: allocates, so the counter is live
      const a2 = window.testHooks(reg).pageAllocations();
      return { firstResolves: a1 - a0, explain: a2 - a1, version: reg.version, profiles: new Set(first).size };
    }, tags);
    expect(before.firstResolves).toBe(0);
    expect(before.explain).toBeGreaterThan(0);
    expect(before.profiles).toBeGreaterThan(300);

    const { version: target } = await bump(request);
    const after = await page.evaluate(async ({ tags, target }) => {
      const reg = window.reg;
      const old = tags.map((t) => reg.resolve(t));
      await reg.update('/snapshots/latest.lcs'); // settles once the swap is live
      const a0 = window.testHooks(reg).pageAllocations();
      const fresh = tags.map((t) => reg.resolve(t));
      const again = tags.map((t) => reg.resolve(t));
      const a1 = window.testHooks(reg).pageAllocations();
      return {
        allocations: a1 - a0, version: reg.version,
        versions: [...new Set(fresh.map((p) => p.version))],
        rebuilt: fresh.every((p, i) => p !== old[i] && JSON.stringify({ ...p, version: 0 }) === JSON.stringify({ ...old[i], version: 0 })),
        identical: again.every((p, i) => p === fresh[i]),
        frozen: fresh.every((p) => Object.isFrozen(p) && Object.isFrozen(p.morphology) && Object.isFrozen(p.plural.cardinal)),
        cached: reg.stats().cachedProfiles,
      };
    }, { tags, target });
    expect(after).toMatchObject({ allocations: 0, version: target, versions: [target], rebuilt: true, identical: true, frozen: true });
    expect(after.cached).toBe(before.profiles);
    expect(errors).toEqual([]);
  });
}

// Plausible but ill-formed (the parser rejects them after the cheap screen),
// over-long, with NUL, and non-ASCII: each resolves to the root profile.
const ILL_FORMED = ['engl', 'en--US', 'a'.repeat(300), `en-${'abcdefgh-'.repeat(29)}x`, 'en\u0000US', 'en-US\u0000',
  '\u0000', 'en-ÜS', 'ру', '日本語', 'en-US-\u{1F600}', 'en-US-Latn', 'en-a', 'a', '-en', 'en-', 'x-', 'en_', 'i-bogus'];

for (const plain of [false, true]) {
  test(`resolve of an ill-formed tag allocates nothing in wasm memory and answers root (${plain ? 'single' : 'threads'})`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const out = await page.evaluate(async (inputs) => {
      const reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
      const hooks = window.testHooks(reg);
      const a0 = hooks.pageAllocations();
      // resolve(t) the first time goes to wasm (the memo is empty); resolve(t, {})
      // bypasses the memo, so every call below reaches the parser.
      const first = inputs.map((t) => reg.resolve(t));
      const bypass = inputs.map((t) => reg.resolve(t, {}));
      const a1 = hooks.pageAllocations();
      const errors = inputs.map((t) => reg.parse(t).error?.code ?? null); // parse() allocates its message: the counter is live
      const a2 = hooks.pageAllocations();
      const result = { allocations: a1 - a0, parseAllocations: a2 - a1, errors,
        tags: [...new Set([...first, ...bypass].map((p) => p.tag))], matches: inputs.map((t) => { reg.resolve(t, {}); return reg.lastMatch; }) };
      reg.dispose();
      return result;
    }, ILL_FORMED);
    expect(out.errors.every((e) => e !== null), `every input is ill-formed: ${JSON.stringify(out.errors)}`).toBe(true);
    expect(out.allocations).toBe(0);
    expect(out.parseAllocations).toBeGreaterThan(0);
    expect(out.tags).toEqual(['und']);
    expect(new Set(out.matches)).toEqual(new Set(['root']));
    expect(errors).toEqual([]);
  });
}

test('after a data update, every profile equals what a fresh registry of that snapshot says (parts reused only when equal)', async ({ page, request }) => {
  const errors = await openHarness(page);
  const tags = thousandTags();
  const old = await page.evaluate(async (tags) => {
    window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
    window.oldProfiles = tags.map((t) => window.reg.resolve(t));
    return JSON.parse(JSON.stringify(window.oldProfiles));
  }, tags);
  await bump(request, { data: 'update' });
  const now = await page.evaluate(async (tags) => {
    const version = await window.reg.update('/snapshots/latest.lcs');
    const fresh = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
    const a = tags.map((t) => window.reg.resolve(t)), b = tags.map((t) => fresh.resolve(t));
    fresh.dispose();
    const morphologyReused = a.filter((p, i) => p.morphology === window.oldProfiles[i].morphology).length;
    return { version, updated: JSON.parse(JSON.stringify(a)), fresh: JSON.parse(JSON.stringify(b)), morphologyReused };
  }, tags);
  expect(now.updated).toEqual(now.fresh);
  const changed = now.updated.filter((p, i) => JSON.stringify({ ...p, version: 0 }) !== JSON.stringify({ ...old[i], version: 0 }));
  expect(changed.length).toBeGreaterThan(0); // the update changed some profiles (the demo renames Arabic)
  expect(changed.length).toBeLessThan(tags.length / 2);
  expect(now.morphologyReused).toBeGreaterThan(tags.length / 2);
  await bump(request, { data: 'base' });
  expect(errors).toEqual([]);
});

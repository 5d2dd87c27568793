// 64-bit registry versions end to end (issue 16 §3): reg.version, profile
// versions, swap/reject details, stats(), explain(), the persistence hook and
// a following registry are exact for every version up to 2^53 - 1, a jump of
// exactly 2^32 answers from the new snapshot, and a version above 2^53 - 1 is
// refused with its reason and a suggestion. The same sequence
// (e2e/pages/versions-sequence.js) runs in Node and in Chromium, threads and
// single.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openHarness, snapshotBytes } from './support.js';
import { FIRST, HIGH, MAX, runVersions } from './pages/versions-sequence.js';

const UPDATE = new URL('../build/demo/update.lcs', import.meta.url); // tools/build.sh makes it
const UPDATED_NOTE = ' (demo data update)'; // what demo/tools/make-update.mjs appends to Arabic's name

function check(r, mode) {
  expect(r.mode).toBe(mode);
  const at = (v) => ({ version: v, profile: v, explain: v, stats: v });
  expect(r.first).toEqual({ ...at(FIRST), name: 'Arabic' });
  expect(r.followerFirst).toEqual({ ...at(FIRST), name: 'Arabic' });
  expect(r.jump).toEqual({ ok: true, value: FIRST + HIGH });
  // From the new snapshot: a new object with the renamed profile, not the one cached for FIRST.
  expect(r.afterJump).toEqual({ ...at(FIRST + HIGH), name: `Arabic${UPDATED_NOTE}`, sameObject: false, cachedProfiles: expect.any(Number) });
  expect(r.afterJump.cachedProfiles).toBeGreaterThan(0);
  expect(r.followerSwap).toBe(FIRST + HIGH);
  expect(r.followerAfterJump).toEqual({ ...at(FIRST + HIGH), name: `Arabic${UPDATED_NOTE}` });
  expect(r.older).toMatchObject({ ok: false, code: 'snapshot-older-version', offered: FIRST + HIGH - 1, version: FIRST + HIGH });
  expect(r.max).toEqual({ ok: true, value: MAX });
  expect(r.afterMax).toEqual({ ...at(MAX), name: 'Arabic' });
  for (const [i, o] of [...r.over, r.overAtFirstLoad].entries()) {
    expect(o, `over #${i}`).toMatchObject({ ok: false, code: 'snapshot-version-too-large', offered: 0 });
    expect(o.message, `over #${i}`).toContain('over 2^53 - 1');
    expect(o.suggestion, `over #${i}`).not.toBe('');
  }
  expect(r.over.map((o) => o.version)).toEqual([MAX, MAX]);
  expect(r.afterOver).toEqual(r.afterMax);
  expect(r.events).toEqual([
    { type: 'swap', version: FIRST + HIGH, previous: FIRST },
    expect.objectContaining({ type: 'reject', reason: 'snapshot-older-version', offered: FIRST + HIGH - 1, version: FIRST + HIGH }),
    { type: 'swap', version: MAX, previous: FIRST + HIGH },
    expect.objectContaining({ type: 'reject', reason: 'snapshot-version-too-large', offered: 0, version: MAX }),
    expect.objectContaining({ type: 'reject', reason: 'snapshot-version-too-large', offered: 0, version: MAX }),
  ]);
  expect(r.saved).toEqual([FIRST, FIRST + HIGH, MAX]);
}

test('Node: versions past 2^32 are exact, a 2^32 jump answers from the new snapshot, over 2^53 - 1 is refused', async () => {
  const localecap = await import('localecap');
  check(await runVersions(localecap, new Uint8Array(snapshotBytes()), new Uint8Array(readFileSync(UPDATE))), 'single');
});

for (const plain of [false, true]) {
  test(`Chromium (${plain ? 'single' : 'threads'}): the same sequence`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const r = await page.evaluate(async () => {
      const { runVersions } = await import('/e2e/versions-sequence.js');
      const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
      return runVersions(window.localecapModule, await bytes('/web/dist/localecap.lcs'), await bytes('/demo-data/update.lcs'));
    });
    check(r, plain ? 'single' : 'threads');
    expect(errors).toEqual([]);
  });
}

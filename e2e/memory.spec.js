// A small, safe heap (issue 14): the threads build loads with ≤ 16 MiB of
// wasm memory and the single build with ≤ 8 MiB; maxSnapshotBytes is clamped
// to what the heap can take; a body just under the cap reaches the heap and
// one over it is refused, and a failed allocation never aborts the module:
// resolve() keeps answering from the live snapshot.
import { test, expect } from '@playwright/test';
import { openHarness } from './support.js';

const MiB = 1 << 20;

for (const [mode, plain, budget] of [['threads', false, 16 * MiB], ['single', true, 8 * MiB]]) {
  test(`memory at load is within budget and an oversize update is refused (${mode})`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const r = await page.evaluate(async () => {
      const reg = await window.localecapModule.createRegistry({ maxSnapshotBytes: 2 ** 30 });
      const atLoad = reg.stats();
      const cap = atLoad.maxSnapshotBytes;
      const outcome = (p) => p.then((v) => ({ version: v }), (e) => ({ code: e.code, isLocalecapError: e instanceof window.localecapModule.LocalecapError }));
      // Just under the cap: reaches the heap and the reader, which refuses the junk.
      const underCap = await outcome(reg.update(new Uint8Array(cap)));
      const overCap = await outcome(reg.update(new Uint8Array(cap + 1)));
      const hooks = window.testHooks(reg);
      const hugeAllocates = hooks.canAllocate(2 ** 31 - 2 ** 20); // far over what the heap holds: null, not an abort
      const after = reg.stats();
      const out = {
        mode: reg.mode, memoryAtLoad: atLoad.memoryBytes, cap, underCap, overCap, hugeAllocates,
        ar: reg.resolve('ar-EG').direction, version: reg.version, memoryAfter: after.memoryBytes,
        rejects: after.rejectsByReason,
      };
      reg.dispose();
      return out;
    });
    console.log(`${mode}: wasm memory at load ${(r.memoryAtLoad / MiB).toFixed(1)} MiB (budget ${budget / MiB}), ` +
      `maxSnapshotBytes clamped to ${(r.cap / MiB).toFixed(2)} MiB, after the oversize updates ${(r.memoryAfter / MiB).toFixed(1)} MiB`);
    expect(r.mode).toBe(mode);
    expect(r.memoryAtLoad).toBeLessThanOrEqual(budget);
    expect(r.cap).toBeGreaterThan(2 * MiB);         // room for snapshots far larger than today's (≈ 0.34 MiB)
    expect(r.cap).toBeLessThan(2 ** 30);            // clamped
    expect(r.underCap).toEqual({ code: 'snapshot-bad-magic', isLocalecapError: true });
    expect(r.overCap).toEqual({ code: 'snapshot-too-large', isLocalecapError: true });
    expect(r.hugeAllocates).toBe(false);
    expect(r.ar).toBe('rtl');
    expect(r.version).toBe(1);
    expect(errors).toEqual([]);
  });
}

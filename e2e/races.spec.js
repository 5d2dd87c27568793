// Ordering and races in the JS API (issue 10, item 5): overlapping update()
// calls never publish an older registry_version over a newer one; dispose()
// during a fetch leaks nothing and settles everything; a hydration worker that
// dies is reported (an 'error' event, stats()) while resolve() keeps serving.
// Both modes, in Debian Chromium against tools/serve.mjs.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { openHarness, setFault, bump } from './support.js';

const LATEST = '/snapshots/latest.lcs';
const MODES = [['threads', false], ['single', true]];

test.afterEach(async ({ request }) => setFault(request, 'none'));

// A second origin that serves the test server's snapshots late: GET
// /<hash>.lcs?delayMs=N fetches /snapshots/<hash>.lcs and answers N ms later,
// with CORS and CORP so isolated pages may fetch it from any of their threads.
const ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 18080)}`;
let slow, slowUrl;
test.beforeAll(async () => {
  slow = createServer(async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Expose-Headers', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    const u = new URL(req.url, 'http://x');
    const upstream = await fetch(`${ORIGIN}/snapshots${u.pathname}`);
    const body = Buffer.from(await upstream.arrayBuffer());
    await new Promise((done) => setTimeout(done, Number(u.searchParams.get('delayMs') ?? 0)));
    res.writeHead(upstream.status, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((done) => slow.listen(0, '127.0.0.1', done));
  slowUrl = (hash, delayMs) => `http://127.0.0.1:${slow.address().port}/${hash}.lcs?delayMs=${delayMs}`;
});
test.afterAll(async () => new Promise((done) => slow.close(done)));

async function createInPage(page, options = {}) {
  return page.evaluate(async (options) => {
    window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs', ...options });
    window.events = [];
    for (const type of ['swap', 'reject', 'error']) window.reg.addEventListener(type, (e) => window.events.push({ type, ...e.detail }));
    return { mode: window.reg.mode, version: window.reg.version };
  }, options);
}

for (const [mode, plain] of MODES) {
  test(`overlapping update(): v2 answered slowly, v3 fast — the version never goes back (${mode})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    const start = await createInPage(page);
    expect(start.mode).toBe(mode);
    const v2 = await bump(request), v3 = await bump(request);
    // v2 answers 1.5 s late, v3 at once (both through the second origin).
    const r = await page.evaluate(async ({ slow, fast }) => {
      const reg = window.reg;
      let last = reg.version, backwards = 0, reads = 0;
      const poll = setInterval(() => { // the main thread reads all along
        const v = reg.resolve('ar').version;
        if (v < last) backwards++;
        last = v;
        reads++;
      }, 2);
      const settle = (p, t0) => p.then((version) => ({ version, ms: performance.now() - t0 }),
        (e) => ({ reason: e.reason, message: e.message, ms: performance.now() - t0 }));
      const t0 = performance.now();
      const a = settle(reg.update(slow), t0);
      await new Promise((done) => setTimeout(done, 50));
      const b = settle(reg.update(fast), t0);
      const [ra, rb] = await Promise.all([a, b]);
      clearInterval(poll);
      return { ra, rb, version: reg.version, backwards, reads, swaps: window.events.filter((e) => e.type === 'swap').map((e) => e.version) };
    }, { slow: slowUrl(v2.hash, 1500), fast: slowUrl(v3.hash, 0) });
    expect(r.ra.ms).toBeGreaterThan(1400); // the slow answer really was slow
    expect(r.rb.version).toBe(v3.version);
    expect(r.version).toBe(v3.version);
    expect(r.backwards).toBe(0);
    expect(r.reads).toBeGreaterThan(10);
    expect(r.swaps).toEqual([...r.swaps].sort((x, y) => x - y)); // swaps only ever move forward
    expect(r.swaps.at(-1)).toBe(v3.version);
    if (r.ra.version !== undefined) {
      // Answered in request order (the threads build's one hydration thread): v2 went live first, then v3.
      expect(r.ra.version).toBe(v2.version);
      expect(r.swaps).toEqual([v2.version, v3.version]);
    } else {
      // Answered as they came (single mode's fetch Worker): v3 first, then v2 was refused as older.
      expect(r.ra.reason).toBe('snapshot-older-version');
      expect(r.swaps).toEqual([v3.version]);
    }
    expect(errors).toEqual([]);
  });

  test(`dispose() during a fetch: promises reject as disposed, no event after, wasm heap back to baseline (${mode})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    await createInPage(page);
    await bump(request);
    await setFault(request, 'stall', { count: 2, stallMs: 1500 });
    const r = await page.evaluate(async (url) => {
      const reg = window.reg;
      const heap0 = reg.stats().heapInUse;
      const outcome = (p) => p.then((v) => ({ resolved: v }), (e) => ({ name: e.name, reason: e.reason, message: e.message }));
      const upd = outcome(reg.update(url));
      const watch = outcome(reg.watch(url, { intervalMs: 100 }));
      await new Promise((done) => setTimeout(done, 300)); // both fetches are in flight (stalled)
      const eventsBefore = window.events.length;
      reg.dispose();
      const [u, w] = await Promise.all([upd, watch]);
      await new Promise((done) => setTimeout(done, 2500)); // past the stall: the bytes would have arrived by now
      let resolveAfter = null;
      try { reg.resolve('ar'); } catch (e) { resolveAfter = e.message; }
      const updateAfter = await outcome(reg.update(url));
      return { u, w, eventsAfter: window.events.length - eventsBefore, heap0, heap1: reg.stats().heapInUse, resolveAfter, updateAfter };
    }, LATEST);
    for (const p of [r.u, r.w]) expect(p).toMatchObject({ name: 'AbortError', reason: 'disposed' });
    expect(r.eventsAfter).toBe(0);
    // Single: exactly as before. Threads: terminating the hydration pthread also
    // frees its stack, so the heap ends below where it was; it must not grow.
    if (mode === 'single') expect(r.heap1).toBe(r.heap0);
    else expect(r.heap1).toBeLessThanOrEqual(r.heap0);
    expect(r.resolveAfter).toMatch(/disposed/);
    expect(r.updateAfter.message).toMatch(/disposed/);
    expect(errors).toEqual([]);
  });

  test(`a hydration worker that dies is reported; resolve keeps serving the live snapshot (${mode})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    const { version } = await createInPage(page, { timeoutMs: 500, retries: 0 });
    await bump(request);
    const r = await page.evaluate(async (url) => {
      const reg = window.reg;
      const before = reg.resolve('ar');
      window.testHooks(reg).killHydration();
      await new Promise((done) => setTimeout(done, 300)); // Worker.terminate() takes effect asynchronously
      const t0 = performance.now();
      const upd = await reg.update(url).then((v) => ({ resolved: v }), (e) => ({ reason: e.reason, message: e.message }));
      const ms = performance.now() - t0;
      const after = reg.resolve('ar');
      return { upd, ms, same: after === before, version: reg.version, dir: after.direction, stats: reg.stats(),
        errorEvents: window.events.filter((e) => e.type === 'error') };
    }, LATEST);
    expect(r.upd).toMatchObject({ reason: 'hydration-unresponsive' });
    expect(r.upd.message).toMatch(/keeps serving/);
    expect(r.errorEvents).toEqual([expect.objectContaining({ reason: 'hydration-unresponsive', restarted: mode === 'single' })]);
    expect(r.stats).toMatchObject({ hydrationErrors: 1, hydration: mode === 'single' ? 'restarted' : 'unresponsive', version });
    expect(r.version).toBe(version);
    expect(r.same).toBe(true);
    expect(r.dir).toBe('rtl');
    if (mode === 'single') {
      // The restarted fetch Worker serves the next update.
      const next = await page.evaluate((url) => window.reg.update(url), LATEST);
      expect(next).toBeGreaterThan(version);
    }
    expect(errors).toEqual([]);
  });
}

// The web runtime (issue 7): both modes, Workers, hydration faults, ETags,
// continuous swaps — in Debian Chromium against tools/serve.mjs.
import { test, expect } from '@playwright/test';
import { thousandTags, openHarness, setFault, bump } from './support.js';

const LATEST = '/snapshots/latest.lcs';

test.afterEach(async ({ request }) => setFault(request, 'none'));

// Creates a registry in the page (kept as window.reg) and returns its mode and version.
async function createInPage(page, options = {}) {
  return page.evaluate(async (options) => {
    const { createRegistry } = window.localecapModule;
    window.reg = await createRegistry({ snapshotUrl: '/snapshots/latest.lcs', ...options });
    window.events = [];
    for (const type of ['swap', 'reject', 'error']) {
      window.reg.addEventListener(type, (e) => window.events.push({ type, ...e.detail }));
    }
    return { mode: window.reg.mode, version: window.reg.version, isolated: crossOriginIsolated };
  }, options);
}

test('threads and single mode give identical profiles for the same 1,000 tags', async ({ browser }) => {
  const tags = thousandTags();
  expect(tags.length).toBe(1000);
  const results = {};
  for (const plain of [false, true]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = await openHarness(page, { plain });
    const info = await createInPage(page);
    expect(info).toMatchObject(plain ? { mode: 'single', isolated: false } : { mode: 'threads', isolated: true });
    results[info.mode] = await page.evaluate((tags) => {
      const profiles = tags.map((t) => window.reg.resolve(t));
      const again = tags.every((t, i) => window.reg.resolve(t) === profiles[i]); // identical objects
      const frozen = profiles.every((p) => Object.isFrozen(p));
      return { again, frozen, profiles: JSON.parse(JSON.stringify(profiles)) };
    }, tags);
    expect(errors).toEqual([]);
    await context.close();
  }
  expect(results.threads.again && results.single.again).toBe(true);
  expect(results.threads.frozen && results.single.frozen).toBe(true);
  const strip = (ps) => ps.map(({ version, ...p }) => p); // both loaded the same bytes, maybe different versions
  expect(strip(results.single.profiles)).toEqual(strip(results.threads.profiles));
  const rtl = results.threads.profiles.filter((p) => p.direction === 'rtl').length;
  expect(rtl).toBeGreaterThan(10); // the comparison is not between two lists of root profiles
});

test('a page without cross-origin isolation keeps the same API: update, watch, events, stats', async ({ page, request }) => {
  const errors = await openHarness(page, { plain: true });
  const { mode, version } = await createInPage(page, { timeoutMs: 2000, retries: 0 });
  expect(mode).toBe('single');
  const { version: target } = await bump(request);
  expect(target).toBeGreaterThan(version);
  const r = await page.evaluate(async () => {
    const v = await window.reg.update('/snapshots/latest.lcs');
    const notModified = await window.reg.update('/snapshots/latest.lcs'); // same ETag → 304
    return { v, notModified, stats: window.reg.stats(), ar: window.reg.resolve('ar').direction, events: window.events };
  });
  expect(r.v).toBe(target);
  expect(r.notModified).toBe(target);
  expect(r.stats).toMatchObject({ mode: 'single', version: target, swaps: 2, notModified: 1 });
  expect(r.ar).toBe('rtl');
  expect(r.events.filter((e) => e.type === 'swap')).toEqual([expect.objectContaining({ version: target, previous: version })]);
  expect(errors).toEqual([]);
});

for (const plain of [false, true]) {
  test(`lookups from a dedicated module Worker (${plain ? 'not isolated: single' : 'isolated: threads'})`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const tags = thousandTags().slice(0, 200);
    const r = await page.evaluate(async (tags) => {
      const { createRegistry } = window.localecapModule;
      const reg = await createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
      const main = JSON.parse(JSON.stringify(tags.map((t) => reg.resolve(t))));
      const worker = new Worker(new URL('worker.js', location.href), { type: 'module' }); // /plain/e2e/ or /e2e/
      const reply = await new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: e.message });
        worker.postMessage({ tags });
      });
      worker.terminate();
      return { main, reply };
    }, tags);
    expect(r.reply.error).toBeUndefined();
    expect(r.reply).toMatchObject({ mode: plain ? 'single' : 'threads', isolated: !plain, same: true });
    const strip = (ps) => ps.map(({ version, ...p }) => p);
    expect(strip(r.reply.profiles)).toEqual(strip(r.main));
    expect(errors).toEqual([]);
  });
}

// Each injected fault is refused with its reason while resolve() keeps
// answering from the live snapshot, in both modes.
const FAULTS = [
  { kind: '404', reason: 'fetch-http-status', status: 404, attempts: 1 },
  { kind: '500', reason: 'fetch-http-status', status: 500, attempts: 2 },
  { kind: 'stall', reason: 'fetch-timeout', attempts: 2 },
  { kind: 'truncate', reason: /^snapshot-/ },
  { kind: 'flip', reason: 'snapshot-bad-hash' },
  { kind: 'format', reason: 'snapshot-bad-version' },
  { kind: 'stale', reason: 'snapshot-older-version' },
];

for (const plain of [false, true]) {
  test(`every hydration fault is rejected while resolve keeps answering (${plain ? 'single' : 'threads'})`, async ({ page, request }) => {
    test.setTimeout(90_000);
    const errors = await openHarness(page, { plain });
    await bump(request); // so 'stale' (latest - 1) is a valid snapshot older than the live one
    const { version } = await createInPage(page, { timeoutMs: 400, retries: 1, backoffMs: 20 });
    for (const f of FAULTS) {
      await setFault(request, f.kind, { stallMs: 1500 });
      const r = await page.evaluate(async () => {
        const reg = window.reg;
        let answered = 0, wrong = 0, longest = 0;
        let settled = false, outcome;
        reg.update('/snapshots/latest.lcs').then(
          (v) => { outcome = { ok: true, v }; },
          (e) => { outcome = { ok: false, name: e.name, reason: e.reason, detail: e.detail }; },
        ).finally(() => { settled = true; });
        while (!settled) {
          const t0 = performance.now();
          const ar = reg.resolve('ar-EG'), en = reg.resolve('en');
          longest = Math.max(longest, performance.now() - t0);
          if (ar.direction !== 'rtl' || en.direction !== 'ltr') wrong++;
          answered++;
          if (answered % 200 === 0) await new Promise((done) => setTimeout(done, 0));
        }
        return { outcome, answered, wrong, longest, version: reg.version, stats: reg.stats(),
          reject: window.events.filter((e) => e.type === 'reject').at(-1) };
      });
      await setFault(request, 'none');
      expect(r.outcome.ok, `${f.kind} must be rejected`).toBe(false);
      expect(r.outcome.name).toBe('SnapshotRejectedError');
      expect(r.outcome.reason).toMatch(f.reason);
      expect(r.reject.reason).toMatch(f.reason);
      if (f.status) expect(r.reject.status).toBe(f.status);
      if (f.attempts) expect(r.reject.attempts).toBe(f.attempts);
      expect(r.version).toBe(version); // the live snapshot kept serving
      expect(r.wrong).toBe(0);
      expect(r.answered).toBeGreaterThan(0);
      expect(r.stats.rejectsByReason[r.reject.reason]).toBeGreaterThan(0);
    }
    const stats = await page.evaluate(() => window.reg.stats());
    expect(stats.rejects).toBe(FAULTS.length);
    expect(stats.retries).toBeGreaterThanOrEqual(2); // 500 and stall were retried
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
}

test('a failed attempt is retried with backoff and the retry can succeed', async ({ page, request }) => {
  await openHarness(page);
  const { version } = await createInPage(page, { retries: 2, backoffMs: 20 });
  const { version: target } = await bump(request);
  await setFault(request, '500', { count: 1 });
  const r = await page.evaluate(async () => ({ v: await window.reg.update('/snapshots/latest.lcs'), stats: window.reg.stats() }));
  expect(target).toBeGreaterThan(version);
  expect(r.v).toBe(target);
  expect(r.stats.retries).toBe(1);
  expect(r.stats.rejects).toBe(0);
});

test('an unchanged snapshot costs a 304 (ETag / If-None-Match) and changes nothing', async ({ page, request }) => {
  await openHarness(page);
  const { version } = await createInPage(page);
  const before = await (await request.get('/stats')).json();
  const r = await page.evaluate(async () => {
    const v = await window.reg.update('/snapshots/latest.lcs');
    await window.reg.watch('/snapshots/latest.lcs', { intervalMs: 60_000 }); // first poll: 304 too
    return { v, stats: window.reg.stats(), events: window.events };
  });
  const after = await (await request.get('/stats')).json();
  expect(r.v).toBe(version);
  expect(r.stats).toMatchObject({ notModified: 2, swaps: 1, rejects: 0, version });
  expect(r.events).toEqual([]);
  expect(after.notModified - before.notModified).toBe(2);
});

for (const plain of [false, true]) {
  test(`watch: a replaced watch still settles, and aborting its signal stops the polls (${plain ? 'single' : 'threads'})`, async ({ page }) => {
    await openHarness(page, { plain });
    await createInPage(page);
    const r = await page.evaluate(async () => {
      const reg = window.reg;
      const settled = await Promise.all([reg.watch('/snapshots/latest.lcs'), reg.watch('/snapshots/latest.lcs')]);
      const abort = new AbortController();
      await reg.watch('/snapshots/latest.lcs', { intervalMs: 20, signal: abort.signal });
      await new Promise((done) => setTimeout(done, 200));
      const polling = reg.stats().fetches;
      abort.abort();
      // A poll in flight may still finish: wait until the count holds still for
      // 200 ms (a loaded machine can take longer than one interval to finish it).
      let stopped = reg.stats().fetches;
      for (let quiet = 0; quiet < 200; quiet += 20) {
        await new Promise((done) => setTimeout(done, 20));
        const now = reg.stats().fetches;
        if (now !== stopped) { stopped = now; quiet = -20; }
      }
      await new Promise((done) => setTimeout(done, 300));
      return { settled, polling, stopped, after: reg.stats().fetches, version: reg.version };
    });
    expect(r.settled).toEqual([r.version, r.version]);
    expect(r.polling).toBeGreaterThan(3); // it did poll every 20 ms
    expect(r.after).toBe(r.stopped);      // and stopped on abort
  });
}

for (const plain of [false, true]) {
  // Issue 14 §5: the first snapshot (from a URL or as bytes) is validated and
  // published on the page's thread; the hydration pthread / fetch Worker is
  // spawned only after createRegistry() has settled, then serves updates.
  test(`createRegistry settles before any hydration Worker is spawned, from a URL or bytes (${plain ? 'single' : 'threads'})`, async ({ page }) => {
    await page.addInitScript(() => {
      window.workersMade = 0;
      const Native = window.Worker;
      window.Worker = class extends Native { constructor(...args) { super(...args); window.workersMade++; } };
    });
    await openHarness(page, { plain });
    const r = await page.evaluate(async () => {
      const { createRegistry } = window.localecapModule;
      const bytes = new Uint8Array(await (await fetch('/snapshots/latest.lcs')).arrayBuffer());
      const out = {};
      for (const [source, options] of [['url', { snapshotUrl: '/snapshots/latest.lcs' }], ['bytes', { snapshot: bytes }]]) {
        const before = window.workersMade;
        const reg = await createRegistry(options);
        const atSettle = window.workersMade - before;
        const answer = reg.resolve('ar-EG').direction;
        await new Promise((done) => setTimeout(done, 0)); // the hydration side starts a task after
        const after = window.workersMade - before;
        const updated = await reg.update('/snapshots/latest.lcs'); // through it: 304 (url) or unchanged (bytes)
        out[source] = { mode: reg.mode, atSettle, answer, after, updated, version: reg.version, fetches: reg.stats().fetches };
        reg.dispose();
      }
      return out;
    });
    for (const source of ['url', 'bytes']) {
      expect(r[source]).toMatchObject({ mode: plain ? 'single' : 'threads', atSettle: 0, answer: 'rtl', after: 1 });
      expect(r[source].updated).toBe(r[source].version);
    }
    expect(r.url.fetches).toBe(2);   // the first snapshot, then a conditional request
    expect(r.bytes.fetches).toBe(1); // only the update
  });
}

test('update(bytes) validates in the worker; a malformed public key is refused up front', async ({ page }) => {
  await openHarness(page);
  await createInPage(page);
  const r = await page.evaluate(async () => {
    const reg = window.reg;
    const bytes = new Uint8Array(await (await fetch('/snapshots/latest.lcs')).arrayBuffer());
    const same = await reg.update(bytes); // byte-identical: unchanged, resolves with the live version
    bytes[200] ^= 1;
    const bad = await reg.update(bytes).then(() => 'accepted', (e) => e.reason);
    const keys = await window.localecapModule.createRegistry({ publicKeys: ['x'] }).then(() => 'accepted', (e) => e.message);
    let strictError = null;
    try { reg.resolve(42); } catch (e) { strictError = e.name; }
    reg.dispose();
    let afterDispose = null;
    try { reg.resolve('en'); } catch (e) { afterDispose = e.message; }
    return { same, version: reg.version, bad, keys, strictError, afterDispose };
  });
  expect(r.same).toBe(r.version);
  expect(r.bad).toBe('snapshot-bad-hash');
  expect(r.keys).toMatch(/publicKeys\[0\] is not a raw 32-byte Ed25519 public key/);
  expect(r.strictError).toBe('TypeError');
  expect(r.afterDispose).toMatch(/disposed/);
});

test('explain says how an input was understood; strict resolve throws LocaleTagError', async ({ page }) => {
  await openHarness(page);
  await createInPage(page);
  const r = await page.evaluate(() => {
    const reg = window.reg;
    const e = reg.explain('iw_IL');
    const bad = reg.explain('engl');
    let thrown = null;
    try { reg.resolve('engl', { strict: true }); } catch (err) {
      thrown = { name: err.name, isRange: err instanceof RangeError, isTagError: err instanceof window.localecapModule.LocaleTagError,
        code: err.code, offset: err.offset };
    }
    return {
      e: { match: e.match, chain: e.fallbackChain.length, same: e.profile === reg.resolve('iw_IL'), frozen: Object.isFrozen(e) },
      bad: { match: bad.match, code: bad.error?.code, root: bad.profile.tag },
      lenient: reg.resolve('engl').tag,
      strictOk: reg.resolve('ar-EG', { strict: true }).tag,
      thrown,
      // Issue 14: maximized is set whenever a profile matched, the canonical tag hitting at once included.
      maximized: ['iw', 'cmn', 'art-lojban', 'en-u-ca-islamic', 'he', 'iw_IL'].map((t) => reg.explain(t).maximized),
      isLocalecapError: thrown !== null && (() => { try { reg.resolve('engl', { strict: true }); } catch (err) { return err instanceof window.localecapModule.LocalecapError; } })(),
    };
  });
  expect(r.maximized).toEqual(['he-Hebr-IL', 'zh-Hans-CN', 'jbo-Latn-001', 'en-Latn-US-u-ca-islamic', 'he-Hebr-IL', 'he-Hebr-IL']);
  expect(r.isLocalecapError).toBe(true);
  expect(r.e).toMatchObject({ same: true, frozen: true });
  expect(r.e.chain).toBeGreaterThan(0);
  expect(['exact', 'canonical', 'likely', 'fallback']).toContain(r.e.match);
  expect(r.bad).toEqual({ match: 'root', code: 'tag-bad-language', root: 'und' });
  expect(r.lenient).toBe('und');
  expect(r.strictOk).toBe('ar');
  expect(r.thrown).toEqual({ name: 'LocaleTagError', isRange: true, isTagError: true, code: 'tag-bad-language', offset: 0 });
});

test('continuous swaps every 50 ms for 10 s: no wrong answer, version never goes back', async ({ page, request }) => {
  test.setTimeout(60_000);
  await openHarness(page);
  const { version: first } = await createInPage(page);
  await page.evaluate(() => window.reg.watch('/snapshots/latest.lcs', { intervalMs: 25 }));
  const DURATION = 10_000;
  const bumping = (async () => {
    let last = first;
    const end = Date.now() + DURATION;
    while (Date.now() < end) {
      last = (await bump(request)).version;
      await new Promise((done) => setTimeout(done, 50));
    }
    return last;
  })();
  const [r, lastPublished] = await Promise.all([
    page.evaluate(async (duration) => {
      const reg = window.reg;
      let calls = 0, wrong = 0, backwards = 0, longest = 0, lastVersion = reg.version;
      const slow = []; // main-thread calls over 1 ms
      let controlLongest = 0, controlSlow = 0; // the same loop timing a raw export that does nothing much (lc_version)
      const expect = [['ar-EG', 'rtl'], ['en-US', 'ltr'], ['he', 'rtl'], ['zh_Hant_TW', 'ltr'], ['fa', 'rtl']];
      const end = performance.now() + duration + 500;
      while (performance.now() < end) {
        for (let i = 0; i < 500; i++) {
          const [tag, dir] = expect[i % expect.length];
          const t0 = performance.now();
          const p = reg.resolve(tag);
          const dt = performance.now() - t0;
          if (dt > longest) longest = dt;
          if (dt > 1) slow.push(dt);
          if (p.direction !== dir) wrong++;
          if (p.version < lastVersion) backwards++;
          lastVersion = p.version;
          calls++;
          const c0 = performance.now();
          reg.version;
          const dc = performance.now() - c0;
          if (dc > controlLongest) controlLongest = dc;
          if (dc > 1) controlSlow++;
        }
        await new Promise((done) => setTimeout(done, 0)); // lets outcome events in
      }
      return { calls, wrong, backwards, longest, slow: slow.length, controlLongest, controlSlow, version: reg.version, stats: reg.stats(),
        swapEvents: window.events.filter((e) => e.type === 'swap').length };
    }, DURATION),
    bumping,
  ]);
  expect(r.wrong).toBe(0);
  expect(r.backwards).toBe(0);
  expect(r.stats.rejects).toBe(0);
  expect(r.stats.swaps).toBeGreaterThan(20); // many swaps happened (how many depends on the machine)
  expect(r.swapEvents).toBe(r.stats.swaps - 1);
  expect(r.version).toBeLessThanOrEqual(lastPublished);
  expect(r.version).toBeGreaterThan(first + 20);
  expect(r.longest).toBeLessThan(250); // no call waits for a hydration; not a benchmark (a loaded machine stalls 100+ ms)
  expect(r.stats.liveSnapshots).toBeLessThanOrEqual(3); // retired snapshots are reclaimed while swapping
  console.log(`continuous swaps: ${lastPublished - first} published, ${r.stats.swaps - 1} swapped in ${DURATION / 1000} s, ${r.calls} main-thread resolves, ` +
    `longest ${r.longest.toFixed(3)} ms, ${r.slow} over 1 ms (control no-op export: longest ${r.controlLongest.toFixed(3)} ms, ` +
    `${r.controlSlow} over 1 ms), hydrate max ${r.stats.maxHydrateMs} ms, ${r.stats.liveSnapshots} snapshots in memory`);
});

test('parse, canonicalize, maximize, minimize: values and structured errors', async ({ page }) => {
  await openHarness(page);
  await createInPage(page);
  const r = await page.evaluate(() => {
    const reg = window.reg;
    const attempt = (fn) => { try { return fn(); } catch (e) { return { name: e.name, code: e.code, offset: e.offset, suggestion: e.suggestion, range: e instanceof RangeError }; } };
    return {
      ok: reg.parse('sr-Latn-RS'),
      underscore: reg.parse('en_US').error,
      engl: reg.parse('engl').error,
      canonical: reg.canonicalize('iw-IL'),
      maximized: reg.maximize('zh-TW'),
      minimized: reg.minimize('zh-Hant-TW'),
      canonicalUnderscore: reg.canonicalize('en_us'),
      canonicalExtension: reg.canonicalize('ar-u-ca-islamicc-ks-primary'),
      bad: attempt(() => reg.canonicalize('engl')),
      strictUnderscore: attempt(() => reg.resolve('en_US', { strict: true })),
      lenientUnderscore: reg.resolve('en_US').tag,
      typeError: attempt(() => reg.parse(7)).name,
      // No likely-subtags data: the canonical tag, as Intl.Locale#maximize and ICU4X.
      noLikely: ['sgn-BE-FR', 'qaa', 'qaa-Latn'].map((t) => [reg.maximize(t), reg.minimize(t)]),
    };
  });
  expect(r.ok).toMatchObject({ tag: 'sr-Latn-RS', language: 'sr', script: 'Latn', region: 'RS', error: null });
  expect(r.underscore).toMatchObject({ code: 'tag-underscore-separator', suggestion: 'en-US' });
  expect(r.engl).toMatchObject({ code: 'tag-bad-language', offset: 0 });
  expect(r.engl.message).toMatch(/2–3 or 5–8 letters/);
  expect(r.canonical).toBe('he-IL');
  expect(r.maximized).toBe('zh-Hant-TW');
  expect(r.minimized).toBe('zh-TW');
  expect(r.canonicalUnderscore).toBe('en-US');
  expect(r.canonicalExtension).toBe('ar-u-ca-islamic-civil-ks-level1');  // -u- type aliases (cldr-bcp47)
  expect(r.bad).toEqual({ name: 'LocaleTagError', code: 'tag-bad-language', offset: 0, suggestion: 'en', range: true });
  expect(r.strictUnderscore).toMatchObject({ name: 'LocaleTagError', code: 'tag-underscore-separator', suggestion: 'en-US' });
  expect(r.lenientUnderscore).toBe('en');
  expect(r.typeError).toBe('TypeError');
  expect(r.noLikely).toEqual([['sfb', 'sfb'], ['qaa', 'qaa'], ['qaa-Latn', 'qaa-Latn']]);
});

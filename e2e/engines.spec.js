// Every browser engine, not only Chromium (issue 18 §5): Firefox ESR (threads
// mode: cross-origin isolated, SharedArrayBuffer) and WebKitGTK (cross-origin
// isolated but without SharedArrayBuffer: single mode) against tools/serve.mjs:
//   - resolve() and explain() on the 1,000 e2e tags give Chromium's answers;
//   - update() and watch() swap, a corrupt snapshot is refused;
//   - the mode is what the engine supports;
//   - the strict-CSP page works (/csp/: the server sends the policy);
//   - the playground loads and resolves with no console errors.
// Drivers: e2e/engines/firefox.js (puppeteer-core, WebDriver BiDi),
// e2e/engines/webkit.js (selenium-webdriver, WebKitWebDriver + MiniBrowser, xvfb-run).
import { test, expect } from '@playwright/test';
import { bump, setFault, thousandTags } from './support.js';
import { launchFirefox } from './engines/firefox.js';
import { launchWebKit } from './engines/webkit.js';

const ENGINES = [
  { name: 'firefox', launch: launchFirefox, mode: 'threads' },
  { name: 'webkit', launch: launchWebKit, mode: 'single' },
];

// In the page: every tag's resolve() and explain(), as JSON, with the mode.
async function answersInPage({ tags }) {
  const reg = await window.localecapModule.createRegistry();
  const answers = tags.map((t) => JSON.stringify([reg.resolve(t), reg.explain(t)]));
  const out = { mode: reg.mode, isolated: self.crossOriginIsolated === true, sab: typeof SharedArrayBuffer !== 'undefined', answers };
  reg.dispose();
  return out;
}

const until = async (engine, fn, arg, what, timeoutMs = 30_000) => {
  const stopAt = Date.now() + timeoutMs;
  while (!(await engine.evaluate(fn, arg))) {
    if (Date.now() > stopAt) throw new Error(`${engine.name}: timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
};

let chromium;
test.beforeAll(async ({ browser, baseURL }) => {
  const page = await browser.newPage({ baseURL });
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => document.title === 'ready');
  chromium = await page.evaluate(answersInPage, { tags: thousandTags() });
  await page.close();
});

for (const { name, launch, mode } of ENGINES) {
  test.describe(name, () => {
    test.describe.configure({ mode: 'serial' });
    let engine;
    test.beforeAll(async () => {
      test.setTimeout(180_000);
      engine = await launch();
      console.log(`${name}: ${engine.version}`);
    });
    test.afterAll(async () => { await engine?.close(); });

    const open = async (baseURL, path, ready = () => document.title === 'ready') => {
      await engine.goto(new URL(path, baseURL).href);
      await until(engine, ready, null, path);
    };

    test(`${name}: resolve and explain on the 1,000 e2e tags equal Chromium's; ${mode} mode`, async ({ baseURL }) => {
      test.setTimeout(180_000);
      await open(baseURL, '/e2e/harness.html');
      const r = await engine.evaluate(answersInPage, { tags: thousandTags() });
      expect(r).toMatchObject({ mode, isolated: true, sab: mode === 'threads' });
      expect(chromium.mode).toBe('threads');
      const tags = thousandTags();
      const differ = tags.filter((t, i) => r.answers[i] !== chromium.answers[i]);
      expect(differ.slice(0, 10).map((t) => `${t}: ${r.answers[tags.indexOf(t)]} vs Chromium ${chromium.answers[tags.indexOf(t)]}`)).toEqual([]);
      expect(r.answers.length).toBe(1000);
    });

    test(`${name}: update() and watch() swap; a corrupt snapshot is refused while the live one serves`, async ({ baseURL, request }) => {
      test.setTimeout(120_000);
      await open(baseURL, '/e2e/harness.html');
      await engine.evaluate(async () => {
        window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs', retries: 0 });
        window.swaps = [];
        window.reg.addEventListener('swap', (e) => window.swaps.push(e.detail.version));
      });
      const { version: v1 } = await bump(request);
      expect(await engine.evaluate(() => window.reg.update('/snapshots/latest.lcs'))).toBe(v1);
      await engine.evaluate(() => {
        window.watching = new AbortController();
        return window.reg.watch('/snapshots/latest.lcs', { intervalMs: 200, signal: window.watching.signal });
      });
      const { version: v2 } = await bump(request);
      await until(engine, (v) => window.reg.version === v, v2, `watch() to swap to v${v2}`);
      await engine.evaluate(() => window.watching.abort());

      await setFault(request, 'flip', { count: 1 });
      await bump(request);
      const refused = await engine.evaluate(() => window.reg.update('/snapshots/latest.lcs').then(
        (v) => ({ v }), (e) => ({ reason: e.reason, version: window.reg.version, ar: window.reg.resolve('ar-EG').direction })));
      await setFault(request, 'none');
      expect(refused).toEqual({ reason: 'snapshot-bad-hash', version: v2, ar: 'rtl' });
      expect(await engine.evaluate(() => window.swaps)).toEqual([v1, v2]);
      await engine.evaluate(() => window.reg.dispose());
    });

    test(`${name}: the strict-CSP page loads, resolves and updates`, async ({ baseURL, request }) => {
      const { version } = await bump(request);
      await open(baseURL, '/csp/e2e/csp/index.html', () => window.cspResult !== undefined);
      const r = await engine.evaluate(() => ({ ...window.cspResult, violations: window.cspViolations }));
      expect(r).toMatchObject({ mode, isolated: true, ar: { tag: 'ar', direction: 'rtl' }, versionAfter: version, zhHant: 'zh-Hant', violations: [] });
      expect(r.error).toBeUndefined();
    });

    test(`${name}: the playground loads and resolves with no console errors`, async ({ baseURL }) => {
      await open(baseURL, '/', () => /snapshot v\d+/.test(document.querySelector('#version')?.textContent ?? '')
        && Number(document.body.dataset.languages) > 0);
      await engine.watchErrors();
      await engine.evaluate(() => {
        const input = document.querySelector('#tag');
        input.value = 'he-IL';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await until(engine, () => /^rtl/.test(document.querySelector('#profile dd[data-field="direction"]')?.textContent ?? ''), null, 'the card for he-IL');
      expect(await engine.evaluate(() => document.querySelector('#mode').textContent)).toContain(mode);
      await engine.collectErrors();
      expect(engine.errors).toEqual([]);
    });
  });
}

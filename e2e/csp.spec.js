// Strict Content-Security-Policy with Trusted Types enforced (issue 10, item 4):
// a page with no inline script, no 'unsafe-eval', only 'wasm-unsafe-eval',
// imports localecap, creates a registry, resolves and updates from a URL —
// with and without cross-origin isolation — and no violation is reported.
// The policy is added by the test to every response the page and its workers
// load (tools/serve.mjs sends COOP/COEP; /plain/ drops them).
import { test, expect } from '@playwright/test';
import { bump } from './support.js';
import { STRICT_CSP as CSP } from '../tools/serve.mjs';

async function openStrict(page, path) {
  const errors = [];
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)));
  const response = await page.goto(path);
  expect((await response.allHeaders())['content-security-policy']).toBe(CSP);
  await page.waitForFunction(() => window.cspResult !== undefined, null, { timeout: 30_000 });
  return { result: await page.evaluate(() => window.cspResult), errors };
}

// The listener and the policy are live: eval is refused and reported, and a
// string assigned to a script URL sink throws under Trusted Types.
async function expectPolicyEnforced(page) {
  // From a task of its own: DevTools' evaluate itself is exempt from the page's CSP.
  const outcome = await page.evaluate(() => new Promise((done) => setTimeout(() => {
    let evalError = 'ran';
    try { (0, eval)('1'); } catch (e) { evalError = e.name; }
    let sinkError = 'ran';
    try { document.createElement('script').src = '/x.js'; } catch (e) { sinkError = e.name; }
    done({ evalError, sinkError });
  }, 0)));
  expect(outcome).toEqual({ evalError: 'EvalError', sinkError: 'TypeError' });
  await expect.poll(() => page.evaluate(() => window.cspViolations.length)).toBeGreaterThan(0);
}

for (const variant of [
  { name: 'cross-origin isolated (threads)', path: '/e2e/csp/index.html', mode: 'threads', isolated: true },
  { name: 'not isolated (single)', path: '/plain/e2e/csp/index.html', mode: 'single', isolated: false },
]) {
  test(`strict CSP + Trusted Types, ${variant.name}: loads, resolves, updates, no violation`, async ({ page, request }) => {
    const { version } = await bump(request);
    const { result, errors } = await openStrict(page, variant.path);
    expect(result.error).toBeUndefined();
    expect(result.mode).toBe(variant.mode);
    expect(result.isolated).toBe(variant.isolated);
    expect(result.ar).toEqual({ tag: 'ar', direction: 'rtl' });
    expect(result.versionAfter).toBe(version);
    expect(result.versionAfter).toBeGreaterThan(result.versionBefore);
    expect(result.swaps).toContain(version);
    expect(result.zhHant).toBe('zh-Hant');
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    await expectPolicyEnforced(page);
  });
}

// Shared helpers for the e2e specs.
import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * 1,000 tags to compare modes on: every CLDR locale, likely-subtags keys, and
 * odd spellings (underscores, wrong case, private use, junk), deterministic.
 */
export function thousandTags() {
  const full = require('cldr-core/availableLocales.json').availableLocales.full;
  const likely = Object.keys(require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags);
  const odd = ['en_US', 'EN-us', 'zh_hant_tw', 'sr-latn', 'iw', 'in-ID', 'no', 'nb', 'cmn', 'x-private',
    'en-US-u-nu-arab', 'ar-EG-u-ca-islamic', '', '!!', 'engl', 'a', 'de-DE-1996', 'und', 'root', 'zh-Hans-CN',
    'ja-JP-u-ca-japanese', 'he', 'fa-AF', 'ur-IN', 'yi', 'dv', 'ps', 'ckb', 'syr', 'ku-Arab'];
  const tags = [...new Set([...full, ...odd, ...likely])];
  return tags.slice(0, 1000);
}

/** Opens the harness page (isolated, or /plain/ without COOP/COEP) and waits for the module. */
export async function openHarness(page, { plain = false } = {}) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(plain ? '/plain/e2e/harness.html' : '/e2e/harness.html');
  await page.waitForFunction(() => document.title === 'ready');
  return errors;
}

/**
 * The dev server's per-run admin token, read from the demo page as the demo
 * itself does (tools/serve.mjs).
 */
export async function adminToken(request) {
  if (!token) {
    const page = await (await request.get('/')).text();
    token = /<meta name="localecap-admin-token" content="([^"]+)">/.exec(page)?.[1];
    if (!token) throw new Error('the server gave no admin token (not started with --admin?)');
  }
  return token;
}
let token;

/** POSTs to the dev server's admin API with its per-run token. */
export async function admin(request, path, data) {
  const r = await request.post(path, { data, headers: { 'Localecap-Admin-Token': await adminToken(request) } });
  if (!r.ok()) throw new Error(`${path}: HTTP ${r.status()}`);
  return r.json();
}

export async function setFault(request, kind, extra = {}) {
  await admin(request, '/admin/fault', { kind, ...extra });
}

export async function bump(request, data) {
  return admin(request, '/admin/bump', data);
}

export const snapshotBytes = () => readFileSync(new URL('../web/dist/localecap.lcs', import.meta.url));

/** Opens the playground (demo/) and waits until the language list is ready; returns the console errors (live). */
export async function openPlayground(page, path = '/') {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(path);
  await expect(page.locator('#version')).toHaveText(/snapshot v\d+/);
  await page.waitForFunction(() => Number(document.body.dataset.languages) > 0, null, { timeout: 20_000 });
  return errors;
}

// Package shape (issue 7 §5): importable by name in Node (single mode) and
// from an app bundled by Vite, which then runs in Chromium.
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

test('Node imports the package by name and resolves in single mode', async () => {
  const { createRegistry, LocaleTagError } = await import('localecap'); // self-reference through "exports"
  const reg = await createRegistry();
  expect(reg.mode).toBe('single');
  const p = reg.resolve('ar-EG');
  expect(p).toMatchObject({ tag: 'ar', direction: 'rtl' });
  expect(reg.resolve('ar-Arab-EG')).toBe(p);
  expect(Object.isFrozen(p)).toBe(true);
  expect(new LocaleTagError('x', { code: 'tag-bad-language', message: 'm' })).toBeInstanceOf(RangeError);
  reg.dispose();
});

// Regression: the single build's memory grows inside malloc, which detached
// the module's views of it ("Cannot perform Atomics.load on a detached ArrayBuffer").
test('single mode keeps working after its wasm memory grows', async () => {
  const { createRegistry } = await import('localecap');
  const reg = await createRegistry();
  const ar = reg.resolve('ar-EG');
  const reason = await reg.update(new Uint8Array(48 << 20), { maxSnapshotBytes: 64 << 20 }).catch((e) => e.reason); // 48 MB: forces growth (over the default 8 MiB cap)
  expect(reason).toBe('snapshot-bad-magic');
  expect(reg.resolve('ar-EG')).toBe(ar);
  expect(reg.resolve('he').direction).toBe('rtl');
  expect(reg.explain('en-US').profile.tag).toBe('en');
  reg.dispose();
});

test('Node: update and watch over HTTP, with ETags, against localecap serve', async ({ baseURL, request }) => {
  const { createRegistry } = await import('localecap');
  const latest = new URL('/snapshots/latest.lcs', baseURL).href;
  const reg = await createRegistry({ snapshotUrl: latest, retries: 0 });
  const swaps = [];
  reg.addEventListener('swap', (e) => swaps.push(e.detail.version));
  const { version: target } = await (await request.post('/admin/bump')).json();
  expect(await reg.update(latest)).toBe(target);
  const abort = new AbortController();
  expect(await reg.watch(latest, { intervalMs: 50, signal: abort.signal })).toBe(target); // a 304
  abort.abort();
  const bad = await reg.update(new URL('/snapshots/nope.lcs', baseURL).href).catch((e) => e);
  expect(bad.reason).toBe('fetch-http-status');
  expect(reg.stats()).toMatchObject({ mode: 'single', swaps: 2, notModified: 1, rejects: 1, version: target });
  expect(swaps).toEqual([target]);
  reg.dispose();
});

test('an app bundled by Vite imports localecap and runs in Chromium', async ({ page }) => {
  test.setTimeout(120_000);
  // Install the package the way npm would: node_modules/localecap → the repository.
  const modules = `${repo}e2e/vite-app/node_modules`;
  rmSync(modules, { recursive: true, force: true });
  mkdirSync(modules, { recursive: true });
  symlinkSync(repo, `${modules}/localecap`, 'dir');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'e2e/vite-app/vite.config.js'], {
    cwd: repo, encoding: 'utf8', timeout: 110_000,
  });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/e2e-build/vite/index.html');
  await expect(page.locator('#out')).toHaveText(/^threads ar rtl v\d+$/);
  await page.goto('/plain/e2e-build/vite/index.html'); // the same bundle on a page without COOP/COEP
  await expect(page.locator('#out')).toHaveText(/^single ar rtl v\d+$/);
  expect(errors).toEqual([]);
});

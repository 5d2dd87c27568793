// Package shape (issue 7 §5), by self-reference through "exports": importable
// by name in Node (single mode). The installed tarball in a Vite app, a page with
// an import map, Node and TypeScript: e2e/tarball.spec.js.
import { test, expect } from '@playwright/test';
import { bump } from './support.js';

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
  const reg = await createRegistry({ maxSnapshotBytes: 64 << 20 }); // a call may not raise the registry's cap
  const ar = reg.resolve('ar-EG');
  // 24 MiB: forces growth (the single build starts with 8 MiB); under the heap's clamp of maxSnapshotBytes (≈ 31 MiB)
  const reason = await reg.update(new Uint8Array(24 << 20)).catch((e) => e.reason);
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
  const { version: target } = await bump(request);
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

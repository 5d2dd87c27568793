// The wasm/JS binary interface is written once (wasm/abi.h) and generated
// into web/dist/abi.js by the wasm build. These tests fail if the JS module
// and the C++ disagree, and if a hand-copied layout constant comes back.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { loadModule } from '../web/loader.js';
import * as abi from '../web/dist/abi.js';

const web = new URL('../web/', import.meta.url);

test('web/dist/abi.js is exactly what the wasm module was built with (single build, Node)', async () => {
  const m = await loadModule('single');
  expect(m.abiText()).toBe(readFileSync(new URL('dist/abi.js', web), 'utf8'));
  expect(m._lc_abi_fingerprint() >>> 0).toBe(abi.FINGERPRINT); // a wasm u32 arrives as a signed i32
});

test('the threads build takes the same web/dist/abi.js (isolated page)', async ({ page }) => {
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => document.title === 'ready');
  // createRegistry refuses an abi.js whose FINGERPRINT differs from the module's.
  const r = await page.evaluate(async () => {
    const reg = await window.localecapModule.createRegistry();
    const out = { mode: reg.mode, direction: reg.resolve('ar').direction };
    reg.dispose();
    return out;
  });
  expect(r).toEqual({ mode: 'threads', direction: 'rtl' });
});

test('no web/*.js file copies a layout constant by hand', () => {
  for (const file of readdirSync(web).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(new URL(file, web), 'utf8');
    // Numbers next to the names the ABI module defines would be a copy of it.
    expect(text, file).not.toMatch(/\b(RECORD_SIZE|LOG_RING|LOG_RECORDS|RECORD_MESSAGE|MESSAGE_SIZE)\s*=\s*\d/);
    expect(text, file).not.toMatch(/\b(SWAP|REJECT|NOT_MODIFIED|UNCHANGED)\s*:\s*\d/);
    expect(text, file).not.toMatch(/<\s*64\b/);
  }
});

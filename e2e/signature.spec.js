// Signed snapshots and size limits (issue 10 §2, §3), in threads mode and in
// single mode, against tools/serve.mjs (POST /admin/sign switches its key).
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openHarness, setFault, bump, admin } from './support.js';
import { exportStatic, seedSigner } from '../tools/serve.mjs';

// TEST-ONLY Ed25519 seeds: public, fixed so runs are reproducible. Never use
// them (or any committed seed) to sign real snapshots.
const TEST_SEED_A = 'a1'.repeat(32);
const TEST_SEED_B = 'b2'.repeat(32);
const KEY_A = seedSigner(TEST_SEED_A).publicKey; // hex
const KEY_B_BASE64 = Buffer.from(seedSigner(TEST_SEED_B).publicKey, 'hex').toString('base64'); // keys may be base64 too
const LATEST = '/snapshots/latest.lcs';

async function signWith(request, seed, header = true) {
  await admin(request, '/admin/sign', { seed, header });
}

test.afterEach(async ({ request }) => {
  await setFault(request, 'none');
  await signWith(request, null);
});

// Creates window.reg in the page with `options`; events go to window.events.
async function createInPage(page, options) {
  return page.evaluate(async (options) => {
    window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs', ...options });
    window.events = [];
    for (const type of ['swap', 'reject']) window.reg.addEventListener(type, (e) => window.events.push({ type, ...e.detail }));
    return { mode: window.reg.mode, version: window.reg.version };
  }, options);
}

// update(url, options) in the page while the main thread keeps resolving;
// returns the outcome, the live version after it, and whether every answer was right.
async function updateWhileResolving(page, url, options = {}) {
  return page.evaluate(async ({ url, options }) => {
    const reg = window.reg;
    let settled = false, outcome, answered = 0, wrong = 0;
    reg.update(url, options).then((v) => { outcome = { ok: true, v }; }, (e) => { outcome = { ok: false, reason: e.reason ?? e.code, message: e.message }; })
      .finally(() => { settled = true; });
    while (!settled) {
      if (reg.resolve('ar-EG').direction !== 'rtl' || reg.resolve('en').direction !== 'ltr') wrong++;
      if (++answered % 200 === 0) await new Promise((done) => setTimeout(done, 0));
    }
    return { ...outcome, answered, wrong, version: reg.version };
  }, { url, options });
}

for (const plain of [false, true]) {
  const mode = plain ? 'single' : 'threads';

  test(`signed snapshots: accepted when signed by a configured key; wrong or missing signatures rejected while the old version serves (${mode})`, async ({ page, request }) => {
    const errors = await openHarness(page, { plain });
    await signWith(request, TEST_SEED_A);
    const start = await createInPage(page, { publicKeys: [KEY_A], retries: 0 });
    expect(start.mode).toBe(mode);

    const { version: v1 } = await bump(request);
    const ok = await updateWhileResolving(page, LATEST);
    expect(ok).toMatchObject({ ok: true, v: v1, version: v1, wrong: 0 });

    await setFault(request, 'badsig');
    await bump(request);
    const bad = await updateWhileResolving(page, LATEST);
    expect(bad).toMatchObject({ ok: false, reason: 'snapshot-bad-signature', version: v1, wrong: 0 });
    expect(bad.answered).toBeGreaterThan(0);
    await setFault(request, 'none');

    await signWith(request, null); // the server stops signing: neither header nor .sig
    await bump(request);
    const unsigned = await updateWhileResolving(page, LATEST);
    expect(unsigned).toMatchObject({ ok: false, reason: 'snapshot-unsigned', version: v1, wrong: 0 });
    // One call cannot turn signatures off (issue 16 §2; e2e/policy.spec.js has each option).
    const relaxed = await updateWhileResolving(page, LATEST, { requireSignature: false });
    expect(relaxed).toMatchObject({ ok: false, reason: 'policy-downgrade', version: v1 });

    const r = await page.evaluate(() => ({ stats: window.reg.stats(), rejects: window.events.filter((e) => e.type === 'reject').map((e) => e.reason) }));
    expect(r.rejects).toEqual(['snapshot-bad-signature', 'snapshot-unsigned']);
    expect(r.stats.rejectsByReason).toMatchObject({ 'snapshot-bad-signature': 1, 'snapshot-unsigned': 1 });
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  test(`key rotation: both keys accepted while both are configured; a removed key is rejected; .sig files without the header (${mode})`, async ({ page, request }) => {
    await openHarness(page, { plain });
    await signWith(request, TEST_SEED_A, false); // like a static host: only <url>.sig
    await createInPage(page, { publicKeys: [KEY_A, KEY_B_BASE64] });
    const { version: v1 } = await bump(request);
    expect(await updateWhileResolving(page, LATEST)).toMatchObject({ ok: true, v: v1 });
    await signWith(request, TEST_SEED_B, false); // rollover: the origin signs with the new key
    const { version: v2 } = await bump(request);
    expect(await updateWhileResolving(page, LATEST)).toMatchObject({ ok: true, v: v2 });
    // The old key is removed from the configuration; a snapshot it signed is refused.
    await signWith(request, TEST_SEED_A);
    await bump(request);
    expect(await updateWhileResolving(page, LATEST, { publicKeys: [KEY_B_BASE64] }))
      .toMatchObject({ ok: false, reason: 'snapshot-bad-signature', version: v2, wrong: 0 });
  });

  test(`size cap: an endless body is cut off, a too-large update(bytes) is refused; signed update(bytes) (${mode})`, async ({ page, request }) => {
    await openHarness(page, { plain });
    await signWith(request, TEST_SEED_A);
    const { version } = await createInPage(page, { publicKeys: [KEY_A], maxSnapshotBytes: 1 << 20, timeoutMs: 20_000, retries: 0 });
    await setFault(request, 'endless');
    const t0 = Date.now();
    const endless = await updateWhileResolving(page, LATEST);
    expect(endless).toMatchObject({ ok: false, reason: 'snapshot-too-large', version, wrong: 0 });
    expect(endless.message).toMatch(/cut off after \d+ bytes/);
    expect(Date.now() - t0).toBeLessThan(15_000); // cut off by the cap, not by the timeout
    await setFault(request, 'none');

    const r = await page.evaluate(async () => {
      const reg = window.reg;
      const bytes = new Uint8Array(await (await fetch('/snapshots/latest.lcs')).arrayBuffer());
      const signature = new Uint8Array(await (await fetch('/snapshots/latest.lcs.sig')).arrayBuffer());
      const outcome = (p) => p.then((v) => ({ ok: true, v }), (e) => ({ ok: false, reason: e.reason }));
      const big = new Uint8Array((1 << 20) + 1);
      return {
        tooLarge: await outcome(reg.update(big)),
        unsigned: await outcome(reg.update(bytes)),
        signed: await outcome(reg.update(bytes, { signature })),
        wrong: await outcome(reg.update(bytes, { signature: signature.map((b, i) => (i === 0 ? b ^ 1 : b)) })),
        version: reg.version,
        stats: reg.stats(),
      };
    });
    expect(r.tooLarge).toEqual({ ok: false, reason: 'snapshot-too-large' });
    expect(r.unsigned).toEqual({ ok: false, reason: 'snapshot-unsigned' });
    expect(r.signed).toEqual({ ok: true, v: version }); // the live snapshot's own bytes: unchanged
    expect(r.wrong).toEqual({ ok: false, reason: 'snapshot-bad-signature' });
    expect(r.version).toBe(version);
    expect(r.stats.rejectsByReason['snapshot-too-large']).toBe(2);
  });
}

test('keys are checked up front with clear errors', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const { createRegistry } = window.localecapModule;
    const message = (options) => createRegistry({ snapshotUrl: '/snapshots/latest.lcs', ...options }).then(() => 'accepted', (e) => `${e.name}: ${e.message}`);
    return {
      notArray: await message({ publicKeys: 'abc' }),
      short: await message({ publicKeys: ['00ff'] }),
      number: await message({ publicKeys: [7] }),
      requireWithout: await message({ requireSignature: true }),
      badCap: await message({ maxSnapshotBytes: -1 }),
    };
  });
  expect(r.notArray).toMatch(/TypeError: .*publicKeys must be an array/);
  expect(r.short).toMatch(/RangeError: .*publicKeys\[0\] is not a raw 32-byte Ed25519 public key/);
  expect(r.number).toMatch(/TypeError: .*publicKeys\[0\] must be a string/);
  expect(r.requireWithout).toMatch(/requireSignature needs publicKeys/);
  expect(r.badCap).toMatch(/maxSnapshotBytes must be a positive integer/);
});

// Node runs hydration.js on the calling thread (no Worker): the same rules hold,
// for http(s): and for file: URLs with their .sig next to them.
test('Node: signatures and the size cap over HTTP and for file: URLs (the --export layout)', async ({ baseURL, request }) => {
  const { createRegistry } = await import('localecap');
  const latest = new URL(LATEST, baseURL).href;
  await signWith(request, TEST_SEED_A);
  const reg = await createRegistry({ snapshotUrl: latest, publicKeys: [KEY_A], retries: 0, maxSnapshotBytes: 1 << 20 });
  expect(reg.mode).toBe('single');
  const { version: v1 } = await bump(request);
  expect(await reg.update(latest)).toBe(v1);
  await setFault(request, 'badsig');
  await bump(request);
  expect((await reg.update(latest).catch((e) => e)).reason).toBe('snapshot-bad-signature');
  await setFault(request, 'endless');
  expect((await reg.update(latest).catch((e) => e)).reason).toBe('snapshot-too-large');
  await setFault(request, 'none');
  expect(reg.version).toBe(v1);
  expect(reg.resolve('ar-EG').direction).toBe('rtl');
  reg.dispose();

  // The snapshot embedded in the package is unsigned: refused once a signature is required.
  expect((await createRegistry({ publicKeys: [KEY_A] }).catch((e) => e)).reason).toBe('snapshot-unsigned');

  // serve.mjs --export DIR --sign-key FILE writes the .sig files a static host serves.
  const dir = mkdtempSync(join(tmpdir(), 'localecap-export-'));
  try {
    writeFileSync(join(dir, 'seed.hex'), `${TEST_SEED_B}\n`);
    exportStatic(fileURLToPath(new URL('../web/dist/localecap.lcs', import.meta.url)), join(dir, 'out'), join(dir, 'seed.hex'));
    const url = pathToFileURL(join(dir, 'out/snapshots/latest.lcs')).href;
    const ok = await createRegistry({ snapshotUrl: url, publicKeys: [KEY_B_BASE64] });
    expect(ok.resolve('he').direction).toBe('rtl');
    ok.dispose();
    expect((await createRegistry({ snapshotUrl: url, publicKeys: [KEY_A] }).catch((e) => e)).reason).toBe('snapshot-bad-signature');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

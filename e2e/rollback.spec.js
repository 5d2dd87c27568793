// Rollback and freeze (issue 16 §3): createRegistry({ minVersion,
// maxAgeSeconds, channel, persistence }) refuses a well-formed, validly
// signed snapshot below the floor, issued too long ago or of another channel,
// and every registry refuses an expired one — each with its own reason and a
// suggestion — while the live snapshot keeps serving. The persistence hook
// keeps the floor across reloads: an old signed snapshot served at the first
// load of a new registry is refused. Node (single mode) and Chromium (threads
// and single). The header fields are outside the content hash (format_v2.h),
// so the tests patch them into the core snapshot (pages/snapshot-header.js).
import { test, expect } from '@playwright/test';
import { openHarness, snapshotBytes } from './support.js';
import { seedSigner } from '../tools/serve.mjs';
import { withHeader } from './pages/snapshot-header.js';

// TEST-ONLY seed, public (as in signature.spec.js).
const signer = seedSigner('c3'.repeat(32));
const NOW = Math.floor(Date.now() / 1000);

// The core snapshot with its release fields replaced.
const release = ({ version = 1, issuedAt = 0, expiresAt = 0, channel = '' }) =>
  Buffer.from(withHeader(snapshotBytes(), { version, issuedAt, expiresAt, channel }));

// A Web Storage stand-in for localStorageAdapter({ storage }).
function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)), map: m };
}

async function refusal(promise) {
  try {
    await promise;
  } catch (e) {
    return { code: e.code, suggestion: e.suggestion, message: e.message };
  }
  return { code: 'accepted' };
}

test('Node: each option refuses with its own reason and a suggestion; the live snapshot keeps serving', async () => {
  const { createRegistry } = await import('localecap');
  // At first load: nothing goes live.
  expect((await refusal(createRegistry({ snapshot: release({ version: 5 }), minVersion: 6 }))).code).toBe('snapshot-below-min-version');
  expect((await refusal(createRegistry({ snapshot: release({ channel: 'beta' }), channel: 'stable' }))).code).toBe('snapshot-wrong-channel');
  expect((await refusal(createRegistry({ snapshot: release({}), channel: 'stable' }))).code).toBe('snapshot-wrong-channel');
  expect((await refusal(createRegistry({ snapshot: release({ issuedAt: NOW - 7200 }), maxAgeSeconds: 3600 }))).code).toBe('snapshot-too-old');
  expect((await refusal(createRegistry({ snapshot: release({ issuedAt: NOW - 60, expiresAt: NOW - 1 }) }))).code).toBe('snapshot-expired');
  const r = await refusal(createRegistry({ snapshot: release({ version: 5 }), minVersion: 6 }));
  expect(r.suggestion).toContain('minVersion');
  expect(r.message).toContain('registry_version 5 is below the minimum 6');

  // Later updates: refused, the live one keeps serving.
  const reg = await createRegistry({
    snapshot: release({ version: 6, issuedAt: NOW, channel: 'stable' }), minVersion: 6, maxAgeSeconds: 3600, channel: 'stable',
  });
  try {
    expect(reg.version).toBe(6);
    const rejects = [];
    reg.addEventListener('reject', (e) => rejects.push(e.detail.reason));
    for (const [bytes, code] of [
      [release({ version: 7, issuedAt: NOW, channel: 'beta' }), 'snapshot-wrong-channel'],
      [release({ version: 7, issuedAt: NOW - 7200, channel: 'stable' }), 'snapshot-too-old'],
      [release({ version: 7, issuedAt: NOW - 60, expiresAt: NOW - 1, channel: 'stable' }), 'snapshot-expired'],
    ]) {
      expect((await refusal(reg.update(bytes))).code).toBe(code);
      expect(reg.version).toBe(6);
      expect(reg.resolve('ar').direction).toBe('rtl');
    }
    expect(rejects).toEqual(['snapshot-wrong-channel', 'snapshot-too-old', 'snapshot-expired']);
    expect(await reg.update(release({ version: 7, issuedAt: NOW, expiresAt: NOW + 60, channel: 'stable' }))).toBe(7);
    expect(reg.stats().rejectsByReason).toMatchObject({ 'snapshot-wrong-channel': 1, 'snapshot-too-old': 1, 'snapshot-expired': 1 });
  } finally {
    reg.dispose();
  }
  // Bad options throw before anything loads.
  await expect(createRegistry({ channel: 'Stable' })).rejects.toThrow(TypeError);
  await expect(createRegistry({ minVersion: -1 })).rejects.toThrow(RangeError);
  await expect(createRegistry({ minVersion: 2 ** 53 })).rejects.toThrow(RangeError);
  await expect(createRegistry({ maxAgeSeconds: 1.5 })).rejects.toThrow(RangeError);
  await expect(createRegistry({ persistence: {} })).rejects.toThrow(TypeError);
});

test('Node: replay at first load — with persistence remembering version 10, an old validly signed snapshot is refused', async () => {
  const { createRegistry, localStorageAdapter } = await import('localecap');
  const storage = memoryStorage();
  const persistence = localStorageAdapter({ storage });
  const signed = (fields) => {
    const bytes = release({ channel: 'stable', issuedAt: NOW, ...fields });
    return { snapshot: bytes, signature: signer.sign(bytes), publicKeys: [signer.publicKey], channel: 'stable', persistence };
  };
  const first = await createRegistry(signed({ version: 9 }));
  expect(await first.update(signed({ version: 10 }).snapshot, { signature: signer.sign(signed({ version: 10 }).snapshot) })).toBe(10);
  first.dispose();
  expect(storage.map.get('localecap.version.stable')).toBe('10');

  // "Reload": a new registry whose first snapshot is the old, validly signed version 9.
  const replay = await refusal(createRegistry(signed({ version: 9 })));
  expect(replay.code).toBe('snapshot-below-min-version');
  expect(replay.message).toContain('below the minimum 10');
  // Without persistence the same replay goes live: what the hook prevents.
  const { persistence: _, ...unguarded } = signed({ version: 9 });
  const plain = await createRegistry(unguarded);
  expect(plain.version).toBe(9);
  plain.dispose();
  // Version 10 itself (a plain reload) is fine, and another channel has its own floor.
  const again = await createRegistry(signed({ version: 10 }));
  expect(again.version).toBe(10);
  again.dispose();
  expect(persistence.load('beta')).toBe(null);
  // A hook that fails is an 'error' event; the swap stands.
  const broken = { load: () => null, save: () => { throw new Error('quota'); } };
  const errors = [];
  const reg = await createRegistry({ snapshot: release({ version: 3 }), persistence: broken });
  reg.addEventListener('error', (e) => errors.push(e.detail.reason));
  expect(await reg.update(release({ version: 4 }))).toBe(4);
  expect(errors).toEqual(['persistence-failed']);
  reg.dispose();
});

test('Node: the release fields are under the signature — signed bytes with another version, issue time, expiry or channel are refused', async () => {
  const { createRegistry } = await import('localecap');
  const bytes = release({ version: 5, issuedAt: NOW, expiresAt: NOW + 3600, channel: 'stable' });
  const trust = { signature: signer.sign(bytes), publicKeys: [signer.publicKey] };
  const reg = await createRegistry({ snapshot: bytes, ...trust });
  expect(reg.version).toBe(5);
  reg.dispose();
  for (const fields of [{ version: 6 }, { issuedAt: NOW - 1 }, { expiresAt: NOW + 7200 }, { channel: 'beta' }]) {
    const altered = Buffer.from(withHeader(bytes, fields));
    expect((await refusal(createRegistry({ snapshot: altered, ...trust }))).code, JSON.stringify(fields)).toBe('snapshot-bad-signature');
  }
});

for (const plain of [false, true]) {
  test(`Chromium: minVersion, channel, maxAgeSeconds, expiry and persistence (${plain ? 'single' : 'threads'})`, async ({ page }) => {
    const errors = await openHarness(page, { plain });
    const r = await page.evaluate(async (now) => {
      const { createRegistry, localStorageAdapter } = window.localecapModule;
      const { withHeader } = await import('/e2e/snapshot-header.js');
      const base = new Uint8Array(await (await fetch('/snapshots/latest.lcs')).arrayBuffer());
      const release = ({ version = 1, issuedAt = 0, expiresAt = 0, channel = '' }) =>
        withHeader(base, { version, issuedAt, expiresAt, channel });
      const code = (p) => p.then(() => 'accepted', (e) => e.code);
      localStorage.clear();
      const persistence = localStorageAdapter();
      const out = {
        below: await code(createRegistry({ snapshot: release({ version: 5 }), minVersion: 6 })),
        channel: await code(createRegistry({ snapshot: release({ channel: 'beta' }), channel: 'stable' })),
        old: await code(createRegistry({ snapshot: release({ issuedAt: now - 7200 }), maxAgeSeconds: 3600 })),
        expired: await code(createRegistry({ snapshot: release({ issuedAt: now - 60, expiresAt: now - 1 }) })),
      };
      const reg = await createRegistry({ snapshot: release({ version: 8, channel: 'stable' }), channel: 'stable', persistence });
      out.live = reg.version;
      out.update = await code(reg.update(release({ version: 9, channel: 'beta' })));
      out.after = reg.version;
      out.stored = localStorage.getItem('localecap.version.stable');
      out.mode = reg.mode;
      reg.dispose();
      out.replay = await code(createRegistry({ snapshot: release({ version: 7, channel: 'stable' }), channel: 'stable', persistence }));
      localStorage.clear();
      return out;
    }, NOW);
    expect(r).toEqual({
      below: 'snapshot-below-min-version', channel: 'snapshot-wrong-channel', old: 'snapshot-too-old', expired: 'snapshot-expired',
      live: 8, update: 'snapshot-wrong-channel', after: 8, stored: '8', mode: plain ? 'single' : 'threads',
      replay: 'snapshot-below-min-version',
    });
    expect(errors).toEqual([]);
  });
}

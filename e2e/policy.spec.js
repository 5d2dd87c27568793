// No per-call downgrade (issue 16 §2): on a registry created with a trust
// policy, one update() or watch() call cannot weaken it — each option alone —
// unless the registry was created with allowPolicyOverride: true. In Node
// (web/policy.js is the same module in every realm; the page passes the same
// policy objects to its transports).
import { test, expect } from '@playwright/test';
import { seedSigner } from '../tools/serve.mjs';
import { snapshotBytes } from './support.js';

// TEST-ONLY seeds: public, fixed so runs reproduce.
const A = seedSigner('a1'.repeat(32));
const B = seedSigner('b2'.repeat(32));

async function signedRegistry(extra = {}) {
  const { createRegistry } = await import('localecap');
  const bytes = snapshotBytes();
  return createRegistry({ snapshot: bytes, signature: A.sign(bytes), publicKeys: [A.publicKey, B.publicKey], ...extra });
}

const outcome = (p) => p.then((v) => ({ ok: true, v }), (e) => ({ ok: false, code: e.code ?? e.reason, message: e.message }));

test('each weakening option is refused per call with policy-downgrade, and nothing loads', async () => {
  const reg = await signedRegistry();
  const bytes = snapshotBytes();
  const unsigned = bytes; // the package's snapshot has no signature
  const signedByB = { signature: B.sign(bytes) };
  try {
    const weakenings = {
      requireSignatureOff: reg.update(unsigned, { requireSignature: false }),
      noKeys: reg.update(unsigned, { publicKeys: [] }),
      foreignKey: reg.update(bytes, { publicKeys: [seedSigner('c3'.repeat(32)).publicKey], signature: seedSigner('c3'.repeat(32)).sign(bytes) }),
      biggerCap: reg.update(bytes, { maxSnapshotBytes: 64 << 20, ...signedByB }),
      watchRequireSignatureOff: reg.watch('file:///nonexistent.lcs', { requireSignature: false }),
    };
    for (const [name, p] of Object.entries(weakenings)) {
      const r = await outcome(p);
      expect(r, name).toMatchObject({ ok: false, code: 'policy-downgrade' });
      expect(r.message, name).toMatch(/weaken the registry's trust policy/);
    }
    expect(reg.stats().swaps).toBe(1); // only the first snapshot
  } finally {
    reg.dispose();
  }
});

test('stricter per-call options are allowed: a subset of the keys, a smaller cap, fetch tuning', async () => {
  const reg = await signedRegistry();
  const bytes = snapshotBytes();
  try {
    expect(await outcome(reg.update(bytes, { publicKeys: [B.publicKey], signature: B.sign(bytes) }))).toMatchObject({ ok: true });
    expect(await outcome(reg.update(bytes, { publicKeys: [B.publicKey], signature: A.sign(bytes) })))
      .toMatchObject({ ok: false, code: 'snapshot-bad-signature' }); // the key left out no longer counts
    expect(await outcome(reg.update(bytes, { maxSnapshotBytes: 16, signature: A.sign(bytes) })))
      .toMatchObject({ ok: false, code: 'snapshot-too-large' });
    expect(await outcome(reg.update(bytes, { timeoutMs: 1, retries: 0, signature: A.sign(bytes) }))).toMatchObject({ ok: true });
  } finally {
    reg.dispose();
  }
});

test('allowPolicyOverride: true lets one call replace the policy, on purpose', async () => {
  const reg = await signedRegistry({ allowPolicyOverride: true });
  try {
    expect(await outcome(reg.update(snapshotBytes(), { requireSignature: false }))).toMatchObject({ ok: true });
    expect(await outcome(reg.update(snapshotBytes(), { publicKeys: [] }))).toMatchObject({ ok: true });
  } finally {
    reg.dispose();
  }
});

test('a registry without keys may add them per call (stricter), but still not raise its cap', async () => {
  const { createRegistry } = await import('localecap');
  const reg = await createRegistry({ maxSnapshotBytes: 4 << 20 });
  const bytes = snapshotBytes();
  try {
    expect(await outcome(reg.update(bytes, { publicKeys: [A.publicKey] }))).toMatchObject({ ok: false, code: 'snapshot-unsigned' });
    expect(await outcome(reg.update(bytes, { publicKeys: [A.publicKey], signature: A.sign(bytes) }))).toMatchObject({ ok: true });
    expect(await outcome(reg.update(bytes, { maxSnapshotBytes: 8 << 20 }))).toMatchObject({ ok: false, code: 'policy-downgrade' });
  } finally {
    reg.dispose();
  }
});

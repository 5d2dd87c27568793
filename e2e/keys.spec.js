// Strict Ed25519 keys and signatures (issue 16 §1): web/keys.js and
// web/hydration.js accept and refuse exactly what tests/fixtures/ed25519-vectors.json
// says — the table the C++ verifier is tested against too
// (tests/snapshot/signature_test.cpp) — in Node and in Chromium.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { openHarness } from './support.js';
import { parsePublicKey } from '../web/keys.js';
import { verifySnapshot } from '../web/hydration.js';

const TABLE = JSON.parse(readFileSync(new URL('../tests/fixtures/ed25519-vectors.json', import.meta.url), 'utf8'));
// With a small-order key (here the identity), R = identity and S = 0 is a
// valid signature of every message for WebCrypto: the forgery of issue 16.
const IDENTITY_KEY = '01' + '00'.repeat(31);
const FORGED = '01' + '00'.repeat(63);

// Runs the table with the given modules; returns the rows whose outcome differs
// from the table's (rows refused only natively are expected to be accepted here).
async function mismatches(keys, hydration, table) {
  const fromHex = (h) => new Uint8Array(h.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
  const wrong = [];
  for (const row of table.keys) {
    const accepted = !keys.parsePublicKey(row.text).error;
    if (accepted !== (row.accept || Boolean(row.nativeOnly))) wrong.push(`key: ${row.why} (${accepted ? 'accepted' : 'refused'})`);
  }
  for (const row of table.signatures) {
    const refused = await hydration.verifySnapshot(fromHex(row.message), fromHex(row.signature), { keys: [row.key] });
    if ((refused === '') !== row.accept) wrong.push(`signature: ${row.why} (${refused ? refused.message : 'accepted'})`);
  }
  return wrong;
}

test('Node: keys and signatures are accepted or refused as the shared table says', async () => {
  expect(await mismatches({ parsePublicKey }, { verifySnapshot }, TABLE)).toEqual([]);
  expect(TABLE.keys.filter((r) => r.why.startsWith('small-order point')).length).toBe(14);
  // The forgery itself, as WebCrypto sees it when nothing checks the key first:
  const key = await crypto.subtle.importKey('raw', Buffer.from(IDENTITY_KEY, 'hex'), { name: 'Ed25519' }, false, ['verify']);
  const forgedVerifies = await crypto.subtle.verify({ name: 'Ed25519' }, key, Buffer.from(FORGED, 'hex'), Buffer.from('any snapshot'));
  expect(forgedVerifies).toBe(true); // why the key must be refused before it reaches WebCrypto
});

test('Node: createRegistry and update refuse weak keys, naming the key and why', async () => {
  const { createRegistry } = await import('localecap');
  const message = (p) => p.then(() => 'accepted', (e) => `${e.name}: ${e.message}`);
  expect(await message(createRegistry({ publicKeys: [IDENTITY_KEY] }))).toMatch(/RangeError: .*publicKeys\[0\] .*small order/);
  expect(await message(createRegistry({ publicKeys: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='] }))).toMatch(/small order/);
  const reg = await createRegistry();
  try {
    const bytes = readFileSync(new URL('../web/dist/localecap.lcs', import.meta.url));
    expect(await message(reg.update(bytes, { publicKeys: [IDENTITY_KEY], signature: Buffer.from(FORGED, 'hex') })))
      .toMatch(/RangeError: .*small order/);
  } finally {
    reg.dispose();
  }
});

test('Chromium: keys and signatures are accepted or refused as the shared table says', async ({ page }) => {
  const errors = await openHarness(page);
  const wrong = await page.evaluate(async ({ table, source }) => {
    const keys = await import('/web/keys.js');
    const hydration = await import('/web/hydration.js');
    const run = new Function(`return (${source})`)(); // the same function as in Node
    return run(keys, hydration, table);
  }, { table: TABLE, source: mismatches.toString() });
  expect(wrong).toEqual([]);
  const refused = await page.evaluate(async (key) => window.localecapModule.createRegistry({ publicKeys: [key] })
    .then(() => 'accepted', (e) => `${e.name}: ${e.message}`), IDENTITY_KEY);
  expect(refused).toMatch(/RangeError: .*small order/);
  // A browser whose WebCrypto has no Ed25519: createRegistry refuses publicKeys with a LocalecapError.
  const unsupported = await page.evaluate(async (key) => {
    crypto.subtle.importKey = () => Promise.reject(new DOMException('Algorithm: Unrecognized name', 'NotSupportedError'));
    return window.localecapModule.createRegistry({ publicKeys: [key] }).then(() => 'accepted',
      (e) => ({ localecap: e instanceof window.localecapModule.LocalecapError, code: e.code, message: e.message }));
  }, generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex')); // a key this page has not imported (they are cached)
  expect(unsupported).toMatchObject({ localecap: true, code: 'webcrypto-unavailable' });
  expect(unsupported.message).toMatch(/cannot import an Ed25519 public key: Algorithm: Unrecognized name/);
  expect(errors).toEqual([]);
});

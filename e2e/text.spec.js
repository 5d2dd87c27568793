// Text that cannot break resolve() (issue 16 §4): web/utf8.js decodes any
// bytes like TextDecoder (U+FFFD for what is not UTF-8) and never throws, in
// Node and Chromium. The reader side (refusing such snapshots with
// snapshot-bad-text) is tests/snapshot/text_test.cpp, native and wasm32.
import { test, expect } from '@playwright/test';
import { openHarness } from './support.js';
import { decodeUtf8 } from '../web/utf8.js';

// Random byte strings, biased to continuation bytes and Table 3-7's edges;
// returns the inputs whose decoding differs from TextDecoder's or throws.
function property(decode, runs, seed) {
  const edges = [0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf7, 0xff];
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const reference = new TextDecoder();
  const wrong = [];
  for (let n = 0; n < runs && wrong.length < 5; n++) {
    const bytes = new Uint8Array(1 + Math.floor(random() * 12));
    for (let i = 0; i < bytes.length; i++) {
      const r = random();
      bytes[i] = r < 0.3 ? 0x80 | Math.floor(random() * 64) : r < 0.5 ? edges[Math.floor(random() * edges.length)] : Math.floor(random() * 256);
    }
    let got;
    try { got = decode(bytes, 0, bytes.length); } catch (e) { got = `threw ${e.name}`; }
    if (got !== reference.decode(bytes)) wrong.push({ bytes: [...bytes], got });
  }
  return wrong;
}

// The bytes the old decoder turned into code point 0x1FFFFF (RangeError).
const F7 = [0x41, 0xf7, 0xbf, 0xbf, 0xbf, 0x42];

test('Node: the decoder matches TextDecoder on random bytes and never throws', () => {
  expect(property(decodeUtf8, 100_000, 16)).toEqual([]);
  expect(decodeUtf8(new Uint8Array(F7), 0, F7.length)).toBe('A\ufffd\ufffd\ufffd\ufffdB');
  const text = new TextEncoder().encode('x العربية 中文 𐎠');
  expect(decodeUtf8(text, 0, text.length)).toBe('x العربية 中文 𐎠');
});

test('Chromium: the decoder matches TextDecoder on random bytes and never throws', async ({ page }) => {
  const errors = await openHarness(page);
  const wrong = await page.evaluate(async ({ source, f7 }) => {
    const { decodeUtf8 } = await import('/web/utf8.js');
    const run = new Function(`return (${source})`)();
    return { wrong: run(decodeUtf8, 50_000, 61), f7: decodeUtf8(new Uint8Array(f7), 0, f7.length) };
  }, { source: property.toString(), f7: F7 });
  expect(wrong).toEqual({ wrong: [], f7: 'A\ufffd\ufffd\ufffd\ufffdB' });
  expect(errors).toEqual([]);
});

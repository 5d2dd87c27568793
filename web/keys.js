// The one strict parser of Ed25519 public keys (createRegistry's publicKeys),
// mirrored in C++ by parse_public_key (src/snapshot/signature.h); both are
// tested against the same accept/refuse table (tests/fixtures/ed25519-keys.json).
//
// A key is 32 raw bytes written as exactly 64 hex digits (either case) or as
// canonical standard base64 (44 characters, one '=' of padding, the unused low
// bits of the last digit zero). Nothing else: no whitespace, no URL-safe
// alphabet, no missing padding, so one key has one spelling per form.
//
// The bytes must encode a point a signer could hold (RFC 8032 §5.1.3):
//   - y below p = 2^255 - 19 (a non-canonical encoding is refused);
//   - on the curve (x^2 = (y^2 - 1) / (d y^2 + 1) has a root);
//   - not one of the 8 points of small order, in any of their 14 encodings
//     (libsodium's blocklist; "Taming the many EdDSAs", C2SP ed25519 vectors).
//     With a small-order key, a signature (R = identity, S = 0) verifies for
//     any message in WebCrypto: the key would accept forged snapshots.
// libsodium (the C++ side) also refuses keys with a small-order component
// (a prime-order point plus a torsion point). Finding those needs a scalar
// multiplication, which WebCrypto does not expose; such a key is no forgery
// risk (a signature still needs the prime-order part's secret), so it is the
// one row of the table where the two sides differ (marked "native-only").

const KEY_BYTES = 32;
const P = 2n ** 255n - 19n;
const D = mod(-121665n * power(121666n, P - 2n)); // the curve constant d

// The y coordinates (little-endian, sign bit cleared) of the small-order
// points, including the non-canonical p and p + 1. The shared table lists
// all 14 encodings, and the C++ test checks libsodium refuses each.
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000', // y = 0 (order 4)
  '0100000000000000000000000000000000000000000000000000000000000000', // y = 1 (the identity)
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p - 1 (order 2)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p (≡ 0, non-canonical)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // y = p + 1 (≡ 1, non-canonical)
];

/**
 * Parses one public key. Returns {key: hex} (lower case) or {error: why}.
 * @param {unknown} text
 */
export function parsePublicKey(text) {
  if (typeof text !== 'string') return { error: `must be a string, got ${typeof text}`, type: true };
  const bytes = decodeKeyText(text);
  if (!bytes) {
    return { error: `is not a raw ${KEY_BYTES}-byte Ed25519 public key (64 hex digits, or canonical base64 of ${KEY_BYTES} bytes): '${preview(text)}'` };
  }
  const weak = weakness(bytes);
  if (weak) return { error: `is not a usable Ed25519 public key: ${weak}: '${preview(text)}'` };
  return { key: toHex(bytes) };
}

/**
 * Validates createRegistry's publicKeys: returns them as lower-case hex;
 * throws a TypeError (not strings) or RangeError (malformed or weak) naming the key.
 */
export function parsePublicKeys(keys) {
  if (!Array.isArray(keys)) throw new TypeError('localecap: publicKeys must be an array of strings (hex or base64 Ed25519 public keys)');
  return keys.map((k, i) => {
    const r = parsePublicKey(k);
    if (r.error) throw new (r.type ? TypeError : RangeError)(`localecap: publicKeys[${i}] ${r.error}`);
    return r.key;
  });
}

// --- internals --------------------------------------------------------------

// 64 hex digits or canonical base64 → 32 bytes; null for anything else.
function decodeKeyText(s) {
  if (/^[0-9a-fA-F]{64}$/.test(s)) {
    const out = new Uint8Array(KEY_BYTES);
    for (let i = 0; i < KEY_BYTES; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  // 32 bytes = 10 groups of 3, then 2 bytes: 43 digits and '='; the 43rd
  // digit carries 2 unused bits, which must be 0 (A, E, I, …, 4, 8).
  if (!/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(s)) return null;
  const bin = atob(s);
  const out = new Uint8Array(KEY_BYTES);
  for (let i = 0; i < KEY_BYTES; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Why `bytes` cannot be a signer's public key, or '' if it can.
function weakness(bytes) {
  const y = new Uint8Array(bytes);
  y[31] &= 0x7f; // the sign of x
  if (SMALL_ORDER_Y.includes(toHex(y))) return 'a point of small order (it would accept forged signatures)';
  let n = 0n;
  for (let i = KEY_BYTES - 1; i >= 0; i--) n = (n << 8n) | BigInt(y[i]);
  if (n >= P) return 'a non-canonical encoding (y is not below 2^255 - 19)';
  // x^2 = u / v must have a root: u v^(p-2) is 0 or a square (Euler's criterion).
  const u = mod(n * n - 1n), v = mod(D * n * n + 1n);
  const ratio = mod(u * power(v, P - 2n));
  if (ratio !== 0n && power(ratio, (P - 1n) / 2n) !== 1n) return 'not a point on the curve';
  return '';
}

function mod(a) {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function power(base, exponent) {
  let result = 1n, b = mod(base), e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function toHex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function preview(s) {
  return s.length > 20 ? `${s.slice(0, 20)}…` : s;
}

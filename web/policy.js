// A registry's fetch and trust policy, the rule that a single update() or
// watch() call cannot weaken it (issue 16 §2), and the small conversions of
// the arguments those calls take.
//
// createRegistry's options make the registry's policy. update() and watch()
// may pass the same options for one request: fetch tuning (timeoutMs,
// retries, backoffMs) freely, trust options only to make the policy at least
// as strict — a subset of the registry's keys, a smaller size cap. Anything
// weaker (requireSignature: false on a registry that requires signatures,
// keys the registry does not have, no keys, a larger cap) rejects with a
// LocalecapError whose code is 'policy-downgrade', unless the registry was created
// with `allowPolicyOverride: true`: then one call may replace the policy, on
// purpose, as before.
import { DEFAULT_MAX_SNAPSHOT_BYTES } from './hydration.js';
import { LocalecapError } from './errors.js';
import { parsePublicKeys } from './keys.js';

export const DEFAULT_POLICY = Object.freeze({
  timeoutMs: 10000, retries: 2, backoffMs: 250, maxBytes: DEFAULT_MAX_SNAPSHOT_BYTES, keys: [], requireSignature: false,
  allowOverride: false,
});

/**
 * The registry's policy from createRegistry's options. Throws a TypeError or
 * RangeError on a malformed or weak key or a bad limit, before anything loads.
 * maxSnapshotBytes is clamped to `maxBytesCap`: what the wasm heap can take.
 */
export function registryPolicy(options, maxBytesCap = Infinity) {
  return { ...merge(options, DEFAULT_POLICY, maxBytesCap), allowOverride: options.allowPolicyOverride === true };
}

/**
 * The policy of one update()/watch() request: `options` over the registry's
 * policy `base`. Throws as registryPolicy does, and with code
 * 'policy-downgrade' when `options` would weaken `base` without its opt-in.
 */
export function requestPolicy(options, base, maxBytesCap = Infinity) {
  const p = merge(options, base, maxBytesCap);
  if (base.allowOverride) return p;
  const weaker = weakening(p, base);
  if (weaker) {
    throw new LocalecapError('policy-downgrade', `this call would weaken the registry's trust policy: ${weaker}`, {
      suggestion: 'pass trust options to createRegistry(), or create the registry with allowPolicyOverride: true to let one call replace them',
    });
  }
  return p;
}

/** update(bytes, {signature}): bytes or base64 → base64 (it travels as JSON text), or null. */
export function signatureOf(signature) {
  if (signature === undefined || signature === null) return null;
  if (typeof signature === 'string') return signature;
  if (!(signature instanceof ArrayBuffer) && !ArrayBuffer.isView(signature)) {
    throw new TypeError('localecap.update: signature must be bytes (ArrayBuffer or a view) or base64 text');
  }
  const b = toBytes(signature);
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

/** `url` resolved against the page (or taken as absolute where there is none: Node). */
export function absoluteUrl(url) {
  const base = globalThis.location?.href;
  return (base ? new URL(url, base) : new URL(url)).href;
}

/** An ArrayBuffer or view as a Uint8Array over the same bytes. */
export function toBytes(source) {
  return source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

// --- internals --------------------------------------------------------------

// How `p` is weaker than `base`, or '' if it is not.
function weakening(p, base) {
  if (base.requireSignature && !p.requireSignature) return 'requireSignature: false on a registry that requires signatures';
  const foreign = p.keys.filter((k) => !base.keys.includes(k));
  if (base.keys.length > 0 && foreign.length > 0) return `${foreign.length} public key(s) the registry was not created with`;
  if (base.keys.length > 0 && p.keys.length === 0) return 'publicKeys: [] on a registry that checks signatures';
  if (p.maxBytes > base.maxBytes) return `maxSnapshotBytes ${p.maxBytes} over the registry's ${base.maxBytes}`;
  return '';
}

// `options` over `base`; maxSnapshotBytes clamped to `maxBytesCap` (what the wasm heap can take).
function merge(options, base, maxBytesCap) {
  const keys = options.publicKeys !== undefined ? parsePublicKeys(options.publicKeys) : base.keys;
  const requireSignature = options.requireSignature ?? (options.publicKeys !== undefined ? keys.length > 0 : base.requireSignature);
  if (requireSignature && keys.length === 0) {
    throw new TypeError('localecap: requireSignature needs publicKeys (the Ed25519 keys a snapshot may be signed with)');
  }
  const maxBytes = options.maxSnapshotBytes ?? base.maxBytes;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`localecap: maxSnapshotBytes must be a positive integer, got ${maxBytes}`);
  }
  return {
    timeoutMs: options.timeoutMs ?? base.timeoutMs,
    retries: options.retries ?? base.retries,
    backoffMs: options.backoffMs ?? base.backoffMs,
    maxBytes: Math.min(maxBytes, maxBytesCap),
    keys,
    requireSignature: Boolean(requireSignature),
    allowOverride: base.allowOverride,
  };
}

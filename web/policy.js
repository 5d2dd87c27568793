// The fetch and trust policy of a request (createRegistry's options, which
// update() and watch() may override), and the small conversions of the
// arguments those calls take.
import { DEFAULT_MAX_SNAPSHOT_BYTES, parsePublicKeys } from './fetcher.js';

export const DEFAULT_POLICY = Object.freeze({
  timeoutMs: 10000, retries: 2, backoffMs: 250, maxBytes: DEFAULT_MAX_SNAPSHOT_BYTES, keys: [], requireSignature: false,
});

/**
 * `options` over `base`. Throws a TypeError or RangeError on a malformed key or
 * limit. maxSnapshotBytes is clamped to `maxBytesCap`: what the wasm heap can take.
 */
export function policyOf(options, base, maxBytesCap = Infinity) {
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
  };
}

/** update(bytes, {signature}): bytes or base64 → base64 (it travels as JSON text), or null. */
export function signatureOf(signature) {
  if (signature === undefined || signature === null) return null;
  if (typeof signature === 'string') return signature;
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

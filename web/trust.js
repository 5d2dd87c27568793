// The registry's rollback policy (issue 16 §3): which well-formed, validly
// signed snapshots it still refuses — below `minVersion`, issued more than
// `maxAgeSeconds` ago, of another `channel`, or past their own expiry — and
// the persistence hook that keeps the version floor across reloads.
//
// The check itself is C++ (check_trust, src/registry/trust_policy.h), run by
// the wasm registry before it publishes; this file parses the options, turns
// what the hook remembers into the floor, and offers localStorageAdapter().

/** The largest registry_version: the reader refuses larger ones, so a JS number holds every version exactly. */
export const MAX_VERSION = Number.MAX_SAFE_INTEGER;

/** A registry_version from the two uint32 words wasm memory holds it in (wasm/abi.h VersionWords): exact up to MAX_VERSION. */
export const versionFromWords = (low, high) => high * 0x1_0000_0000 + low;
const CHANNEL = /^[a-z0-9._-]{0,15}$/;

/**
 * createRegistry's trust options, checked: {minVersion, maxAgeSeconds,
 * channel, persistence}. Throws a TypeError or RangeError before anything loads.
 */
export function trustOptions(options) {
  const minVersion = versionOf(options.minVersion ?? 0, 'minVersion');
  const maxAgeSeconds = options.maxAgeSeconds ?? 0;
  if (!Number.isSafeInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new RangeError(`localecap: maxAgeSeconds must be a whole number of seconds ≥ 0, got ${maxAgeSeconds}`);
  }
  const channel = options.channel ?? '';
  if (typeof channel !== 'string' || !CHANNEL.test(channel)) {
    throw new TypeError(`localecap: channel must be up to 15 of a-z 0-9 . _ -, got ${JSON.stringify(channel)}`);
  }
  const persistence = options.persistence ?? null;
  if (persistence !== null && (typeof persistence.load !== 'function' || typeof persistence.save !== 'function')) {
    throw new TypeError('localecap: persistence must have load(channel) and save(channel, version)');
  }
  return { minVersion, maxAgeSeconds, channel, persistence };
}

/**
 * `trust` with its floor raised to the highest version the persistence hook
 * remembers for its channel: after a reload, an older snapshot (a cache or an
 * attacker replaying one) is refused as snapshot-below-min-version.
 */
export async function withRememberedFloor(trust) {
  if (trust.persistence === null) return trust;
  const saved = await trust.persistence.load(trust.channel);
  if (saved === null || saved === undefined) return trust;
  return { ...trust, minVersion: Math.max(trust.minVersion, versionOf(saved, 'persistence.load()')) };
}

/**
 * A persistence hook over Web Storage (default: the page's localStorage):
 * remembers the highest version seen per channel under `${key}.${channel}`.
 * A value that is not a version reads as none.
 */
export function localStorageAdapter({ storage = globalThis.localStorage, key = 'localecap.version' } = {}) {
  const read = (channel) => {
    const v = Number(storage.getItem(`${key}.${channel}`));
    return Number.isSafeInteger(v) && v > 0 ? v : null;
  };
  return {
    load: (channel) => read(channel),
    save: (channel, version) => {
      if ((read(channel) ?? 0) < version) storage.setItem(`${key}.${channel}`, String(version));
    },
  };
}

// A version option: a safe integer ≥ 0 or a BigInt within MAX_VERSION.
function versionOf(v, name) {
  const n = typeof v === 'bigint' && v >= 0n && v <= BigInt(MAX_VERSION) ? Number(v) : v;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`localecap: ${name} must be a whole number from 0 to 2^53 - 1, got ${v}`);
  }
  return n;
}

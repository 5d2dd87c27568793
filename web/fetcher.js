// Fetching and verifying a snapshot: the one fetch implementation of every
// mode. It runs in the threads build's hydration pthread (imported there by
// wasm/hydrator_thread.js), in the single build's fetch Worker
// (fetch-worker.js), and directly in Node.
//
// What it does, per snapshot: a conditional GET (If-None-Match), a timeout
// per attempt covering the whole body, bounded retries with exponential
// backoff after a network error, a timeout, a 5xx or a 429; the body read as
// a stream and cut off once it exceeds `maxBytes` (a server sending endless
// bytes cannot exhaust memory); and, when public keys are configured, the
// Ed25519 signature checked with WebCrypto against each key (any may match:
// key rotation). The signature is the `Localecap-Signature` response header
// (base64 of the 64-byte detached signature) when present, else the file
// `<final response URL>.sig` (what `localecap-pack --sign-key` writes).
//
// This file must stay self-contained (no imports): bundlers copy it as a
// plain asset for the hydration pthread, where a relative import would break.
// Nothing here touches wasm memory; callers get an ArrayBuffer or a reason.

/** Default cap on a snapshot's size (createRegistry option maxSnapshotBytes). */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;
const SIGNATURE_BYTES = 64;
const KEY_BYTES = 32;
export const SIGNATURE_HEADER = 'Localecap-Signature';

/**
 * Fetches `url` and verifies what it got.
 * @param {string} url  absolute URL (http:, https:, or file: in Node)
 * @param {{etag?: string, timeoutMs?: number, retries?: number, backoffMs?: number, maxBytes?: number,
 *   keys?: string[], requireSignature?: boolean, signal?: AbortSignal}} policy  keys: hex, already checked (keys.js parsePublicKeys)
 * @returns {Promise<{status: number, timedOut: boolean, etag: string, bytes: ArrayBuffer|null,
 *   attempts: number, message: string, reason: string, url: string}>}
 *   status 0: no HTTP response. `reason` is '' for a usable 200 or a 304, else
 *   the ErrorCode name of the refusal (fetch-timeout, snapshot-too-large,
 *   snapshot-unsigned, snapshot-bad-signature…), with `bytes` null.
 */
export async function fetchSnapshot(url, policy = {}) {
  const { retries = 2, backoffMs = 250 } = policy;
  for (let attempt = 1; ; attempt++) {
    const r = await getOnce(url, policy);
    r.attempts = attempt;
    const retryable = !r.reason.startsWith('snapshot-') && (r.status === 0 || r.status >= 500 || r.status === 429);
    if (!retryable || attempt > retries || policy.signal?.aborted) {
      if (r.reason && attempt > 1) r.message += ` after ${attempt} attempts`;
      return r;
    }
    await new Promise((done) => setTimeout(done, backoffMs * 2 ** (attempt - 1)));
  }
}

/**
 * Checks `bytes` against `signature` (64 bytes, or base64 of them; null if
 * none) and the policy's keys. Resolves with '' if acceptable, else with
 * {reason, message}. No keys: always acceptable.
 */
export async function verifySnapshot(bytes, signature, { keys = [], requireSignature = keys.length > 0 } = {}) {
  if (keys.length === 0) return '';
  if (signature === null || signature === undefined || signature === '') {
    return requireSignature ? { reason: 'snapshot-unsigned', message: 'the snapshot has no signature and one is required' } : '';
  }
  let sig;
  try { sig = typeof signature === 'string' ? decodeBase64(signature) : toBytes(signature); } catch { sig = null; }
  if (!sig || sig.length !== SIGNATURE_BYTES) {
    return { reason: 'snapshot-bad-signature', message: `the signature is not ${SIGNATURE_BYTES} bytes of Ed25519 signature` };
  }
  if (!isCanonicalS(sig)) {
    return { reason: 'snapshot-bad-signature', message: 'the signature is not canonical (its S is not below the group order)' };
  }
  // WebCrypto refuses views of shared memory: verify a private copy.
  const data = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
  for (const hex of keys) {
    const key = await importKey(hex);
    if (await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, data)) return '';
  }
  return { reason: 'snapshot-bad-signature', message: `the signature matches none of the ${keys.length} configured public key(s)` };
}

/** Throws if this environment's WebCrypto cannot verify Ed25519 (checked once, up front). */
export async function checkEd25519Support(hexKeys) {
  if (typeof crypto !== 'object' || !crypto.subtle) {
    throw new Error('localecap: publicKeys needs WebCrypto (crypto.subtle), which this context lacks (not a secure context?)');
  }
  try {
    for (const hex of hexKeys) await importKey(hex);
  } catch (e) {
    throw new Error(`localecap: this environment's WebCrypto cannot import an Ed25519 public key: ${e?.message ?? e}`);
  }
}

/**
 * How a fetch result that is not a usable 200 is reported: {kind, reason,
 * message}, kind 'not-modified' (a 304) or 'reject'.
 */
export function outcomeOf(r, url) {
  if (r.status === 304 && !r.reason) return { kind: 'not-modified', reason: 'ok', message: 'not modified' };
  const reason = r.reason || 'fetch-failed';
  return { kind: 'reject', reason, message: `${r.message} (${url})` };
}

// --- internals --------------------------------------------------------------

// RFC 8032 §5.1.7: S, the signature's second half (little-endian), must be
// below the group order L; S + L would verify too (a malleable copy).
// libsodium refuses it natively; WebCrypto implementations differ, so check.
const ORDER_L = 2n ** 252n + 27742317777372353535851937790883648493n;
function isCanonicalS(sig) {
  let s = 0n;
  for (let i = SIGNATURE_BYTES - 1; i >= SIGNATURE_BYTES / 2; i--) s = (s << 8n) | BigInt(sig[i]);
  return s < ORDER_L;
}

const keyCache = new Map();
function importKey(hex) {
  let key = keyCache.get(hex);
  if (!key) {
    const raw = new Uint8Array(KEY_BYTES);
    for (let i = 0; i < KEY_BYTES; i++) raw[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    key = crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(hex, key);
    key.catch(() => keyCache.delete(hex));
  }
  return key;
}

function result(fields) {
  return { status: 0, timedOut: false, etag: '', bytes: null, attempts: 1, message: '', reason: '', url: '', ...fields };
}

async function getOnce(url, policy) {
  if (url.startsWith('file:')) return readFileUrl(url, policy);
  const { etag = '', timeoutMs = 10000, maxBytes = DEFAULT_MAX_SNAPSHOT_BYTES } = policy;
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort();
  policy.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let timedOut = false;
  const timer = timeoutMs ? setTimeout(() => { timedOut = true; abort.abort(); }, timeoutMs) : 0;
  try {
    // An author-set If-None-Match makes the browser pass a 304 through (Fetch spec).
    const res = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, signal: abort.signal });
    const base = { status: res.status, etag: res.headers.get('ETag') ?? '', url: res.url || url };
    if (res.status === 304) return result(base);
    if (res.status !== 200) {
      res.body?.cancel().catch(() => {});
      return result({ ...base, reason: 'fetch-http-status', message: `HTTP ${res.status}` });
    }
    const body = await readCapped(res, maxBytes, abort);
    if (body.tooLarge) {
      return result({ ...base, reason: 'snapshot-too-large', message: `the body exceeds maxSnapshotBytes (${maxBytes} bytes): ${body.what}` });
    }
    const header = res.headers.get(SIGNATURE_HEADER);
    const signature = header ?? await fetchSignature(base.url, policy, abort.signal);
    const refused = await verifySnapshot(new Uint8Array(body.bytes), signature, policy);
    if (refused) return result({ ...base, ...refused });
    return result({ ...base, bytes: body.bytes });
  } catch (e) {
    const aborted = policy.signal?.aborted;
    return result({ timedOut, reason: timedOut ? 'fetch-timeout' : 'fetch-failed',
      message: timedOut ? `no response within ${timeoutMs} ms` : aborted ? 'cancelled' : `network error: ${e?.message ?? e}` });
  } finally {
    clearTimeout(timer);
    policy.signal?.removeEventListener('abort', onOuterAbort);
  }
}

// Reads the body chunk by chunk, giving up (and aborting the request) as soon
// as it is longer than `maxBytes`, or at once if Content-Length says it will be.
async function readCapped(res, maxBytes, abort) {
  const declared = Number(res.headers.get('Content-Length') ?? NaN);
  if (declared > maxBytes) {
    abort.abort();
    return { tooLarge: true, what: `Content-Length is ${declared}` };
  }
  const reader = res.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      abort.abort(); // stops the download; the stream errors, nothing more is buffered
      return { tooLarge: true, what: `cut off after ${total} bytes` };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return { bytes: bytes.buffer };
}

// The detached signature file next to the snapshot, as bytes; null if there
// is none (or no keys are configured, so nobody asks).
// An oversized one is cut off like an oversized snapshot: its own controller
// (following the request's) aborts the download.
async function fetchSignature(url, { keys = [] }, signal) {
  if (keys.length === 0) return null;
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await fetch(`${url.replace(/[?#].*$/, '')}.sig`, { signal: abort.signal });
    if (res.status !== 200) { res.body?.cancel().catch(() => {}); return null; }
    const body = await readCapped(res, 1024, abort);
    return body.tooLarge ? new Uint8Array(0) : new Uint8Array(body.bytes);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

// file: URLs (Node only): the file is read in chunks and given up as soon as
// it is longer than the cap, like an HTTP body (a size from stat() would not
// do: /dev/zero or a FIFO says 0 and never ends).
async function readFileUrl(url, policy) {
  const { maxBytes = DEFAULT_MAX_SNAPSHOT_BYTES } = policy;
  const fsName = 'node:fs/promises'; // hidden from bundlers: only Node reaches this
  const { open } = await import(/* @vite-ignore */ fsName);
  const readCappedFile = async (fileUrl, cap) => {
    const file = await open(fileUrl, 'r');
    try {
      const chunks = [];
      let total = 0;
      for (;;) {
        const chunk = new Uint8Array(Math.min(64 * 1024, cap + 1 - total));
        const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        total += bytesRead;
        if (total > cap) return null;
        chunks.push(chunk.subarray(0, bytesRead));
      }
      const bytes = new Uint8Array(total);
      let at = 0;
      for (const c of chunks) { bytes.set(c, at); at += c.length; }
      return bytes;
    } finally {
      await file.close();
    }
  };
  try {
    const b = await readCappedFile(new URL(url), maxBytes);
    if (!b) return result({ status: 200, url, reason: 'snapshot-too-large', message: `the file is longer than maxSnapshotBytes (${maxBytes})` });
    let signature = null; // no .sig file: unsigned; an oversized one: empty, a bad signature
    if (policy.keys?.length) {
      signature = await readCappedFile(new URL(`${url}.sig`), 1024).then((sig) => sig ?? new Uint8Array(0), () => null);
    }
    const refused = await verifySnapshot(b, signature, policy);
    if (refused) return result({ status: 200, url, ...refused });
    return result({ status: 200, url, bytes: b.buffer });
  } catch (e) {
    return result({ status: 404, url, reason: 'fetch-http-status', message: e.message });
  }
}

function decodeBase64(s) {
  const std = s.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBytes(v) {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError('not bytes');
}

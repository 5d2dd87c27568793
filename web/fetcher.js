// Fetching a snapshot without the wasm hydration thread: used by the single
// build's fetch Worker (fetch-worker.js) in browsers, and directly in Node.
// Mirrors wasm/hydrator.cpp: conditional GET (If-None-Match), a timeout per
// attempt covering the whole body, bounded retries with exponential backoff
// after a network error, a timeout, a 5xx or a 429.

/**
 * @param {string} url  absolute URL (http:, https:, or file: in Node)
 * @param {{etag?: string, timeoutMs?: number, retries?: number, backoffMs?: number}} policy
 * @returns {Promise<{status: number, timedOut: boolean, etag: string, bytes: ArrayBuffer|null,
 *   attempts: number, message: string}>}  status 0: no HTTP response
 */
export async function fetchSnapshot(url, { etag = '', timeoutMs = 10000, retries = 2, backoffMs = 250 } = {}) {
  for (let attempt = 1; ; attempt++) {
    const r = await getOnce(url, etag, timeoutMs);
    r.attempts = attempt;
    if (r.status === 200 || r.status === 304) return r;
    const retryable = r.status === 0 || r.status >= 500 || r.status === 429;
    if (!retryable || attempt > retries) return r;
    await new Promise((done) => setTimeout(done, backoffMs * 2 ** (attempt - 1)));
  }
}

async function getOnce(url, etag, timeoutMs) {
  if (url.startsWith('file:')) return readFileUrl(url);
  const abort = new AbortController();
  let timedOut = false;
  const timer = timeoutMs ? setTimeout(() => { timedOut = true; abort.abort(); }, timeoutMs) : 0;
  try {
    // An author-set If-None-Match makes the browser pass a 304 through (Fetch spec).
    const res = await fetch(url, { headers: etag ? { 'If-None-Match': etag } : {}, signal: abort.signal });
    const bytes = res.status === 200 ? await res.arrayBuffer() : null;
    return { status: res.status, timedOut: false, etag: res.headers.get('ETag') ?? '', bytes,
      message: res.status === 200 || res.status === 304 ? '' : `HTTP ${res.status}` };
  } catch (e) {
    return { status: 0, timedOut, etag: '', bytes: null,
      message: timedOut ? `no response within ${timeoutMs} ms` : `network error: ${e?.message ?? e}` };
  } finally {
    clearTimeout(timer);
  }
}

async function readFileUrl(url) {
  const fsName = 'node:fs/promises'; // hidden from bundlers: only Node reaches this
  const { readFile } = await import(/* @vite-ignore */ fsName);
  try {
    const b = await readFile(new URL(url));
    return { status: 200, timedOut: false, etag: '', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength), message: '' };
  } catch (e) {
    return { status: 404, timedOut: false, etag: '', bytes: null, message: e.message };
  }
}

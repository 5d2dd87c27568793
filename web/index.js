// localecap — the ES module. See index.d.ts for the API and README.md for usage.
//
// Threads mode: a pthread inside the wasm module fetches snapshots and
// publishes them by atomic swap; resolve() on this thread reads lock-free and
// never waits. resolve() goes through raw (ptr,len) exports, not Embind.
import createLocalecapModule from './dist/localecap.mjs';

const DEFAULT_SNAPSHOT_URL = new URL('./dist/localecap.lcs', import.meta.url).href;
const MATCHES = ['exact', 'canonical', 'likely', 'fallback', 'root'];

/**
 * Creates a registry and waits until its first snapshot is live.
 * @param {{snapshotUrl?: string, timeoutMs?: number}} [options]
 */
export async function createRegistry(options = {}) {
  if (!globalThis.crossOriginIsolated) {
    throw new Error('localecap: this page is not cross-origin isolated (COOP/COEP headers); ' +
      'serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp');
  }
  const module = await createLocalecapModule();
  const registry = new Registry(module);
  await registry.update(options.snapshotUrl ?? DEFAULT_SNAPSHOT_URL, options);
  return registry;
}

export class Registry extends EventTarget {
  #m;
  #resolveRaw;
  #scratch;
  #result;
  #cacheVersion = 0;
  #cache = [];
  #poller;

  constructor(module) {
    super();
    this.#m = module;
    module._lc_resolve(0); // binds the export to the raw wasm function
    this.#resolveRaw = module._lc_resolve;
    this.#scratch = new Uint8Array(module.HEAPU8.buffer, module._lc_scratch(), module._lc_scratch_size());
    this.#result = new Uint32Array(module.HEAPU8.buffer, module._lc_result(), 4);
    this.#poller = setInterval(() => this.#checkVersion(module._lc_version()), 50);
  }

  /** 'threads' (pthreads + SharedArrayBuffer). */
  get mode() { return 'threads'; }

  /** registry_version of the live snapshot. */
  get version() { return this.#m._lc_version(); }

  /**
   * The profile for `tag`: a frozen object shared by every input that
   * resolves to the same profile in the same snapshot version. Never throws
   * for a string; bad input resolves to the root profile.
   */
  resolve(tag) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.resolve: expected a string, got ${typeof tag}`);
    const scratch = this.#scratch;
    let n = tag.length;
    if (n >= scratch.length) n = scratch.length; // over-long: the core resolves it to root
    for (let i = 0; i < n; i++) {
      const c = tag.charCodeAt(i);
      scratch[i] = c < 128 ? c : 0; // non-ASCII can never match: NUL keeps it out of the index
    }
    const index = this.#resolveRaw(n);
    const version = this.#result[0];
    if (version !== this.#cacheVersion) this.#checkVersion(version);
    const cached = this.#cache[index];
    if (cached !== undefined) return cached;
    const info = this.#m.profileInfo(index, version);
    if (info === null) return this.resolve(tag); // a swap landed in between: read again
    return (this.#cache[index] = Object.freeze(info));
  }

  /** How the last resolve() matched: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root'. */
  get lastMatch() { return MATCHES[this.#result[2]] ?? 'root'; }

  /** Counters of the hydration worker. */
  stats() { return this.#m.stats(); }

  /** Fetches `url` once in the worker; settles when it is live or rejected. */
  update(url, { timeoutMs = 30000 } = {}) {
    const before = this.stats();
    this.#m.startWatch(new URL(url, globalThis.location?.href).href, 0);
    return this.#waitForOutcome(before, timeoutMs);
  }

  /** Polls `url` in the worker every `intervalMs` (conditional requests). */
  watch(url, { intervalMs = 60000, signal } = {}) {
    this.#m.startWatch(new URL(url, globalThis.location?.href).href, intervalMs);
    signal?.addEventListener('abort', () => this.#m.stopWatch(), { once: true });
  }

  dispose() {
    clearInterval(this.#poller);
    this.#m.stopWatch();
  }

  #checkVersion(version) {
    if (version === this.#cacheVersion) return;
    const previous = this.#cacheVersion;
    this.#cacheVersion = version;
    this.#cache = [];
    if (previous !== 0) this.dispatchEvent(new CustomEvent('swap', { detail: { version, previous } }));
  }

  // Resolves when swaps or rejects move past `before`; never blocks the thread.
  #waitForOutcome(before, timeoutMs) {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const tick = () => {
        const s = this.stats();
        if (s.swaps > before.swaps) return resolve(s.version);
        if (s.rejects > before.rejects) return reject(new Error(`localecap: snapshot rejected (${s.lastError})`));
        if (s.notModified > before.notModified) return resolve(s.version);
        if (performance.now() - start > timeoutMs) return reject(new Error('localecap: snapshot update timed out'));
        setTimeout(tick, 5);
      };
      tick();
    });
  }
}

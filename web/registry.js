// The registry API: createRegistry() and the Registry class (index.d.ts).
//
// Snapshots arrive through the one hydration module (hydration.js: fetch,
// signature check, ETags, retries, watch), which hands them to C++ (the
// publish policy, every counter of stats()); C++ reports each outcome in the
// outcome log (wasm/abi.h, outcome-log.js), which this thread reads and turns
// into settled promises and events. This thread only sends commands
// (transports.js), in every mode:
//
// Threads mode (cross-origin isolated pages and their Workers): hydration.js
// runs on a pthread inside the wasm module (wasm/hydrator.h), which verifies,
// validates and publishes by atomic swap; the log is read when
// Atomics.waitAsync says it moved. resolve() reads lock-free through raw
// (ptr,len) exports and never waits; fetched bytes never reach this thread.
//
// Single mode (no SharedArrayBuffer, and Node): the single-threaded build of
// the same C++. hydration.js runs in a plain Worker (fetch-worker.js), which
// transfers the bytes here for the wasm to validate and swap; in Node, on
// this thread. The API is the same.
//
// createRegistry's first snapshot, in every mode, is fetched while the wasm
// loads and handed to wasm on this thread by a Hydrator of its own, before
// any hydration worker exists (one publisher at a time).
import { DEFAULT_SNAPSHOT_URL, IS_NODE, detectMode, loadModule } from './loader.js';
import { Hydrator, checkEd25519Support, fetchSnapshot, wasmSink } from './hydration.js';
import { ERROR_NAMES, ERROR_SUGGESTIONS, FINGERPRINT, MATCHES, OUTCOME as KIND, RESULT, TAG_OP } from './dist/abi.js';
import {
  HydrationError, LocaleTagError, LocalecapError, RegistryDisposedError, SnapshotRejectedError,
} from './errors.js';
import { OutcomeLogReader } from './outcome-log.js';
import { GuardedEventTarget } from './events.js';
import { absoluteUrl, registryPolicy, requestPolicy, signatureOf, toBytes } from './policy.js';
import { ProfileBuilder } from './profile.js';
import { trustOptions, versionFromWords, withRememberedFloor } from './trust.js';
import { DEFAULT_NAMES_URL, NamesLoader } from './names.js';
import { Followers, PageSource } from './follow.js';
import { makeTransport } from './transports.js';

const CONSTRUCT = Symbol('localecap.construct');
// How long past its policy's worst case (every attempt timing out, every
// backoff) an update() may wait for its outcome before the hydration side is
// reported unresponsive (#arm): validation, queueing and a loaded machine.
const WATCHDOG_GRACE_MS = 5000, WATCHDOG_PER_ATTEMPT_MS = 1000;
// Test hooks by registry (testHooks(), web/testing.js); not part of the API.
const HOOKS = new WeakMap();
// Entries of resolve()'s memo before it starts again (≈ 200 KB of JS heap at most).
const MEMO_SIZE = 4096;
// Inputs #warm() resolves at start-up, one per path through the resolver:
// likely subtags, case, an alias, variants and extensions, an ill-formed tag,
// a profile's own tag; WARM_ROUNDS times each (≈ 200 calls: enough for V8
// to have compiled the JS beyond its interpreter before the page's first
// call; 4 rounds left the first call ≈ 2× slower).
const WARM_TAGS = ['ps-AF', 'EN-us', 'iw', 'de-CH-1996-u-nu-latn', 'engl', 'aaa'];
const WARM_ROUNDS = 16;
// The longest task #refresh() runs after a swap before it yields to the page.
const REFRESH_SLICE_MS = 2;

/**
 * Creates a registry and waits until its first snapshot is live.
 * @param {import('./index.d.ts').CreateOptions} [options]
 */
export async function createRegistry(options = {}) {
  const policy = registryPolicy(options); // throws on a bad key or limit, before anything loads
  const trust = await withRememberedFloor(trustOptions(options)); // the same for the rollback options
  if (policy.keys.length > 0) {
    try {
      await checkEd25519Support(policy.keys);
    } catch (e) { // hydration.js imports nothing (the pthread imports it by URL), so its errors are plain
      throw new LocalecapError('webcrypto-unavailable', e.message);
    }
  }
  const mode = options.mode && options.mode !== 'auto' ? options.mode : detectMode();
  if (mode === 'threads' && detectMode() !== 'threads') {
    throw new LocalecapError('threads-unavailable',
      "mode 'threads' needs a cross-origin isolated page (COOP/COEP headers) with SharedArrayBuffer");
  }
  // Following a page's registry (follow.js): its live snapshot's bytes come
  // first, over `options.source`, instead of a fetch; later swaps follow.
  if (options.source !== undefined && (options.snapshot !== undefined || options.snapshotUrl !== undefined)) {
    throw new TypeError('localecap: createRegistry takes `source` (follow a page) or `snapshot`/`snapshotUrl`, not both');
  }
  const page = options.source !== undefined ? new PageSource(options.source) : null;
  // A follower's module compiles while it waits for the page's snapshot.
  const compiling = page ? loadModule(mode) : null;
  compiling?.catch(() => {}); // awaited below: no unhandled-rejection report while waiting
  const source = page ? await page.first : options.snapshot ?? options.snapshotUrl ?? DEFAULT_SNAPSHOT_URL;
  // The first snapshot downloads while the module compiles, on this thread
  // (the hydration worker does not exist yet), and is published on it: the
  // first answer never waits for that Worker to start (DESIGN.md §1).
  const first = typeof source === 'string' || source instanceof URL
    ? { url: absoluteUrl(source), fetched: fetchSnapshot(absoluteUrl(source), policy) } : {};
  const module = await (compiling ?? loadModule(mode));
  const registry = new Registry(CONSTRUCT, module, mode, options, first, page, trust);
  try {
    await registry.update(source, options);
  } catch (e) {
    registry.dispose();
    throw e;
  }
  // Each later snapshot of the page, in order; a refusal is a 'reject' event as for any update.
  page?.listen((bytes) => { registry.update(bytes).catch(() => {}); });
  return registry;
}

/** The test hooks of `registry` (web/testing.js). */
export function testHooks(registry) { return HOOKS.get(registry); }

export class Registry extends GuardedEventTarget {
  #m;
  #mode;
  #policy;
  #first; // createRegistry's first snapshot: {url, fetched} (the fetch begun while the module loaded) or {}; null after
  #maxBytesCap; // the largest snapshot the wasm heap can take (snapshotCap)
  #transport;
  #resolveRaw;
  #profileRaw;
  #scratch;
  #result;
  #buffer;   // the wasm memory buffer the views below are over
  #log;      // OutcomeLogReader
  #profiles = new ProfileBuilder();
  #cache = []; // profile index → its frozen object for the last version that resolved to it
  #memo = new Map(); // tag → {profile, match, publishes}: resolve()'s answers, each valid while `publishes` is the publish count
  #publishes; // Uint32Array of one word: the publish count (wasm/runtime.h)
  #lastMatch = 0;
  #liveVersion = 0;
  #nextRequest = 1;
  #pending = new Map();
  #updates = new Set(); // pending update() request ids
  #disposed = false;
  #lostOutcomes = 0;
  #deadlines = new Map(); // pending request → its watchdog timer (#arm)
  #lastDeadline = 0;
  #hydration = 'ok'; // 'ok' | 'unresponsive' | 'restarted'
  #names; // NamesLoader (names.js): the optional names file, fetched on the first suggest()
  #followers = null; // Followers (follow.js): the Workers connect() feeds
  #page; // PageSource (follow.js): the page this registry follows (createRegistry({source})), or null
  #trust; // trust.js: {minVersion, maxAgeSeconds, channel, persistence}, the floor raised to what persistence remembers

  /** Use createRegistry(); the constructor is not public. */
  constructor(token, module, mode, options = {}, first = null, page = null, trust = trustOptions(options)) {
    if (token !== CONSTRUCT) throw new TypeError('localecap: use createRegistry() to make a Registry');
    super();
    if (module._lc_abi_fingerprint() >>> 0 !== FINGERPRINT) { // a wasm u32 arrives as a signed i32
      throw new LocalecapError('abi-mismatch',
        'web/dist/abi.js and the wasm module come from different builds (ABI fingerprints differ); rebuild with tools/build.sh');
    }
    this.#m = module;
    this.#mode = mode;
    this.#first = first;
    this.#maxBytesCap = snapshotCap(module);
    this.#policy = registryPolicy(options, this.#maxBytesCap);
    this.#names = new NamesLoader(absoluteUrl(options.names ?? DEFAULT_NAMES_URL));
    this.#page = page;
    module._lc_resolve(0); // binds the export to the raw wasm function
    this.#resolveRaw = module._lc_resolve;
    module._lc_profile(0, 0);
    this.#profileRaw = module._lc_profile;
    this.#log = new OutcomeLogReader(module._lc_outcome_log(), module.HEAPU8.buffer);
    this.#views();
    this.#trust = trust;
    // The wasm registry refuses what this policy refuses (check_trust), from the first snapshot on.
    for (let i = 0; i < trust.channel.length; i++) this.#scratch[i] = trust.channel.charCodeAt(i);
    module._lc_set_trust_policy(trust.minVersion, trust.maxAgeSeconds, trust.channel.length);
    this.#transport = makeTransport(mode, module, {
      onLogMoved: () => this.#logMoved(), headWord: this.#log.headWord, isNode: IS_NODE,
      onError: (detail) => this.dispatchEvent(new CustomEvent('error', { detail })),
    });
    HOOKS.set(this, {
      killHydration: () => this.#transport.kill(), // as a crash would: nobody is told
      pageAllocations: () => module._lc_page_allocations(), // wasm/page_allocations.cpp
      // Whether the heap would take a snapshot buffer of `length` bytes (freed
      // at once); a failed allocation must not abort the module.
      canAllocate: (length) => {
        const buffer = module._lc_buffer(length);
        this.#fresh();
        if (buffer) module._lc_buffer_free(buffer);
        return buffer !== 0;
      },
    });
  }

  // Views of wasm memory. The threads build's memory is fixed; the single
  // build's may grow inside malloc, which replaces the buffer, so every call
  // that can allocate is followed by #fresh() (resolve()'s path never allocates).
  #views() {
    const m = this.#m, buffer = m.HEAPU8.buffer;
    this.#buffer = buffer;
    this.#scratch = new Uint8Array(buffer, m._lc_scratch(), m._lc_scratch_size());
    this.#result = new Uint32Array(buffer, m._lc_result(), RESULT.WORDS);
    this.#publishes = new Uint32Array(buffer, m._lc_publishes(), 1);
    this.#profiles.views(buffer, m._lc_profile_fields());
    this.#log.views(buffer);
  }

  #fresh() {
    if (this.#m.HEAPU8.buffer !== this.#buffer) this.#views();
  }

  /** 'threads' (pthreads + SharedArrayBuffer) or 'single' (no threads). */
  get mode() { return this.#mode; }

  /** registry_version of the live snapshot. */
  get version() { return this.#m._lc_version(); } // a double: exact for every version (wasm/abi.h)

  /**
   * The profile for `tag`: a frozen object shared by every input that
   * resolves to the same profile in the same snapshot version. Never throws
   * for a string unless `strict`; bad input resolves to the root profile.
   */
  resolve(tag, options) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.resolve: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new RegistryDisposedError();
    if (options !== undefined) return this.#resolveInWasm(tag, options);
    // The memo: a repeated tag costs one Map.get. Each entry holds the
    // publish count (wasm memory) it was made under and answers only while
    // that count is current: a count read before a publish lands gives the
    // answer from just before it, as a wasm read would have; once the new
    // count is seen, the entry is stale and is refreshed in place. A swap
    // therefore clears nothing and grows nothing: refilling a cleared Map
    // rehashed it at 8, 16, …, 256 entries inside the calls that crossed
    // those sizes (15–35 µs each under load; README "Benchmarks").
    const publishes = this.#publishes[0];
    const entry = this.#memo.get(tag);
    if (entry !== undefined && entry.publishes === publishes) {
      this.#lastMatch = entry.match;
      return entry.profile;
    }
    const profile = this.#resolveInWasm(tag, undefined);
    if (entry !== undefined) {
      entry.profile = profile;
      entry.match = this.#lastMatch;
      entry.publishes = publishes;
    } else {
      if (this.#memo.size >= MEMO_SIZE) this.#memo.clear(); // bounded: endless distinct inputs cost a refill, not memory
      this.#memo.set(tag, { profile, match: this.#lastMatch, publishes });
    }
    return profile;
  }

  #resolveInWasm(tag, options) {
    const scratch = this.#scratch;
    let n = tag.length;
    if (n >= scratch.length) n = scratch.length; // over-long: the core resolves it to root
    for (let i = 0; i < n; i++) {
      const c = tag.charCodeAt(i);
      scratch[i] = c < 128 ? c : 0; // non-ASCII can never match: NUL keeps it out of the index
    }
    const index = this.#resolveRaw(n);
    const result = this.#result;
    const version = versionFromWords(result[RESULT.VERSION], result[RESULT.VERSION_HIGH]);
    this.#lastMatch = result[RESULT.MATCH];
    if (options !== undefined && options.strict === true) this.#checkStrict(tag); // not the hot path: allocates
    const cached = this.#cache[index];
    if (cached !== undefined && cached.version === version) return cached;
    return this.#firstResolve(tag, options, index, version);
  }

  // The first resolve of profile `index` in snapshot `version`: builds its
  // frozen object (profile.js) from the fields lc_profile copies out of the
  // snapshot.
  #firstResolve(tag, options, index, version) {
    if (this.#profileRaw(index, version) === 0) return this.#resolveInWasm(tag, options); // a swap landed in between: read again
    const cache = this.#cache;
    while (cache.length <= index) cache.push(undefined); // a snapshot with more profiles, before #refresh() sized the cache
    return (cache[index] = this.#profiles.build(version, cache[index]));
  }

  /** How the last resolve() on this thread matched: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root'. */
  get lastMatch() { return MATCHES[this.#lastMatch] ?? 'root'; }

  /** Per-input details: canonical and maximized forms, how it matched, the fallback chain, the profile. */
  explain(tag) {
    this.#check('explain', tag);
    for (;;) {
      const e = this.#m.explain(tag);
      this.#fresh();
      const profile = this.#resolveInWasm(tag, undefined);
      if (e === null || e.version !== profile.version) continue; // a swap landed in between
      const { profileIndex, version, ...rest } = e;
      return deepFreeze({ ...rest, profile });
    }
  }

  /** Structured parse of `tag`: subtags, or `error: {code, message, offset, suggestion}`. */
  parse(tag) {
    this.#check('parse', tag);
    const parsed = this.#m.parseTag(tag);
    this.#fresh();
    return deepFreeze(parsed);
  }
  /**
   * Languages whose name, autonym, tag or code matches `text` (case, diacritics
   * and punctuation ignored), best first, for a search box and "did you mean".
   * Fetches the names file on first use; rejects with a NamesError when it
   * cannot (everything else keeps working). Languages the live snapshot does
   * not know are left out; `profile` is what resolve(tag) answers now.
   */
  async suggest(text, { limit = 8 } = {}) {
    this.#check('suggest', text);
    const index = await this.#names.index();
    if (this.#disposed) throw new RegistryDisposedError();
    const lastMatch = this.#lastMatch; // suggest() is not a resolve() the caller made
    try {
      const known = (tag) => this.resolve(tag).tag !== 'und'; // root: not in this snapshot
      return Object.freeze(index.search(text, limit, known).map((s) => Object.freeze({ ...s, profile: this.resolve(s.tag) })));
    } finally {
      this.#lastMatch = lastMatch;
    }
  }

  /** UTS #35 canonical form; throws LocaleTagError if `tag` is not well-formed. */
  canonicalize(tag) { return this.#transform('canonicalize', tag); }
  /** Adds likely subtags (UTS #35); throws LocaleTagError if `tag` is not well-formed. */
  maximize(tag) { return this.#transform('maximize', tag); }
  /** Removes likely subtags (UTS #35); throws LocaleTagError if `tag` is not well-formed. */
  minimize(tag) { return this.#transform('minimize', tag); }

  /** Hydration counters, rejects by reason, and the live version. */
  stats() {
    const s = this.#m.stats();
    this.#fresh();
    s.mode = this.#mode;
    const live = this.#m._lc_version();
    s.cachedProfiles = this.#cache.reduce((n, p) => n + (p !== undefined && p.version === live ? 1 : 0), 0);
    s.lostOutcomes = this.#lostOutcomes;
    s.hydration = this.#hydration;
    s.maxSnapshotBytes = this.#policy.maxBytes;
    const publishes = this.#publishes[0];
    s.memoEntries = 0; // the entries that answer for the live version (stale ones are refreshed on their next resolve)
    for (const entry of this.#memo.values()) if (entry.publishes === publishes) s.memoEntries++;
    s.memoryBytes = this.#m.HEAPU8.length;
    return s;
  }

  /**
   * Fetches a snapshot URL (conditionally: a 304 keeps the live one), or takes
   * snapshot bytes, and settles once the snapshot is live (resolves with the
   * live version) or refused (rejects with a SnapshotRejectedError; the live
   * snapshot keeps serving).
   */
  update(source, options = {}) {
    // Never throws: every bad argument rejects the returned promise. The
    // arguments are checked before the request is registered, and a transport
    // that throws settles it, so no promise is left for dispose() to reject
    // unheld (an unhandled rejection ends a Node process).
    if (this.#disposed) return Promise.reject(new RegistryDisposedError());
    let policy, bytes, url, signature;
    try {
      policy = requestPolicy(options, this.#policy, this.#maxBytesCap);
      if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
        bytes = toBytes(source);
        signature = signatureOf(options.signature);
      } else {
        url = absoluteUrl(source);
      }
    } catch (e) {
      return Promise.reject(e);
    }
    const request = this.#nextRequest++;
    const settled = new Promise((resolve, reject) => this.#pending.set(request, { resolve, reject }));
    this.#updates.add(request);
    let command;
    if (url !== undefined) command = { op: 'update', request, url, ...policy };
    else if (bytes.length > policy.maxBytes) command = { op: 'reject', request, reason: 'snapshot-too-large', message: `${bytes.length} bytes is over maxSnapshotBytes (${policy.maxBytes})` };
    else command = { op: 'bytes', request, bytes, signature, ...policy };
    const first = this.#first;
    this.#first = null;
    let queued;
    try {
      queued = first === null ? this.#transport.send(command) : this.#loadFirst(command, first);
    } catch (e) {
      this.#settle(request, null, e);
      return settled;
    }
    if (!queued) this.#settle(request, null, tooManyRequests());
    else if (this.#pending.has(request)) this.#arm(request, policy);
    return settled;
  }

  /**
   * Polls `url` every `intervalMs` with conditional requests and swaps when it
   * changes. Replaces any previous watch; stops on `signal` abort or dispose().
   * Resolves with the live version after the first poll (whatever its outcome;
   * refusals are 'reject' events).
   */
  watch(url, { intervalMs = 60000, signal, ...options } = {}) {
    if (this.#disposed) return Promise.reject(new RegistryDisposedError());
    let policy, href;
    try {
      policy = requestPolicy(options, this.#policy, this.#maxBytesCap);
      href = absoluteUrl(url);
      if (signal !== undefined && !(signal instanceof AbortSignal)) throw new TypeError('localecap.watch: signal must be an AbortSignal');
    } catch (e) {
      return Promise.reject(e); // never a synchronous throw (see update())
    }
    const request = this.#nextRequest++;
    const first = new Promise((resolve, reject) => this.#pending.set(request,
      { resolve, reject: () => resolve(this.version), disposed: reject }));
    let queued;
    try {
      queued = this.#transport.send({ op: 'watch', request, url: href, intervalMs: Math.max(1, intervalMs), ...policy });
    } catch (e) {
      this.#pending.get(request)?.disposed(e);
      this.#pending.delete(request);
      return first;
    }
    if (!queued) this.#settle(request, null, tooManyRequests());
    signal?.addEventListener('abort', () => this.#disposed || this.#transport.send({ op: 'stopWatch' }), { once: true });
    return first;
  }

  /**
   * Feeds `target` (a Worker, or a MessagePort whose other end a Worker
   * has) this registry's live snapshot now and after every swap, for a
   * registry made there with createRegistry({ source }): it then answers from
   * the same version without fetching (follow.js). Returns the function that
   * stops feeding it; dispose() stops all.
   */
  connect(target) {
    if (this.#disposed) throw new RegistryDisposedError();
    this.#followers ??= new Followers(this, () => this.#liveSnapshot());
    return this.#followers.add(target);
  }

  // A copy of the live snapshot's bytes and its version, or null (wasm/live_bytes.cpp):
  // pinned against reclamation while it is copied; no allocation in wasm.
  #liveSnapshot() {
    const m = this.#m;
    const at = m._lc_pin_live() >>> 2;
    try {
      const [data, size, low, high] = m.HEAPU32.subarray(at, at + 4);
      return data === 0 ? null : { version: versionFromWords(low, high), bytes: m.HEAPU8.slice(data, data + size).buffer };
    } finally {
      m._lc_unpin();
    }
  }

  /**
   * Stops watching and the hydration worker; the registry cannot be used
   * afterwards. Pending update()/watch() promises reject with a
   * RegistryDisposedError (name 'AbortError', code 'disposed'); no event is
   * dispatched after this returns.
   */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#followers?.close();
    this.#page?.close();
    for (const timer of this.#deadlines.values()) clearTimeout(timer);
    this.#deadlines.clear();
    this.#transport.dispose();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#updates.clear();
    for (const p of pending) (p.disposed ?? p.reject)(new RegistryDisposedError());
  }

  // --- the hydration side -----------------------------------------------------

  // createRegistry's first snapshot (its update: a URL, whose fetch began
  // while the module loaded, or bytes) is handed to wasm on this thread by a
  // Hydrator of its own, before any hydration worker exists (threads: before
  // the pthread starts; lc_offer refuses this thread afterwards), so there is
  // one publisher and one outcome-log writer. The transport then learns the
  // snapshot's ETag (its next request for the URL is conditional) before the
  // log is read and update() settles. The hydration side (pthread or fetch
  // Worker) starts a task later, after createRegistry() has settled: nothing
  // on the way to the first answer waits for it or competes with it.
  #loadFirst(command, first) {
    const hydrator = new Hydrator(wasmSink(this.#m));
    const own = command.op === 'update' && first.url === command.url ? { ...command, fetched: first.fetched } : command;
    hydrator.handle(command.op === 'bytes' ? { ...own, bytes: command.bytes.slice() } : own).then(() => { // the caller may reuse its buffer
      if (this.#disposed) return;
      const etag = command.url !== undefined && hydrator.etag(command.url);
      if (etag) this.#transport.send({ op: 'etag', url: command.url, etag });
      this.#logMoved();
      this.#warm();
      setTimeout(() => this.#disposed || this.#transport.start(), 0);
    });
    return true;
  }

  // Runs resolve() as a page would, before createRegistry() settles: each
  // kind of input (WARM_TAGS) as a memo miss (wasm, the profile object and
  // its shared parts built and cached) and then a memo hit, WARM_ROUNDS
  // times, forgetting every answer after each round. Without it a page's
  // first resolve() paid for Chromium compiling each wasm function on its
  // first call (milliseconds), for V8 compiling resolve() and the calls under
  // it, for running them in its interpreter, and for growing the cache of
  // profile objects; here that is paid while the page waits for the registry
  // anyway (README "Benchmarks", first resolve).
  #warm() {
    if (this.#disposed || this.#m._lc_version() === 0) return;
    this.#sizeCache();
    for (let round = 0; round < WARM_ROUNDS; round++) {
      for (const tag of WARM_TAGS) {
        this.resolve(tag); // a memo miss
        this.resolve(tag); // a memo hit
      }
      this.#memo.clear(); // forgotten: the page's own calls make their own
      this.#cache.fill(undefined);
      this.#profiles.forgetParts();
    }
    this.#lastMatch = 0;
  }

  // One slot of the profile-object cache per profile of the live snapshot,
  // so resolve() never grows it: the call that first reached a high profile
  // index pushed thousands of slots (≈ 0.2–0.3 ms before the JS was warm).
  #sizeCache() {
    const n = this.#m._lc_profile_count();
    const old = this.#cache;
    if (old.length >= n) return;
    const cache = new Array(n).fill(undefined);
    for (let i = 0; i < old.length; i++) cache[i] = old[i];
    this.#cache = cache;
  }

  // After a swap to `version`, in the task that learns of it and in tasks of
  // their own after it (between the page's): the memo's tags are resolved
  // again and the objects of the profiles this page has resolved before are
  // built for `version`, so the page's next resolve() of each is one Map.get,
  // as before the swap, instead of a call into wasm and an object build
  // inside it (swaps leave no mark on resolve()'s latency; README
  // "Benchmarks"). Each task runs at most REFRESH_SLICE_MS. A resolve() that
  // comes first does the same work itself, so nothing depends on this
  // finishing; it stops once another snapshot is live (that swap refreshes
  // in turn). Same read path as resolve(): raw exports, no allocation in
  // wasm, nothing that waits.
  #refresh(version) {
    this.#sizeCache();
    const publishes = this.#publishes[0];
    const tags = this.#memo.keys(); // a live iterator: it ends early if the memo is cleared
    let next = 0; // then the profile cache, by index
    const slice = () => {
      if (this.#disposed || this.#publishes[0] !== publishes) return;
      const deadline = performance.now() + REFRESH_SLICE_MS;
      const lastMatch = this.#lastMatch; // these are not resolve() calls the page made
      try {
        for (let n = 1; ; n++) {
          if (n % 16 === 0 && performance.now() > deadline) return void setTimeout(slice, 0);
          const tag = tags.next();
          if (!tag.done) {
            this.resolve(tag.value); // refreshes its memo entry in place (resolve())
            continue;
          }
          const cache = this.#cache;
          if (next >= cache.length) return;
          const old = cache[next];
          if (old !== undefined && old.version !== version) {
            if (this.#profileRaw(next, version) === 0) return; // a newer version went live meanwhile
            cache[next] = this.#profiles.build(version, old);
          }
          next++;
        }
      } finally {
        this.#lastMatch = lastMatch;
      }
    };
    slice();
  }

  // The hydration side wrote the outcome log (single mode: the wasm memory
  // may have grown meanwhile).
  #logMoved() {
    this.#fresh();
    this.#drain();
  }

  // --- outcomes -----------------------------------------------------------------

  // Handles every outcome record newer than the last one read, in order.
  #drain() {
    if (this.#disposed) return; // no events after dispose()
    this.#log.drain((rec) => this.#handle(rec), () => this.#lost());
  }

  #lost() {
    this.#lostOutcomes++;
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: 'outcome-lost', message: 'outcome records were overwritten before the page read them' } }));
  }

  #handle(rec) {
    if (this.#hydration === 'unresponsive') this.#hydration = 'ok'; // it answers again
    if (this.#lostOutcomes > 0 && rec.request !== 0) this.#failLostUpdates(rec.request);
    if (rec.kind === KIND.SWAP) {
      const previous = this.#liveVersion;
      this.#liveVersion = rec.version;
      this.#remember(rec.version);
      if (previous !== 0) {
        this.dispatchEvent(new CustomEvent('swap', { detail: { version: rec.version, previous, request: rec.request, hydrateMs: rec.micros / 1000 } }));
      }
      this.#settle(rec.request, rec.version);
      if (previous !== 0) this.#refresh(rec.version);
    } else if (rec.kind === KIND.REJECT) {
      const detail = {
        reason: ERROR_NAMES[rec.code] ?? 'unknown', message: rec.message, suggestion: ERROR_SUGGESTIONS[rec.code] ?? '', status: rec.status, offered: rec.offered,
        version: rec.version, attempts: rec.attempts, request: rec.request,
      };
      this.dispatchEvent(new CustomEvent('reject', { detail }));
      this.#settle(rec.request, null, new SnapshotRejectedError(detail));
    } else {
      this.#settle(rec.request, rec.version);
    }
  }

  // Tells the persistence hook the version now live, so a reload cannot go
  // below it. A hook that throws or rejects is an 'error' event; the swap stands.
  #remember(version) {
    const { persistence, channel } = this.#trust;
    if (persistence === null) return;
    const failed = (e) => this.dispatchEvent(new CustomEvent('error', { detail: {
      reason: 'persistence-failed', message: `persistence.save() failed: ${e?.message ?? e}` } }));
    try {
      Promise.resolve(persistence.save(channel, version)).catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  // The hydration side answers update() requests in the order they were made,
  // so once record R is read, an update older than R still pending lost its
  // record to an overrun of the outcome log: fail it rather than hang.
  #failLostUpdates(request) {
    for (const id of this.#updates) {
      if (id >= request) continue;
      this.#updates.delete(id);
      this.#settle(id, null, new HydrationError('outcome-lost', 'the outcome of this update was lost (outcome log overrun); see stats()'));
    }
  }

  #settle(request, version, error) {
    this.#updates.delete(request);
    clearTimeout(this.#deadlines.get(request));
    this.#deadlines.delete(request);
    const p = this.#pending.get(request);
    if (!p) return;
    this.#pending.delete(request);
    if (error) p.reject(error); else p.resolve(version);
  }

  // The watchdog of update(): its outcome must arrive within what its policy
  // allows (every attempt timing out, every backoff) plus a grace, counted
  // from when the request ahead of it is due (the hydration side may answer
  // in order). A worker that died or hangs never answers: then #overdue.
  #arm(request, policy) {
    const budget = (policy.timeoutMs + WATCHDOG_PER_ATTEMPT_MS) * (policy.retries + 1) +
      policy.backoffMs * (2 ** policy.retries - 1) + WATCHDOG_GRACE_MS;
    const now = Date.now();
    const due = Math.max(now, this.#lastDeadline) + budget;
    this.#lastDeadline = due;
    const timer = setTimeout(() => this.#overdue(request), due - now);
    timer.unref?.(); // Node: a pending watchdog never keeps the process alive
    this.#deadlines.set(request, timer);
  }

  // Reports a request whose outcome never came: an 'error' event, stats(), the
  // update() promise rejected. The live snapshot keeps serving. Single mode
  // restarts its fetch Worker (it shares nothing); the threads build's
  // pthread is not restarted: it shares the wasm heap, and a thread that died
  // inside malloc would leave its lock held (resolve() never allocates, so
  // reads are safe either way).
  #overdue(request) {
    this.#deadlines.delete(request);
    if (this.#disposed || !this.#pending.has(request)) return;
    this.#m._lc_record_unanswered(); // stats().hydrationErrors, counted in C++ with the rest
    this.#hydration = 'unresponsive';
    const restarted = this.#transport.restart();
    const message = `no outcome for update request ${request} from the hydration ${this.#mode === 'threads' ? 'thread' : 'worker'} ` +
      `within its deadline (it died or hangs)${restarted ? '; restarted it' : ''}; the live snapshot (version ${this.version}) keeps serving`;
    if (restarted) this.#hydration = 'restarted';
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: 'hydration-unresponsive', message, request, restarted } }));
    this.#settle(request, null, new HydrationError('hydration-unresponsive', message));
  }

  // --- tags ---------------------------------------------------------------------

  #check(name, tag) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.${name}: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new RegistryDisposedError();
  }

  // Strict BCP 47 well-formedness: the tag parser's verdict.
  #checkStrict(tag) {
    const { error } = this.#m.parseTag(tag);
    this.#fresh();
    if (error) throw new LocaleTagError(tag, error);
  }

  #transform(name, tag) {
    this.#check(name, tag);
    const r = this.#m.transformTag(tag, TAG_OP[name]);
    this.#fresh();
    if (r.error) throw new LocaleTagError(tag, r.error);
    return r.tag;
  }
}

// The largest snapshot the wasm heap can take: while a new snapshot is
// validated the live one is still held, so two must fit, with the headroom
// wasm/snapshot_buffer.h keeps. Measured once, before the first snapshot.
// Threads build: 16 MiB of fixed memory, ≈ 6.7 MiB; single: up to 64 MiB, ≈ 31 MiB.
const HEADROOM_BYTES = 256 << 10;
function snapshotCap(module) {
  const available = module._lc_heap_available();
  return Math.max(0, Math.floor((available - 2 * HEADROOM_BYTES) / 2));
}

function tooManyRequests() {
  return new HydrationError('too-many-requests', 'too many snapshot requests in flight');
}

function deepFreeze(o) {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

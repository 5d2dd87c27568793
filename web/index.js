// localecap — the ES module. See index.d.ts for the API and README.md for usage.
//
// Threads mode (cross-origin isolated pages and their Workers): a pthread
// inside the wasm module fetches snapshots (with fetcher.js, run in the
// pthread's Worker: wasm/hydrator.h), verifies, validates and publishes them
// by atomic swap, and reports each outcome in the outcome log
// (wasm/abi.h), which this file reads straight from wasm memory when
// Atomics.waitAsync says it moved. This thread only sends commands (JSON)
// through a queue in wasm memory. resolve() reads lock-free through raw
// (ptr,len) exports and never waits; fetched bytes never reach this thread.
//
// Single mode (no SharedArrayBuffer, and Node): the single-threaded build of
// the same C++. A plain Worker (fetch-worker.js) fetches and verifies with the
// same fetcher.js and transfers the bytes here; the wasm validates and swaps
// them; the API is the same.
import { DEFAULT_SNAPSHOT_URL, IS_NODE, detectMode, loadModule } from './loader.js';
import {
  DEFAULT_MAX_SNAPSHOT_BYTES, checkEd25519Support, fetchSnapshot, outcomeOf, parsePublicKeys, verifySnapshot,
} from './fetcher.js';
import { Worker } from './trusted.js'; // Trusted Types-safe, same spelling for bundlers
// The wasm/JS binary interface, generated from wasm/abi.h by the wasm build.
import {
  ERROR_NAMES, FINGERPRINT, MATCHES, OUTCOME as KIND, OUTCOME_LOG as LOG, PROFILE as PF, PROFILE_STRING as STR, RESULT,
  TAG_OP as TAG_OPS, VOCABULARY,
} from './dist/abi.js';

// fetcher.js for the hydration pthread, which imports it by URL. `?no-inline`
// keeps bundlers (Vite) from inlining it as a data: URL, which a strict CSP
// (script-src 'self') would refuse to import; bundlers copy it as it is.
const FETCHER_URL = new URL('./fetcher.js?no-inline', import.meta.url).href;

const DEFAULT_POLICY = {
  timeoutMs: 10000, retries: 2, backoffMs: 250, maxBytes: DEFAULT_MAX_SNAPSHOT_BYTES, keys: [], requireSignature: false,
};
const CONSTRUCT = Symbol('localecap.construct');
// How long past its policy's worst case (every attempt timing out, every
// backoff) an update() may wait for its outcome before the hydration side is
// reported unresponsive (#arm): validation, queueing and a loaded machine.
const WATCHDOG_GRACE_MS = 5000, WATCHDOG_PER_ATTEMPT_MS = 1000;
/** A tag that is not well-formed, thrown by resolve(tag, {strict: true}). */
export class LocaleTagError extends RangeError {
  constructor(tag, { code, message, offset = -1, suggestion = '' }) {
    super(`localecap: '${tag}': ${message}` + (suggestion && !message.includes(suggestion) ? ` (did you mean '${suggestion}'?)` : ''));
    this.name = 'LocaleTagError';
    this.tag = tag;
    this.code = code;
    this.offset = offset;
    this.suggestion = suggestion;
  }
}

/** Why update() rejected: the snapshot was refused and the live one keeps serving. */
export class SnapshotRejectedError extends Error {
  constructor(detail) {
    super(`localecap: snapshot rejected (${detail.reason}): ${detail.message}`);
    this.name = 'SnapshotRejectedError';
    this.reason = detail.reason;
    this.detail = detail;
  }
}

/**
 * Creates a registry and waits until its first snapshot is live.
 * @param {import('./index.d.ts').CreateOptions} [options]
 */
export async function createRegistry(options = {}) {
  const policy = policyOf(options, DEFAULT_POLICY); // throws on a bad key or limit, before anything loads
  if (policy.keys.length > 0) await checkEd25519Support(policy.keys);
  const mode = options.mode && options.mode !== 'auto' ? options.mode : detectMode();
  if (mode === 'threads' && detectMode() !== 'threads') {
    throw new Error("localecap: mode 'threads' needs a cross-origin isolated page (COOP/COEP headers) with SharedArrayBuffer");
  }
  const module = await loadModule(mode);
  const registry = new Registry(CONSTRUCT, module, mode, options);
  try {
    await registry.update(options.snapshot ?? options.snapshotUrl ?? DEFAULT_SNAPSHOT_URL, options);
  } catch (e) {
    registry.dispose();
    throw e;
  }
  return registry;
}

export class Registry extends EventTarget {
  #m;
  #mode;
  #policy;
  #transport;
  #resolveRaw;
  #scratch;
  #result;
  #u32;
  #logAddress; // byte address of the outcome log
  #logWord;    // u32 index of its head
  #seen = 0;
  #profileRaw;
  #fields;   // Uint32Array over ProfileFields (wasm/abi.h)
  #text;     // Uint8Array over ProfileFields::text
  #vocab;    // the names behind ProfileFields' numbers (VOCABULARY of abi.js)
  #parts = { plural: new Map(), grammar: new Map(), sources: new Map(), wals: new Map(),
    names: { plural: new Map(), gender: new Map(), case: new Map() } }; // shared frozen parts of profiles, by content
  #cache = []; // profile index → its frozen object for the last version that resolved to it
  #liveVersion = 0;
  #nextRequest = 1;
  #pending = new Map();
  #updates = new Set(); // pending update() request ids
  #disposed = false;
  #lostOutcomes = 0;
  #lastKind = 0;
  #deadlines = new Map(); // pending request → its watchdog timer (#arm)
  #lastDeadline = 0;
  #hydration = 'ok'; // 'ok' | 'unresponsive' | 'restarted'
  #hydrationErrors = 0;

  /** Use createRegistry(); the constructor is not public. */
  constructor(token, module, mode, options = {}) {
    if (token !== CONSTRUCT) throw new TypeError('localecap: use createRegistry() to make a Registry');
    super();
    this.#m = module;
    this.#mode = mode;
    this.#policy = policyOf(options, DEFAULT_POLICY);
    if (module._lc_abi_fingerprint() !== FINGERPRINT) {
      throw new Error('localecap: web/dist/abi.js and the wasm module come from different builds (ABI fingerprints differ); rebuild with tools/build.sh');
    }
    module._lc_resolve(0); // binds the export to the raw wasm function
    this.#resolveRaw = module._lc_resolve;
    module._lc_profile(0, 0);
    this.#profileRaw = module._lc_profile;
    this.#vocab = VOCABULARY;
    this.#views();
    this.#logAddress = module._lc_outcome_log();
    this.#logWord = (this.#logAddress + LOG.HEAD) >>> 2;
    this.#seen = this.#u32[this.#logWord];
    this.#fresh();
    this.#transport = mode === 'threads' ? new ThreadsTransport(module, () => this.#drain())
      : IS_NODE ? new DirectTransport(this) : new WorkerTransport(this);
  }

  // Views of wasm memory. The threads build's memory is fixed; the single
  // build's may grow inside malloc, which replaces the buffer, so every call
  // that can allocate is followed by #fresh() (resolve()'s path never allocates).
  #views() {
    const m = this.#m;
    this.#scratch = new Uint8Array(m.HEAPU8.buffer, m._lc_scratch(), m._lc_scratch_size());
    this.#result = new Uint32Array(m.HEAPU8.buffer, m._lc_result(), RESULT.WORDS);
    this.#u32 = new Uint32Array(m.HEAPU8.buffer);
    const fields = m._lc_profile_fields();
    this.#fields = new Uint32Array(m.HEAPU8.buffer, fields, PF.WORDS);
    this.#text = new Uint8Array(m.HEAPU8.buffer, fields + PF.TEXT, PF.TEXT_BYTES);
  }

  #fresh() {
    if (this.#m.HEAPU8.buffer !== this.#u32.buffer) this.#views();
  }

  /** 'threads' (pthreads + SharedArrayBuffer) or 'single' (no threads). */
  get mode() { return this.#mode; }

  /** registry_version of the live snapshot. */
  get version() { return this.#m._lc_version(); }

  /**
   * The profile for `tag`: a frozen object shared by every input that
   * resolves to the same profile in the same snapshot version. Never throws
   * for a string unless `strict`; bad input resolves to the root profile.
   */
  resolve(tag, options) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.resolve: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new Error('localecap: this registry was disposed');
    const scratch = this.#scratch;
    let n = tag.length;
    if (n >= scratch.length) n = scratch.length; // over-long: the core resolves it to root
    for (let i = 0; i < n; i++) {
      const c = tag.charCodeAt(i);
      scratch[i] = c < 128 ? c : 0; // non-ASCII can never match: NUL keeps it out of the index
    }
    const index = this.#resolveRaw(n);
    const version = this.#result[RESULT.VERSION];
    if (options !== undefined && options.strict === true) this.#checkStrict(tag); // not the hot path: allocates
    const cached = this.#cache[index];
    if (cached !== undefined && cached.version === version) return cached;
    return this.#firstResolve(tag, options, index, version);
  }

  // The first resolve of profile `index` in snapshot `version`: builds its
  // frozen object from the fields lc_profile copies out of the snapshot. No
  // allocation in wasm memory and no Embind on this path (the main thread must
  // never wait on malloc's lock, which the hydration thread holds while it
  // hydrates); e2e/readpath.spec.js checks it. Little JS garbage either: parts
  // equal to the previous version's object for this index (strings, the
  // morphology) are reused, the rest is shared by content (#part), so a swap
  // that leaves a profile unchanged costs one new object for it.
  #firstResolve(tag, options, index, version) {
    if (this.#profileRaw(index, version) === 0) return this.resolve(tag, options); // a swap landed in between: read again
    const cache = this.#cache;
    while (cache.length <= index) cache.push(undefined); // stays a packed array
    return (cache[index] = this.#buildProfile(version, cache[index]));
  }

  #buildProfile(version, prev) {
    const w = this.#fields, v = this.#vocab;
    const p = prev !== undefined;
    const morphSource = w[PF.MORPHOLOGY_SOURCE];
    const type = v.morphologyType[w[PF.MORPHOLOGY_TYPE]], mSource = v.morphologySource[morphSource];
    const wals = this.#wals(), distance = w[PF.DISTANCE];
    let morphology;
    if (p && prev.morphology.type === type && prev.morphology.source === mSource && prev.morphology.distance === distance &&
        prev.morphology.wals === wals && (morphSource === 0 ? prev.morphology.relative === null
          : prev.morphology.relative !== null && this.#sameString(STR.RELATIVE, prev.morphology.relative))) {
      morphology = prev.morphology;
    } else {
      morphology = Object.freeze({ type, source: mSource, relative: morphSource !== 0 ? this.#string(STR.RELATIVE) : null, distance, wals });
    }
    return Object.freeze({
      tag: p && this.#sameString(STR.TAG, prev.tag) ? prev.tag : this.#string(STR.TAG),
      maximized: p && this.#sameString(STR.MAXIMIZED, prev.maximized) ? prev.maximized : this.#string(STR.MAXIMIZED),
      language: p && this.#sameString(STR.LANGUAGE, prev.language) ? prev.language : this.#string(STR.LANGUAGE),
      script: p && this.#sameString(STR.SCRIPT, prev.script) ? prev.script : this.#string(STR.SCRIPT),
      region: p && this.#sameString(STR.REGION, prev.region) ? prev.region : this.#string(STR.REGION),
      name: p && this.#sameString(STR.NAME, prev.name) ? prev.name : this.#string(STR.NAME),
      direction: v.direction[w[PF.DIRECTION]],
      lineOrder: v.direction[w[PF.LINE_ORDER]],
      segmentation: v.segmentation[w[PF.SEGMENTATION]],
      morphology,
      plural: this.#plural(),
      grammar: this.#grammar(),
      sources: this.#sources(morphSource),
      version,
    });
  }

  // String `i` of the profile fields, decoded.
  #string(i) {
    const w = this.#fields;
    return decodeUtf8(this.#text, w[PF.STRING_OFFSET + i], w[PF.STRING_LENGTH + i]);
  }

  // Whether string `i` of the profile fields is `s`, without making a string.
  // False for any non-ASCII string (then it is decoded: correct, just not reused).
  #sameString(i, s) {
    const w = this.#fields, bytes = this.#text;
    const at = w[PF.STRING_OFFSET + i], n = w[PF.STRING_LENGTH + i];
    if (s.length !== n) return false;
    for (let k = 0; k < n; k++) if (s.charCodeAt(k) !== bytes[at + k] || bytes[at + k] > 0x7f) return false;
    return true;
  }

  // Frozen parts shared by every profile with the same content, in every
  // version (profiles are frozen, so equal parts can be one object).
  #plural() {
    const w = this.#fields, key = w[PF.PLURAL_CARDINAL] | (w[PF.PLURAL_ORDINAL] << 8);
    let o = this.#parts.plural.get(key);
    if (o === undefined) {
      o = Object.freeze({ cardinal: this.#names('plural', w[PF.PLURAL_CARDINAL]), ordinal: this.#names('plural', w[PF.PLURAL_ORDINAL]) });
      this.#parts.plural.set(key, o);
    }
    return o;
  }

  #grammar() {
    const w = this.#fields, key = w[PF.GENDERS] * 2 ** 32 + w[PF.CASES];
    let o = this.#parts.grammar.get(key);
    if (o === undefined) {
      o = Object.freeze({ genders: this.#names('gender', w[PF.GENDERS]), cases: this.#names('case', w[PF.CASES]) });
      this.#parts.grammar.set(key, o);
    }
    return o;
  }

  #sources(morphSource) {
    const w = this.#fields, v = this.#vocab;
    const key = w[PF.MAXIMIZED_SOURCE] | (w[PF.DIRECTION_SOURCE] << 2) | (w[PF.SEGMENTATION_SOURCE] << 4) |
      (w[PF.CARDINAL_SOURCE] << 5) | (w[PF.ORDINAL_SOURCE] << 7) | (w[PF.GRAMMAR_SOURCE] << 9) | (morphSource << 11);
    let o = this.#parts.sources.get(key);
    if (o === undefined) {
      o = Object.freeze({
        maximized: v.maximizedSource[w[PF.MAXIMIZED_SOURCE]],
        direction: v.directionSource[w[PF.DIRECTION_SOURCE]],
        segmentation: v.segmentationSource[w[PF.SEGMENTATION_SOURCE]],
        cardinal: v.pluralSource[w[PF.CARDINAL_SOURCE]],
        ordinal: v.pluralSource[w[PF.ORDINAL_SOURCE]],
        grammar: v.grammarSource[w[PF.GRAMMAR_SOURCE]],
        morphology: v.morphologySource[morphSource],
      });
      this.#parts.sources.set(key, o);
    }
    return o;
  }

  // The WALS values as {feature: value}.
  #wals() {
    const w = this.#fields;
    let key = 0;
    for (let f = 0; f < this.#vocab.wals.length; f++) key = key * 256 + (w[PF.WALS + f] & 0xff);
    let o = this.#parts.wals.get(key);
    if (o === undefined) {
      o = {};
      this.#vocab.wals.forEach((feature, f) => { if (w[PF.WALS + f] !== 0) o[feature] = w[PF.WALS + f]; });
      this.#parts.wals.set(key, Object.freeze(o));
    }
    return o;
  }

  // The names of the bits set in `mask` of vocabulary table `table`, as a frozen array.
  #names(table, mask) {
    const byMask = this.#parts.names[table];
    let a = byMask.get(mask);
    if (a === undefined) {
      a = Object.freeze(this.#vocab[table].filter((_, i) => (mask & (2 ** i)) !== 0));
      byMask.set(mask, a);
    }
    return a;
  }

  /** How the last resolve() on this thread matched: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root'. */
  get lastMatch() { return MATCHES[this.#result[RESULT.MATCH]] ?? 'root'; }

  /** Per-input details: canonical and maximized forms, how it matched, the fallback chain, the profile. */
  explain(tag) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.explain: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new Error('localecap: this registry was disposed');
    for (;;) {
      const e = this.#m.explain(tag);
      this.#fresh();
      const profile = this.resolve(tag);
      if (e === null || e.version !== profile.version) continue; // a swap landed in between
      const { profileIndex, version, ...rest } = e;
      return deepFreeze({ ...rest, profile });
    }
  }

  /** Structured parse of `tag`: subtags, or `error: {code, message, offset, suggestion}`. */
  parse(tag) { return this.#tagCall('parse', tag); }
  /** UTS #35 canonical form; throws LocaleTagError if `tag` is not well-formed. */
  canonicalize(tag) { return this.#tagResult('canonicalize', tag); }
  /** Adds likely subtags (UTS #35); throws LocaleTagError if `tag` is not well-formed. */
  maximize(tag) { return this.#tagResult('maximize', tag); }
  /** Removes likely subtags (UTS #35); throws LocaleTagError if `tag` is not well-formed. */
  minimize(tag) { return this.#tagResult('minimize', tag); }

  /** Hydration counters, rejects by reason, and the live version. */
  stats() {
    const s = this.#m.stats();
    this.#fresh();
    s.mode = this.#mode;
    const live = this.#m._lc_version();
    s.cachedProfiles = this.#cache.reduce((n, p) => n + (p !== undefined && p.version === live ? 1 : 0), 0);
    s.lostOutcomes = this.#lostOutcomes;
    s.hydration = this.#hydration;
    s.hydrationErrors = this.#hydrationErrors;
    return s;
  }

  /**
   * Fetches a snapshot URL (conditionally: a 304 keeps the live one), or takes
   * snapshot bytes, and settles once the snapshot is live (resolves with the
   * live version) or refused (rejects with a SnapshotRejectedError; the live
   * snapshot keeps serving).
   */
  update(source, options = {}) {
    if (this.#disposed) return Promise.reject(new Error('localecap: this registry was disposed'));
    let policy;
    try { policy = policyOf(options, this.#policy); } catch (e) { return Promise.reject(e); }
    const request = this.#nextRequest++;
    const settled = new Promise((resolve, reject) => this.#pending.set(request, { resolve, reject }));
    this.#updates.add(request);
    let queued;
    if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
      const bytes = toBytes(source);
      queued = bytes.length > policy.maxBytes
        ? this.#transport.reject(request, 'snapshot-too-large', `${bytes.length} bytes is over maxSnapshotBytes (${policy.maxBytes})`)
        : this.#transport.bytes(request, bytes, policy, signatureOf(options.signature));
    } else {
      queued = this.#transport.update(request, absoluteUrl(source), policy);
    }
    if (!queued) this.#settle(request, null, new Error('localecap: too many snapshot requests in flight'));
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
    if (this.#disposed) return Promise.reject(new Error('localecap: this registry was disposed'));
    let policy;
    try { policy = policyOf(options, this.#policy); } catch (e) { return Promise.reject(e); }
    const request = this.#nextRequest++;
    const first = new Promise((resolve, reject) => this.#pending.set(request,
      { resolve, reject: () => resolve(this.version), disposed: reject }));
    if (!this.#transport.watch(request, absoluteUrl(url), Math.max(1, intervalMs), policy)) {
      this.#settle(request, null, new Error('localecap: too many snapshot requests in flight'));
    }
    signal?.addEventListener('abort', () => this.#disposed || this.#transport.stopWatch(), { once: true });
    return first;
  }

  /**
   * Stops watching and the hydration worker; the registry cannot be used
   * afterwards. Pending update()/watch() promises reject with an AbortError
   * (reason 'disposed'); no event is dispatched after this returns.
   */
  dispose() {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const timer of this.#deadlines.values()) clearTimeout(timer);
    this.#deadlines.clear();
    this.#transport.dispose();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.#updates.clear();
    for (const p of pending) (p.disposed ?? p.reject)(disposedError());
  }

  // --- internals shared with the transports -------------------------------

  /**
   * @internal Single mode: copies snapshot bytes into wasm memory, validates
   * and publishes them now; returns the outcome kind.
   */
  _loadBytes(request, bytes) {
    this.#lastKind = 0;
    const m = this.#m;
    const ptr = m._lc_alloc(bytes.length);
    this.#fresh();
    if (!ptr) {
      this._record(request, KIND.REJECT, 'snapshot-too-large', 0, 0, `no wasm memory for ${bytes.length} bytes`);
      return this.#lastKind;
    }
    m.HEAPU8.set(bytes, ptr);
    m._lc_load(ptr, bytes.length, request);
    this.#fresh();
    this.#drain();
    return this.#lastKind;
  }
  /** @internal A request id for a transport's own polls (watch). */
  _nextRequest() { return this.#nextRequest++; }
  /** @internal Records an outcome the page saw itself (single mode). */
  _record(request, kind, reason, status, attempts, message) {
    const code = this.#codeOf(reason);
    const n = Math.min(message.length, this.#scratch.length);
    for (let i = 0; i < n; i++) this.#scratch[i] = message.charCodeAt(i) & 0x7f;
    this.#m._lc_record(request, kind, code, status, attempts, n);
    this.#fresh();
    this.#drain();
  }
  /** @internal */
  _noteFetches(attempts) { this.#m._lc_note_fetches(attempts); }
  /** @internal */
  get _disposed() { return this.#disposed; }
  /** @internal Test hook: kills the hydration worker without telling anyone, as a crash would. */
  _killHydrationForTesting() { this.#transport.kill(); }
  /** @internal Test hook: heap allocations made in wasm memory on this thread so far (wasm/page_allocations.cpp). */
  get _pageAllocations() { return this.#m._lc_page_allocations(); }

  #codeOf(reason) { return Math.max(0, ERROR_NAMES.indexOf(reason)); }

  #errorName(code) { return ERROR_NAMES[code] ?? 'unknown'; }

  // Reads every outcome record newer than the last one seen, in order.
  #drain() {
    if (this.#disposed) return; // no events after dispose()
    const u32 = this.#u32;
    const head = Atomics.load(u32, this.#logWord);
    while (this.#seen !== head) {
      const seq = (this.#seen + 1) >>> 0;
      this.#seen = seq;
      const at = this.#logAddress + LOG.RING + (seq % LOG.RING_SIZE) * LOG.RECORD_BYTES; // byte address of the record
      const word = (field) => (at + field) >>> 2;
      if (Atomics.load(u32, word(LOG.SEQ)) !== seq) { this.#lost(); continue; }
      const rec = {
        request: u32[word(LOG.REQUEST)], kind: u32[word(LOG.KIND)], code: u32[word(LOG.CODE)], version: u32[word(LOG.VERSION)],
        offered: u32[word(LOG.OFFERED)], status: u32[word(LOG.HTTP_STATUS)], attempts: u32[word(LOG.ATTEMPTS)],
        micros: u32[word(LOG.MICROS)], message: readAscii(this.#m.HEAPU8, at + LOG.MESSAGE, LOG.MESSAGE_BYTES),
      };
      if (Atomics.load(u32, word(LOG.SEQ)) !== seq) { this.#lost(); continue; }
      this.#handle(rec);
    }
  }

  #lost() {
    this.#lostOutcomes++;
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: 'outcome-lost', message: 'outcome records were overwritten before the page read them' } }));
  }

  #handle(rec) {
    this.#lastKind = rec.kind;
    if (this.#hydration === 'unresponsive') this.#hydration = 'ok'; // it answers again
    if (this.#lostOutcomes > 0 && rec.request !== 0) this.#failLostUpdates(rec.request);
    if (rec.kind === KIND.SWAP) {
      const previous = this.#liveVersion;
      this.#liveVersion = rec.version;
      if (previous !== 0) {
        this.dispatchEvent(new CustomEvent('swap', { detail: { version: rec.version, previous, request: rec.request, hydrateMs: rec.micros / 1000 } }));
      }
      this.#settle(rec.request, rec.version);
    } else if (rec.kind === KIND.REJECT) {
      const detail = {
        reason: this.#errorName(rec.code), message: rec.message, status: rec.status, offered: rec.offered,
        version: rec.version, attempts: rec.attempts, request: rec.request,
      };
      this.dispatchEvent(new CustomEvent('reject', { detail }));
      this.#settle(rec.request, null, new SnapshotRejectedError(detail));
    } else {
      this.#settle(rec.request, rec.version);
    }
  }

  // The hydration side answers update() requests in the order they were made,
  // so once record R is read, an update older than R still pending lost its
  // record to an overrun of the outcome log: fail it rather than hang.
  #failLostUpdates(request) {
    for (const id of this.#updates) {
      if (id >= request) continue;
      this.#updates.delete(id);
      this.#settle(id, null, new Error('localecap: the outcome of this update was lost (outcome log overrun); see stats()'));
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
    this.#hydrationErrors++;
    this.#hydration = 'unresponsive';
    const restarted = this.#transport.restart();
    const message = `no outcome for update request ${request} from the hydration ${this.#mode === 'threads' ? 'thread' : 'worker'} ` +
      `within its deadline (it died or hangs)${restarted ? '; restarted it' : ''}; the live snapshot (version ${this.version}) keeps serving`;
    if (restarted) this.#hydration = 'restarted';
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: 'hydration-unresponsive', message, request, restarted } }));
    this.#settle(request, null, Object.assign(new Error(`localecap: ${message}`), { reason: 'hydration-unresponsive' }));
  }

  // Strict BCP 47 well-formedness: the tag parser's verdict.
  #checkStrict(tag) {
    const { error } = this.#m.parseTag(tag);
    this.#fresh();
    if (error) throw new LocaleTagError(tag, error);
  }

  #tagCall(name, tag) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.${name}: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new Error('localecap: this registry was disposed');
    const parsed = this.#m.parseTag(tag);
    this.#fresh();
    return deepFreeze(parsed);
  }

  #tagResult(name, tag) {
    if (typeof tag !== 'string') throw new TypeError(`localecap.${name}: expected a string, got ${typeof tag}`);
    if (this.#disposed) throw new Error('localecap: this registry was disposed');
    const r = this.#m.transformTag(tag, TAG_OPS[name]);
    this.#fresh();
    if (r.error) throw new LocaleTagError(tag, r.error);
    return r.tag;
  }
}

// --- transports: how snapshot requests reach the hydration side ------------

// Threads: the wasm hydration pthread does everything; outcomes arrive in the
// log, and Atomics.waitAsync on its head wakes this thread when it moves.
class ThreadsTransport {
  #m; #drain; #stopped = false; #timer = 0;
  constructor(module, drain) {
    this.#m = module;
    this.#drain = drain;
    const i32 = new Int32Array(module.HEAPU8.buffer);
    const word = (module._lc_outcome_log() + LOG.HEAD) >>> 2;
    if (typeof Atomics.waitAsync === 'function') {
      const wait = () => {
        if (this.#stopped) return;
        drain();
        const r = Atomics.waitAsync(i32, word, Atomics.load(i32, word), 1000);
        if (r.async) r.value.then(wait); else setTimeout(wait, 0);
      };
      wait();
    } else {
      this.#timer = setInterval(drain, 20);
    }
  }
  update(request, url, p) { return this.#submit({ op: 'update', request, url, ...p }); }
  watch(request, url, intervalMs, p) { return this.#submit({ op: 'watch', request, url, intervalMs, ...p }); }
  stopWatch() { this.#submit({ op: 'stopWatch' }); }
  // Snapshot bytes the page holds (update(bytes)): copied into wasm memory
  // here, handed over (with the pointer's ownership) to the pthread, which
  // checks the signature, validates and publishes.
  bytes(request, bytes, p, signature) {
    const m = this.#m;
    const ptr = m._lc_alloc(bytes.length);
    if (!ptr) return this.reject(request, 'snapshot-too-large', `no wasm memory for ${bytes.length} bytes`);
    m.HEAPU8.set(bytes, ptr);
    if (this.#submit({ op: 'bytes', request, ptr, length: bytes.length, signature, ...p })) return true;
    m._lc_free(ptr);
    return false;
  }
  // A refusal decided here; the pthread records it (the outcome log has one writer).
  reject(request, reason, message) { return this.#submit({ op: 'reject', request, reason, message }); }
  // The pthread shares the wasm heap: no restart (see Registry#overdue).
  restart() { return false; }
  kill() { for (const w of this.#m.PThread?.runningWorkers ?? []) w.terminate(); }
  dispose() {
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#submit({ op: 'shutdown' });
    this.#m.PThread?.terminateAllThreads?.();
  }
  #submit(command) { return this.#m.submitHydration(JSON.stringify({ fetcher: FETCHER_URL, ...command })); }
}

// What the two single-mode transports share: hydration on this thread, the
// ETags of accepted snapshots by URL, and one watch at a time.
class SingleTransport {
  _reg; _etags = new Map(); _watch = null;
  constructor(registry) { this._reg = registry; }
  // Bytes the page holds: verified (when keys are configured), then
  // validated and published on this thread.
  bytes(request, bytes, p, signature) {
    const reg = this._reg;
    if (p.keys.length === 0) {
      reg._loadBytes(request, bytes);
      return true;
    }
    const copy = bytes.slice(); // the caller may reuse its buffer once update() returns
    verifySnapshot(copy, signature, p).then((refused) => {
      if (reg._disposed) return;
      if (refused) reg._record(request, KIND.REJECT, refused.reason, 0, 0, refused.message);
      else reg._loadBytes(request, copy);
    });
    return true;
  }
  reject(request, reason, message) {
    this._reg._record(request, KIND.REJECT, reason, 0, 0, message);
    return true;
  }
  stopWatch() {
    if (!this._watch) return;
    this._watch.stopped = true;
    clearTimeout(this._watch.timer);
    this._watch = null;
  }
}

// Single mode in a browser: a plain Worker fetches; bytes are transferred here.
class WorkerTransport extends SingleTransport {
  #worker;
  constructor(registry) {
    super(registry);
    this.#worker = this.#spawn();
  }
  #spawn() {
    const registry = this._reg;
    const worker = new Worker(new URL('./fetch-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (registry._disposed || worker !== this.#worker) return;
      hydrateFetched(registry, data, this._etags);
      if (this._watch?.request === data.request) this._watch.schedule();
    };
    worker.onerror = (e) => registry._disposed || registry.dispatchEvent(new CustomEvent('error',
      { detail: { reason: 'fetch-worker', message: e.message ?? 'the fetch Worker failed' } }));
    return worker;
  }
  // A fresh fetch Worker (it holds no state the page needs); a watch whose
  // poll died with the old one polls again after its interval.
  restart() {
    this.#worker.terminate();
    this.#worker = this.#spawn();
    this._watch?.schedule();
    return true;
  }
  kill() { this.#worker.terminate(); }
  update(request, url, policy) {
    this.#worker.postMessage({ request, url, etag: this._etags.get(url) ?? '', ...policy });
    return true;
  }
  // One poll in flight at a time; the next is scheduled when it has settled.
  watch(request, url, intervalMs, policy) {
    this.stopWatch();
    const w = { request, timer: 0, stopped: false };
    w.schedule = () => {
      if (w.stopped) return;
      w.timer = setTimeout(() => { w.request = this._reg._nextRequest(); this.update(w.request, url, policy); }, intervalMs);
    };
    this._watch = w;
    return this.update(request, url, policy);
  }
  dispose() {
    this.stopWatch();
    this.#worker.terminate();
  }
}

// Single mode in Node: no UI thread to protect, so fetch right here.
class DirectTransport extends SingleTransport {
  update(request, url, policy) {
    this.#fetch(request, url, policy);
    return true;
  }
  async #fetch(request, url, policy) {
    const r = await fetchSnapshot(url, { ...policy, etag: this._etags.get(url) ?? '' });
    if (this._reg._disposed) return;
    hydrateFetched(this._reg, { ...r, request, url }, this._etags);
  }
  watch(request, url, intervalMs, policy) {
    this.stopWatch();
    const w = { stopped: false, timer: 0 };
    this._watch = w;
    const poll = async (req) => {
      if (w.stopped || this._reg._disposed) return;
      await this.#fetch(req, url, policy);
      if (w.stopped) return;
      w.timer = setTimeout(() => poll(this._reg._nextRequest()), intervalMs);
      w.timer.unref?.(); // a watch never keeps a Node process alive
    };
    poll(request);
    return true;
  }
  restart() { return false; } // no worker: fetchSnapshot's own timeout settles every request
  kill() {}
  dispose() { this.stopWatch(); }
}

// A fetch result (single mode) → the hydration side; remembers the ETag of a
// snapshot that was accepted so the next request for that URL is conditional.
function hydrateFetched(reg, r, etags) {
  if (r.status === 200 && r.bytes && !r.reason) {
    reg._noteFetches(r.attempts);
    const kind = reg._loadBytes(r.request, new Uint8Array(r.bytes));
    if ((kind === KIND.SWAP || kind === KIND.UNCHANGED) && r.etag) etags.set(r.url, r.etag);
  } else {
    const o = outcomeOf(r, r.url);
    reg._record(r.request, o.kind === 'not-modified' ? KIND.NOT_MODIFIED : KIND.REJECT, o.reason, r.status, r.attempts, o.message);
  }
}

// --- helpers ----------------------------------------------------------------

function disposedError() {
  const e = new Error('localecap: this registry was disposed');
  e.name = 'AbortError';
  e.reason = 'disposed';
  return e;
}

// The fetch and trust policy of a request: `options` over the registry's
// (createRegistry's) policy. Throws on a malformed key or limit.
function policyOf(options, base) {
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
    maxBytes,
    keys,
    requireSignature: Boolean(requireSignature),
  };
}

// update(bytes, {signature}): bytes or base64 → base64 (it travels as JSON text), or null.
function signatureOf(signature) {
  if (signature === undefined || signature === null) return null;
  if (typeof signature === 'string') return signature;
  const b = toBytes(signature);
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return btoa(s);
}

function absoluteUrl(url) {
  const base = globalThis.location?.href;
  return (base ? new URL(url, base) : new URL(url)).href;
}

function toBytes(source) {
  return source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

function readAscii(heap, at, max) {
  let s = '';
  for (let i = 0; i < max; i++) {
    const c = heap[at + i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

// UTF-8 bytes → string. TextDecoder refuses views of shared memory in
// Chromium; profile strings are short and mostly ASCII.
function decodeUtf8(bytes, at, length) {
  let s = '';
  const end = at + length;
  for (let i = at; i < end;) {
    const b = bytes[i++];
    let c;
    if (b < 0x80) c = b;
    else if (b >= 0xc0 && b < 0xe0 && i < end) c = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    else if (b >= 0xe0 && b < 0xf0 && i + 1 < end) { c = ((b & 0x0f) << 12) | ((bytes[i] & 0x3f) << 6) | (bytes[i + 1] & 0x3f); i += 2; }
    else if (b >= 0xf0 && i + 2 < end) {
      c = ((b & 0x07) << 18) | ((bytes[i] & 0x3f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else c = 0xfffd;
    s += String.fromCodePoint(c);
  }
  return s;
}

function deepFreeze(o) {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

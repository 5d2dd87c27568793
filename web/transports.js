// Transports: how snapshot requests reach the hydration side, one per mode.
//
// Every transport has the same narrow interface, used only by registry.js:
//   update(request, url, policy)            one conditional fetch
//   watch(request, url, intervalMs, policy) poll; replaces any previous watch
//   stopWatch()
//   bytes(request, bytes, policy, signature) bytes the page holds
//   reject(request, reason, message)        a refusal the page decided itself
//   rememberEtag(url, etag)                 the ETag of a snapshot fetched by the page itself
//   start()                                 starts the hydration side if it is not running
//   restart() → bool   kill()   dispose()
// The request methods return false if the request could not be queued. Each
// request's outcome arrives in the outcome log (wasm/abi.h), whoever wrote
// it; the transports never call the registry back except through the
// HydrationSink the single-mode ones are given.
//
// Threads: the wasm hydration pthread does everything (wasm/hydrator.h).
// Single, browser: a plain Worker fetches (fetch-worker.js) and transfers the
// bytes; this thread validates and publishes them. Single, Node: fetches on
// this thread.
import { fetchSnapshot, outcomeOf, verifySnapshot } from './fetcher.js';
import { OUTCOME as KIND } from './dist/abi.js';
import { Worker } from './trusted.js'; // Trusted Types-safe, same spelling for bundlers

// fetcher.js for the hydration pthread, which imports it by URL. `?no-inline`
// keeps bundlers (Vite) from inlining it as a data: URL, which a strict CSP
// (script-src 'self') would refuse to import; bundlers copy it as it is.
const FETCHER_URL = new URL('./fetcher.js?no-inline', import.meta.url).href;

/**
 * What single-mode transports hand results to (made by registry.js):
 * @typedef {{
 *   load(request: number, bytes: Uint8Array): number,   validates and publishes now; the OutcomeKind
 *   record(request: number, kind: number, reason: string, status: number, attempts: number, message: string): void,
 *   noteFetches(attempts: number): void,
 *   nextRequest(): number,                                a request id for a watch's own polls
 *   disposed(): boolean,
 *   error(detail: {reason: string, message: string}): void,
 * }} HydrationSink
 */

/** The transport for `mode` ('threads' | 'single'), in this realm. */
export function makeTransport(mode, module, { onLogMoved, headWord, sink, isNode }) {
  if (mode === 'threads') return new ThreadsTransport(module, onLogMoved, headWord);
  return isNode ? new DirectTransport(sink) : new WorkerTransport(sink);
}

// Threads: outcomes arrive in the log, and Atomics.waitAsync on its head
// wakes this thread when it moves.
class ThreadsTransport {
  #m; #stopped = false; #timer = 0;
  constructor(module, onLogMoved, word) {
    this.#m = module;
    const i32 = new Int32Array(module.HEAPU8.buffer);
    if (typeof Atomics.waitAsync === 'function') {
      const wait = () => {
        if (this.#stopped) return;
        onLogMoved();
        const r = Atomics.waitAsync(i32, word, Atomics.load(i32, word), 1000);
        if (r.async) r.value.then(wait); else setTimeout(wait, 0);
      };
      wait();
    } else {
      this.#timer = setInterval(onLogMoved, 20);
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
    const buffer = m._lc_buffer(bytes.length);
    if (!buffer) return this.reject(request, 'snapshot-too-large', noRoom(m, bytes.length));
    m.HEAPU8.set(bytes, m._lc_buffer_data(buffer));
    if (this.#submit({ op: 'bytes', request, buffer, length: bytes.length, signature, ...p })) return true;
    m._lc_buffer_free(buffer);
    return false;
  }
  // A refusal decided here; the pthread records it (the outcome log has one writer).
  reject(request, reason, message) { return this.#submit({ op: 'reject', request, reason, message }); }
  // The first snapshot was fetched by the page: its ETag makes the pthread's next request for `url` conditional.
  rememberEtag(url, etag) { this.#submit({ op: 'etag', url, etag }); }
  // Starts the pthread (its Worker loads in the background; nothing waits for it).
  start() { this.#m._lc_hydrator_start(); }
  // The pthread shares the wasm heap: no restart (see Registry's watchdog).
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

/** Why `length` snapshot bytes were refused for want of wasm memory. */
export function noRoom(module, length) {
  return `the wasm heap cannot take ${length} bytes (${module._lc_heap_available()} available)`;
}

/**
 * A fetch result (fetcher.js, plus request and url) → `sink`: the bytes
 * validated and published, or the refusal recorded. True if the bytes are
 * what is live now (swapped in or unchanged).
 */
export function deliverFetched(sink, r) {
  if (r.status === 200 && r.bytes && !r.reason) {
    sink.noteFetches(r.attempts);
    const kind = sink.load(r.request, new Uint8Array(r.bytes));
    return kind === KIND.SWAP || kind === KIND.UNCHANGED;
  }
  const o = outcomeOf(r, r.url);
  sink.record(r.request, o.kind === 'not-modified' ? KIND.NOT_MODIFIED : KIND.REJECT, o.reason, r.status, r.attempts, o.message);
  return false;
}

// What the two single-mode transports share: hydration on this thread, the
// ETags of accepted snapshots by URL, and one watch at a time.
class SingleTransport {
  sink;
  etags = new Map();
  current = null; // the watch: {request, timer, stopped, schedule}
  constructor(sink) { this.sink = sink; }
  // Bytes the page holds: verified (when keys are configured), then
  // validated and published on this thread.
  bytes(request, bytes, p, signature) {
    const sink = this.sink;
    if (p.keys.length === 0) {
      sink.load(request, bytes);
      return true;
    }
    const copy = bytes.slice(); // the caller may reuse its buffer once update() returns
    verifySnapshot(copy, signature, p).then((refused) => {
      if (sink.disposed()) return;
      if (refused) sink.record(request, KIND.REJECT, refused.reason, 0, 0, refused.message);
      else sink.load(request, copy);
    }).catch((e) => sink.disposed() || sink.record(request, KIND.REJECT, 'snapshot-bad-signature', 0, 0, `cannot verify: ${e?.message ?? e}`));
    return true;
  }
  reject(request, reason, message) {
    this.sink.record(request, KIND.REJECT, reason, 0, 0, message);
    return true;
  }
  stopWatch() {
    if (!this.current) return;
    this.current.stopped = true;
    clearTimeout(this.current.timer);
    this.current = null;
  }
  // A fetch result → the hydration side; remembers the ETag of a snapshot
  // that was accepted so the next request for that URL is conditional.
  hydrateFetched(r) {
    if (deliverFetched(this.sink, r) && r.etag) this.etags.set(r.url, r.etag);
  }
  rememberEtag(url, etag) { this.etags.set(url, etag); }
  start() {}
}

// Single mode in a browser: a plain Worker fetches; bytes are transferred here.
class WorkerTransport extends SingleTransport {
  #worker;
  constructor(sink) {
    super(sink);
    this.#worker = this.#spawn();
  }
  #spawn() {
    const sink = this.sink;
    const worker = new Worker(new URL('./fetch-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (sink.disposed() || worker !== this.#worker) return;
      this.hydrateFetched(data);
      if (this.current?.request === data.request) this.current.schedule();
    };
    worker.onerror = (e) => sink.disposed() || sink.error({ reason: 'fetch-worker', message: e.message ?? 'the fetch Worker failed' });
    return worker;
  }
  // A fresh fetch Worker (it holds no state the page needs); a watch whose
  // poll died with the old one polls again after its interval.
  restart() {
    this.#worker.terminate();
    this.#worker = this.#spawn();
    this.current?.schedule();
    return true;
  }
  kill() { this.#worker.terminate(); }
  update(request, url, policy) {
    this.#worker.postMessage({ request, url, etag: this.etags.get(url) ?? '', ...policy });
    return true;
  }
  // One poll in flight at a time; the next is scheduled when it has settled.
  watch(request, url, intervalMs, policy) {
    this.stopWatch();
    const w = { request, timer: 0, stopped: false };
    w.schedule = () => {
      if (w.stopped) return;
      w.timer = setTimeout(() => { w.request = this.sink.nextRequest(); this.update(w.request, url, policy); }, intervalMs);
    };
    this.current = w;
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
    this.#fetch(request, url, policy) // settles its request on any failure: nothing left unhandled
      .catch((e) => this.sink.disposed() || this.sink.record(request, KIND.REJECT, 'fetch-failed', 0, 0, `${e?.message ?? e}`));
    return true;
  }
  async #fetch(request, url, policy) {
    const r = await fetchSnapshot(url, { ...policy, etag: this.etags.get(url) ?? '' });
    if (this.sink.disposed()) return;
    this.hydrateFetched({ ...r, request, url });
  }
  watch(request, url, intervalMs, policy) {
    this.stopWatch();
    const w = { stopped: false, timer: 0 };
    this.current = w;
    const poll = async (req) => {
      if (w.stopped || this.sink.disposed()) return;
      await this.#fetch(req, url, policy);
      if (w.stopped) return;
      w.timer = setTimeout(() => poll(this.sink.nextRequest()), intervalMs);
      w.timer.unref?.(); // a watch never keeps a Node process alive
    };
    poll(request);
    return true;
  }
  restart() { return false; } // no worker: fetchSnapshot's own timeout settles every request
  kill() {}
  dispose() { this.stopWatch(); }
}

// Transports: how hydration commands reach the hydration module
// (hydration.js), one per mode. The module and its sink into wasm are the
// same everywhere; a transport only carries commands to the realm it runs in.
//
// Every transport has the same narrow interface, used only by registry.js:
//   send(command) → bool   a Hydrator command (hydration.js); false if it could not be queued
//   start()                starts the hydration side if it is not running
//   restart() → bool       a fresh hydration side after it died or hung (false: cannot)
//   kill()                 as a crash would (tests)
//   dispose()
// Each request's outcome arrives in the outcome log (wasm/abi.h), written by
// C++ whichever realm made the call; transports never call the registry back
// except through `onLogMoved` (read the log) and `onError` (the Worker died).
//
// Threads: the wasm hydration pthread runs hydration.js (wasm/hydrator.h).
// Single, browser: a plain Worker runs it (fetch-worker.js) and sends the
// sink's calls here, where they reach the wasm module. Single, Node: it runs
// on this thread.
import { Hydrator, noRoom, wasmSink } from './hydration.js';
import { Worker } from './trusted.js'; // Trusted Types-safe, same spelling for bundlers

// hydration.js for the hydration pthread, which imports it by URL. `?no-inline`
// keeps bundlers (Vite) from inlining it as a data: URL, which a strict CSP
// (script-src 'self') would refuse to import; bundlers copy it as it is.
const HYDRATION_URL = new URL('./hydration.js?no-inline', import.meta.url).href;

/** The transport for `mode` ('threads' | 'single'), in this realm. */
export function makeTransport(mode, module, { onLogMoved, headWord, isNode, onError }) {
  if (mode === 'threads') return new ThreadsTransport(module, onLogMoved, headWord);
  const sink = wasmSink(module, onLogMoved);
  return isNode ? new DirectTransport(sink) : new WorkerTransport(sink, onError);
}

// Threads: commands go to the pthread as JSON through a queue in wasm memory;
// outcomes arrive in the log, and Atomics.waitAsync on its head wakes this
// thread when it moves.
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
  // Bytes the page holds (update(bytes)) are copied into wasm memory here,
  // their one copy into the heap; the pthread takes the buffer (and its
  // ownership), checks the signature and offers it as it is.
  send(command) {
    if (command.op !== 'bytes') return this.#submit(command);
    const { bytes, ...rest } = command, m = this.#m;
    const buffer = m._lc_buffer(bytes.length);
    if (!buffer) {
      return this.#submit({ op: 'reject', request: command.request, reason: 'snapshot-too-large', message: noRoom(m, bytes.length) });
    }
    m.HEAPU8.set(bytes, m._lc_buffer_data(buffer));
    if (this.#submit({ ...rest, buffer, length: bytes.length })) return true;
    m._lc_buffer_free(buffer);
    return false;
  }
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
  #submit(command) { return this.#m.submitHydration(JSON.stringify({ hydration: HYDRATION_URL, ...command })); }
}

// Single mode in a browser: the fetch Worker runs hydration.js; its sink's
// calls come here (bytes transferred) and go to the wasm module on this thread.
// The Worker is spawned by start() (createRegistry calls it once the first
// snapshot is live: spawning it then would compete with the first answer
// for the page's thread and network) or by the first command it must run.
class WorkerTransport {
  #sink; #onError; #worker = null; #disposed = false;
  #watch = null; // the watch command in force, and the ETags sent: a later or restarted Worker gets them
  #etags = new Map();
  constructor(sink, onError) {
    this.#sink = sink;
    this.#onError = onError;
  }
  #spawn() {
    const worker = new Worker(new URL('./fetch-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (this.#disposed || worker !== this.#worker) return;
      const { request, status, attempts } = data;
      if (data.sink === 'offer') worker.postMessage({ op: 'offered', id: data.id, live: this.#sink.offer(request, data.bytes, status, attempts) });
      else this.#sink.report(request, data.kind, data.reason, status, attempts, data.message);
    };
    worker.onerror = (e) => this.#disposed || this.#onError({ reason: 'fetch-worker', message: e.message ?? 'the fetch Worker failed' });
    for (const etag of this.#etags.values()) worker.postMessage(etag);
    return worker;
  }
  #running() { return (this.#worker ??= this.#spawn()); }
  send(command) {
    if (command.op === 'watch') this.#watch = command;
    if (command.op === 'stopWatch') this.#watch = null;
    if (command.op === 'etag') {
      this.#etags.set(command.url, command);
      this.#worker?.postMessage(command); // else #spawn sends it
      return true;
    }
    if (command.op !== 'bytes') {
      this.#running().postMessage(command);
      return true;
    }
    const bytes = command.bytes.slice(); // the caller may reuse its buffer once update() returns
    this.#running().postMessage({ ...command, bytes }, [bytes.buffer]);
    return true;
  }
  start() { this.#running(); }
  // A fresh fetch Worker (it holds no state the page does not have); a watch
  // goes on there, its polls answering request 0 (its watch() has settled).
  restart() {
    this.#worker?.terminate();
    this.#worker = this.#spawn();
    if (this.#watch) this.#worker.postMessage({ ...this.#watch, request: 0 });
    return true;
  }
  kill() { this.#worker?.terminate(); }
  dispose() {
    this.#disposed = true;
    this.#worker?.terminate();
  }
}

// Single mode in Node: no UI thread to protect, so hydration.js runs right here.
class DirectTransport {
  #hydrator;
  constructor(sink) { this.#hydrator = new Hydrator(sink); }
  send(command) {
    // The caller may reuse its buffer once update() returns.
    this.#hydrator.handle(command.op === 'bytes' ? { ...command, bytes: command.bytes.slice() } : command);
    return true;
  }
  start() {}
  restart() { return false; } // no worker: fetchSnapshot's own timeout settles every request
  kill() {}
  dispose() { this.#hydrator.handle({ op: 'shutdown' }); }
}

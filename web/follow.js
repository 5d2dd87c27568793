// Workers that follow the page (DESIGN.md §1): a page's registry feeds Workers
// the live snapshot's bytes and every later swap, so page and Workers answer
// from the same version and only the page fetches.
//
//   page:    const stop = reg.connect(worker);      // or a MessagePort
//   Worker:  const reg = await createRegistry({ source: self });   // or the port
//
// The protocol, over any postMessage endpoint (a Worker, the Worker's global
// scope, a MessagePort), messages tagged { localecap: PROTOCOL }:
//   Worker → page  { kind: 'hello' }                         on start: "send me what is live"
//   page → Worker  { kind: 'snapshot', version, bytes }     at connect, on each hello, after each swap
// The page sends at connect and on hello because either side may start first
// (a message posted before the other side listens is lost); the Worker takes
// a snapshot only if its version is newer than the last one it took, so
// repeats and reordering cost nothing. Bytes are copied out of wasm memory
// (Registry#liveSnapshot) and transferred, one copy per Worker per swap.
//
// The Worker validates what it gets like any snapshot (update(bytes)): a page
// cannot make a Worker serve bytes its own validation refuses.

const PROTOCOL = 'localecap.follow/1';

const isFollowMessage = (data) => data !== null && typeof data === 'object' && data.localecap === PROTOCOL;

// postMessage endpoints: a Worker, a MessagePort, a Worker's global scope.
function checkEndpoint(target, what) {
  if (target === null || typeof target !== 'object' || typeof target.postMessage !== 'function' ||
      typeof target.addEventListener !== 'function') {
    throw new TypeError(`localecap.${what}: expected a Worker, a MessagePort or a Worker's global scope (postMessage and addEventListener)`);
  }
}

/**
 * The page side: the Workers a registry feeds. `live()` returns the live
 * snapshot as { version, bytes: ArrayBuffer } (a fresh copy), or null.
 */
export class Followers {
  #live;
  #targets = new Map(); // target → { version last sent, onMessage }
  #onSwap = () => { for (const target of this.#targets.keys()) this.#send(target, false); };
  #registry;

  constructor(registry, live) {
    this.#registry = registry;
    this.#live = live;
    registry.addEventListener('swap', this.#onSwap);
  }

  /** Starts feeding `target`; returns the function that stops it. */
  add(target) {
    checkEndpoint(target, 'connect');
    if (this.#targets.has(target)) return () => this.remove(target);
    const onMessage = (e) => { if (isFollowMessage(e.data) && e.data.kind === 'hello') this.#send(target, true); };
    this.#targets.set(target, { version: 0, onMessage });
    target.addEventListener('message', onMessage);
    target.start?.(); // a MessagePort delivers only once started
    this.#send(target, true);
    return () => this.remove(target);
  }

  remove(target) {
    const t = this.#targets.get(target);
    if (!t) return;
    target.removeEventListener('message', t.onMessage);
    this.#targets.delete(target);
  }

  /** Stops feeding every target (Registry#dispose). */
  close() {
    for (const target of [...this.#targets.keys()]) this.remove(target);
    this.#registry.removeEventListener('swap', this.#onSwap);
  }

  // Sends the live snapshot unless this target already has its version
  // (`always`: it asked, or is new).
  #send(target, always) {
    const t = this.#targets.get(target);
    const live = this.#live();
    if (!t || live === null || (!always && t.version === live.version)) return;
    t.version = live.version;
    target.postMessage({ localecap: PROTOCOL, kind: 'snapshot', version: live.version, bytes: live.bytes }, [live.bytes]);
  }
}

/**
 * The Worker side: listens on `source` at once and says hello. `first`
 * resolves with the first snapshot's bytes; listen(onBytes) then gets each
 * newer one, in order (those that came in between first). close() stops.
 */
export class PageSource {
  #source;
  #version = 0;
  #queue = [];
  #deliver = null;
  #resolveFirst;
  /** @type {Promise<ArrayBuffer>} */
  first = new Promise((resolve) => { this.#resolveFirst = resolve; });
  #onMessage = (e) => {
    if (!isFollowMessage(e.data) || e.data.kind !== 'snapshot' || !(e.data.bytes instanceof ArrayBuffer)) return;
    const { version, bytes } = e.data;
    if (!(version > this.#version)) return; // a repeat, or older than what this Worker has
    const isFirst = this.#version === 0;
    this.#version = version;
    if (isFirst) this.#resolveFirst(bytes);
    else if (this.#deliver) this.#deliver(bytes);
    else this.#queue.push(bytes);
  };

  constructor(source) {
    checkEndpoint(source, 'createRegistry: source');
    this.#source = source;
    source.addEventListener('message', this.#onMessage);
    source.start?.();
    source.postMessage({ localecap: PROTOCOL, kind: 'hello' });
  }

  /** Delivers every later snapshot to `onBytes`, those already queued first. */
  listen(onBytes) {
    this.#deliver = onBytes;
    for (const bytes of this.#queue.splice(0)) onBytes(bytes);
  }

  close() {
    this.#deliver = null;
    this.#queue.length = 0;
    this.#source.removeEventListener('message', this.#onMessage);
  }
}

// The browser half of `npm run bench` (bench/run.mjs drives it through
// Playwright in Debian Chromium, cross-origin isolated). Every contender runs
// on the same inputs in this one page and run:
//
//   setup(…)      creates the registries: one mode per page, since two registries
//                 resolving in one page share Registry.resolve's JIT feedback and
//                 slow each other (bench/run.mjs --only pair measures it; the
//                 runner measures 'single' in a second page with its own floor)
//   speed(…)      ns/op of `direction(tag)` per contender and input set: the
//                 median of several timed runs, contenders interleaved run by
//                 run, each loop its own compiled function (a monomorphic call
//                 site per contender, so no contender pays for another's types),
//                 each warmed up and sized alike first (calibrate())
//   accuracy(…)   each contender's direction answers (the runner scores them
//                 against CLDR truth computed in Node)
//   crosscheck(…) localecap's maximized tag and direction beside Chromium Intl's
//   latency(…)    per-call main-thread resolve latency, with a control no-op
//                 export timed in the same loop, while the worker swaps or not;
//                 first resolves of a profile in a version (which build its
//                 object) also in a histogram of their own
//   heapRun(n)    n resolves, for the runner's JS heap measurement over CDP
//
// Wasm memory is observed by wrapping WebAssembly.Memory / instantiate before
// localecap loads (the runtime does not expose its module), read-only.
import { createRegistry } from '/web/index.js';
import { makeContenders } from '/bench-build/contenders.js';

const memories = new Set();
const note = (r) => {
  // Export names are minified in release builds: take any exported Memory.
  for (const e of Object.values((r?.instance ?? r)?.exports ?? {})) if (e instanceof WebAssembly.Memory) memories.add(e);
  return r;
};
const realInstantiate = WebAssembly.instantiate;
const realStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiate = function instantiate(...args) { return realInstantiate.apply(this, args).then(note); };
if (realStreaming) WebAssembly.instantiateStreaming = function instantiateStreaming(...args) { return realStreaming.apply(this, args).then(note); };
WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
  construct(target, args) { const m = new target(...args); memories.add(m); return m; },
});

const regs = {};
const wasmBytes = {};
let contenders = {};
let rtlSet = new Set();

const hasGetTextInfo = typeof Intl.Locale.prototype.getTextInfo === 'function';
const textInfo = (loc) => (hasGetTextInfo ? loc.getTextInfo() : loc.textInfo);
const dirOfScript = (s) => (rtlSet.has(s) ? 'rtl' : 'ltr');

function operations(map) {
  const ops = {
    'Map.get (floor)': { op: (t) => map.get(t).direction, answers: false },
    'localecap threads': { op: (t) => regs.threads.resolve(t).direction, answers: true },
    'localecap single': { op: (t) => regs.single.resolve(t).direction, answers: true },
    // resolve(t, {}) skips the JS memo: the fallback chain in wasm on every call (the non-canonical target).
    'localecap threads, no memo': { op: (t) => regs.threads.resolve(t, {}).direction, answers: true },
    'localecap single, no memo': { op: (t) => regs.single.resolve(t, {}).direction, answers: true },
    'Intl.Locale getTextInfo': { op: (t) => textInfo(new Intl.Locale(t)).direction, answers: true },
    'Intl.Locale maximize': { op: (t) => dirOfScript(new Intl.Locale(t).maximize().script), answers: true },
    'Intl.getCanonicalLocales': { op: (t) => Intl.getCanonicalLocales(t)[0], answers: false },
  };
  for (const [name, c] of Object.entries(contenders)) ops[name] = { op: c.direction, answers: true };
  for (const mode of ['threads', 'single']) {
    if (!regs[mode]) for (const name of [`localecap ${mode}`, `localecap ${mode}, no memo`]) delete ops[name];
  }
  return ops;
}

// A fresh function per contender: its own feedback, so `op` stays monomorphic.
function makeLoop(name) {
  // eslint-disable-next-line no-new-func
  return new Function('op', 'tags', 'iters', `// ${name.replace(/[^\w .+@/-]/g, '')}
    let rtl = 0, j = 0;
    const n = tags.length;
    for (let i = 0; i < iters; i++) {
      if (op(tags[j]) === 'rtl') rtl++;
      if (++j === n) j = 0;
    }
    return rtl;`);
}

function timeLoop(loop, op, tags, iters) {
  const t0 = performance.now();
  loop(op, tags, iters);
  return performance.now() - t0;
}

// Warm-up and calibration, the same for every contender and set. A loop runs
// for warmupMs before it is sized, so its runs time the optimized code (on a
// busy 2-core machine V8 compiles in the background and can take hundreds of
// ms), and a run is sized from the fastest timing seen: a preemption, GC or
// compile only ever lengthens a timing. (Sizing from one timing let a single
// stall shrink every run of a contender to under 1 ms of a 30 ms target, where
// the not-yet-optimized loop dominated: 37.6 ns for a warm resolve that is
// 13.6 ns once warm — bench/results on 7172fc1.)
const WARMUP_MS = 300;
const MIN_TIMING_MS = 5;

/** Iterations for one timed run of ≈ targetMs, after ≥ warmupMs of warm-up. */
function calibrate(loop, op, tags, targetMs, warmupMs) {
  const end = performance.now() + warmupMs;
  let iters = 64, best = Infinity;
  for (;;) {
    best = Math.min(timeLoop(loop, op, tags, iters), timeLoop(loop, op, tags, iters));
    if (best >= MIN_TIMING_MS || iters >= 1 << 26) break;
    iters *= 4;
  }
  while (performance.now() < end) best = Math.min(best, timeLoop(loop, op, tags, iters));
  return Math.max(64, Math.round(iters * targetMs / Math.max(best, 0.005)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const yieldToLoop = () => new Promise((done) => setTimeout(done, 0));

window.bench = {
  async setup({ rtlScripts, modes = ['threads', 'single'], icu4x = false }) {
    rtlSet = new Set(rtlScripts);
    contenders = makeContenders(rtlScripts);
    const out = { crossOriginIsolated, userAgent: navigator.userAgent, hardwareConcurrency: navigator.hardwareConcurrency,
      hasGetTextInfo, modes: {} };
    if (icu4x) { // its own bundle (20 MB of wasm): only in the page that times every contender
      const t0 = performance.now();
      const { makeIcu4xContenders } = await import('/bench-build/icu4x.js');
      out.icu4xImportMs = performance.now() - t0;
      Object.assign(contenders, makeIcu4xContenders(rtlScripts));
    }
    for (const mode of modes) {
      const before = new Set(memories);
      const t0 = performance.now();
      regs[mode] = await createRegistry({ mode });
      const createMs = performance.now() - t0;
      const mine = [...memories].filter((m) => !before.has(m));
      wasmBytes[mode] = () => mine.reduce((n, m) => n + m.buffer.byteLength, 0);
      const st = regs[mode].stats();
      out.modes[mode] = { mode: regs[mode].mode, version: regs[mode].version, createMs, hydrateMs: st.lastHydrateMs,
        wasmMemoryBytes: wasmBytes[mode](), memories: mine.length };
    }
    out.contenders = Object.fromEntries(Object.entries(contenders).map(([k, c]) => [k, c.what]));
    return out;
  },

  /** sets: {name: tags[]}; returns {set: {contender: {ns: [ns/op per run], median, ratio (to Map.get), iters}}}. */
  async speed({ sets, runs, targetMs, only, warmupMs = WARMUP_MS }) {
    const result = {};
    const plan = [];
    for (const [setName, tags] of Object.entries(sets)) {
      const map = new Map(tags.map((t) => [t, (regs.threads ?? regs.single).resolve(t)]));
      const ops = operations(map);
      result[setName] = {};
      for (const [name, { op }] of Object.entries(ops)) {
        if (only && !only.includes(name)) continue;
        const loop = makeLoop(`${setName} ${name}`);
        const iters = calibrate(loop, op, tags, targetMs, warmupMs);
        plan.push({ setName, name, loop, op, tags, iters });
        result[setName][name] = { iters, ns: [] };
      }
      await yieldToLoop();
    }
    // One untimed round, then each loop is re-sized from it: a contender whose
    // calibration ran before V8 had optimized it (background compiles wait on a
    // busy machine) would otherwise time far shorter runs than targetMs.
    for (const p of plan) {
      const dt = timeLoop(p.loop, p.op, p.tags, p.iters);
      if (dt < targetMs / 2 || dt > targetMs * 2) p.iters = Math.max(64, Math.round(p.iters * targetMs / Math.max(dt, 0.005)));
      result[p.setName][p.name].iters = p.iters;
    }
    for (let r = 0; r < runs; r++) {
      for (const p of plan) {
        const ms = timeLoop(p.loop, p.op, p.tags, p.iters);
        result[p.setName][p.name].ns.push(ms * 1e6 / p.iters);
      }
      await yieldToLoop();
    }
    for (const set of Object.values(result)) {
      // ratio: the median over rounds of each run over the Map.get run of the same
      // round (its control, timed moments apart), so load that slows one round
      // slows both sides of its ratio.
      const floor = set['Map.get (floor)'];
      for (const c of Object.values(set)) {
        c.median = median(c.ns);
        if (floor) c.ratio = median(c.ns.map((ns, r) => ns / floor.ns[r]));
      }
    }
    return result;
  },

  /** How localecap (threads) matched each tag: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root'. */
  classify({ tags }) {
    return tags.map((t) => { regs.threads.resolve(t); return regs.threads.lastMatch; });
  },

  /** Each answering contender's direction for every tag (null where it threw). */
  accuracy({ tags, only }) {
    const ops = operations(new Map());
    const out = {};
    for (const [name, { op, answers }] of Object.entries(ops)) {
      if (!answers || (only && !only.includes(name))) continue;
      out[name] = tags.map((t) => { try { return op(t); } catch { return null; } });
    }
    return out;
  },

  /** [lang, lcMaximized, lcDirection, lcMatch, lcProfileTag, intlMaximized, intlDirection] per language. */
  crosscheck({ langs }) {
    const reg = regs.threads;
    return langs.map((l) => {
      let lcMax = null, lcDir = null, lcMatch = null, lcTag = null, inMax = null, inDir = null;
      try {
        const e = reg.explain(l);
        lcMatch = e.match; lcDir = e.profile.direction; lcTag = e.profile.tag;
        try { lcMax = reg.maximize(l); } catch { lcMax = e.maximized; }
      } catch { /* recorded as null */ }
      try {
        const loc = new Intl.Locale(l);
        inMax = loc.maximize().toString();
        inDir = textInfo(loc).direction;
      } catch { /* recorded as null */ }
      return [l, lcMax, lcDir, lcMatch, lcTag, inMax, inDir];
    });
  },

  /**
   * Main-thread resolve() latency, each call timed alone, and in the same loop a
   * control: the raw no-op-sized export behind `reg.version`. Histograms are
   * {ns: count}; performance.now() is coarsened by the browser (reported as resolutionNs).
   */
  async latency({ durationMs, tags, mode = 'threads', longMs = Infinity }) {
    const reg = regs[mode];
    // Calls of longMs or more, as [start, end, kind] (performance.now() ms; kind 'first' | 'resolve' |
    // 'control'), and a user-timing mark at the start so a trace can place them (--only latency --trace).
    const long = [];
    performance.mark('lc-latency-start');
    const origin = performance.now();
    const hist = new Map(), control = new Map(), first = new Map();
    const seen = new Array(tags.length).fill(null); // the object each tag last resolved to: a new one = a first resolve
    const add = (h, ms) => { const k = Math.round(ms * 1e6); h.set(k, (h.get(k) ?? 0) + 1); };
    const swaps = [];
    const onSwap = (e) => swaps.push(e.detail.hydrateMs);
    reg.addEventListener('swap', onSwap);
    const v0 = reg.version;
    let calls = 0, j = 0, wrongVersion = 0;
    const end = performance.now() + durationMs;
    while (performance.now() < end) {
      for (let i = 0; i < 500; i++) {
        const tag = tags[j];
        if (++j === tags.length) j = 0;
        const t0 = performance.now();
        const p = reg.resolve(tag);
        const t1 = performance.now();
        reg.version; // eslint-disable-line no-unused-expressions
        const t2 = performance.now();
        add(hist, t1 - t0);
        add(control, t2 - t1);
        const k = j === 0 ? tags.length - 1 : j - 1;
        const isFirst = p !== seen[k];
        if (isFirst) { seen[k] = p; add(first, t1 - t0); }
        if (t1 - t0 >= longMs) long.push([t0, t1, isFirst ? 'first' : 'resolve']);
        if (t2 - t1 >= longMs) long.push([t1, t2, 'control']);
        if (p.version < v0) wrongVersion++;
        calls++;
      }
      await yieldToLoop(); // lets swap outcomes in, as a real page would between tasks
    }
    reg.removeEventListener('swap', onSwap);
    let resolutionNs = Infinity;
    for (const k of [...hist.keys(), ...control.keys()]) if (k > 0 && k < resolutionNs) resolutionNs = k;
    return { calls, hist: [...hist], control: [...control], first: [...first], swaps: swaps.length, swapHydrateMs: swaps,
      versionFrom: v0, versionTo: reg.version, wrongVersion, resolutionNs, stats: reg.stats(), long, origin };
  },

  watch(url, intervalMs) {
    this.abort?.abort();
    this.abort = new AbortController();
    return regs.threads.watch(url, { intervalMs, signal: this.abort.signal });
  },
  unwatch() { this.abort?.abort(); },

  /**
   * JSON text of {tag: fields} for `tags`, the cold-start page's plain alternative: the
   * fields a page would keep by hand (names, subtags, direction, writing mode,
   * segmentation, plural categories), not the typology (morphology, grammar, sources).
   */
  profilesJson({ tags }) {
    const reg = regs.threads ?? regs.single;
    const keep = ({ tag, maximized, language, script, region, name, direction, writingMode, written, segmentation, plural }) =>
      ({ tag, maximized, language, script, region, name, direction, writingMode, written, segmentation, plural });
    return JSON.stringify(Object.fromEntries(tags.map((t) => [t, keep(reg.resolve(t))])));
  },

  wasmMemory() { return Object.fromEntries(Object.entries(wasmBytes).map(([m, f]) => [m, f()])); },

  /** n resolves over `tags` on the threads registry (the runner measures the JS heap around it). */
  heapRun({ n, tags }) {
    const reg = regs.threads;
    let rtl = 0;
    for (let i = 0, j = 0; i < n; i++) {
      if (reg.resolve(tags[j]).direction === 'rtl') rtl++;
      if (++j === tags.length) j = 0;
    }
    return rtl;
  },
};
document.title = 'ready';

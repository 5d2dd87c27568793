#!/usr/bin/env node
// `npm run bench`: localecap against what a page would use instead, in one
// run, on one machine, with a report (bench/results/latest.json), a chart
// (bench/results/chart.svg) and the README "Benchmarks" table regenerated.
//
//   1. native: bench/*.cpp Google Benchmark suites (bench/harness/native.mjs)
//   2. browser: Debian Chromium through Playwright against tools/serve.mjs
//      (the dev server: cross-origin isolated), one page (bench/browser/): speed of every contender on the same inputs,
//      direction accuracy against CLDR 48 truth computed here in Node
//      (bench/harness/truth.mjs), the cross-check against Chromium's Intl,
//      main-thread latency while the worker swaps every 50 ms, cold start,
//      hydrate time, wasm heap and JS heap growth over 1M resolves; then warm
//      resolve in Firefox ESR and WebKitGTK against each engine's own Map.get
//      (the drivers of e2e/engines.spec.js)
//   3. report: JSON, SVG chart, README table of the DESIGN.md §7 targets
//
// Not part of `npm test` (timing on a shared machine is not a test). It
// expects a built tree (tools/build.sh; run first unless --no-build).
//
// Usage: node bench/run.mjs [--quick] [--no-build] [--no-native] [--native-only] [--port N]
//   --quick        few, short runs: checks the harness works (writes build/bench/, not bench/results/)
//   --native-only  `npm run bench:native`: only the Google Benchmark suites (writes build/bench/)
//   --render       measure nothing: recompute targets, chart and README from bench/results/latest.json
//   --only PART    one part alone, printed and written to build/bench/only-PART.json (no report,
//                  no README): `latency` (main-thread resolve under swaps vs none, with the control),
//                  `pair` (resolve speed with one registry in the page vs two: threads + single),
//                  `cold` (the cold-start row: navigation → first answer per contender)
//   --latency-ms N length of each latency phase (default 8000, quick 1500)
//   --trace        with --only latency: a Chromium trace of the phases, and what each call
//                  over 50 µs overlapped on the main thread (GC, compiler, tasks)
import { chromium } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, availableParallelism, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { HARD_TAGS, RTL_SCRIPTS, allLanguages, directionCldr, inputSets, maximizeCldr, selfCheck } from './harness/truth.mjs';
import { runNative } from './harness/native.mjs';
import { buildReport, fmtNs, percentiles, rerender } from './harness/report.mjs';
import { renderChart } from './harness/chart.mjs';
import { updateReadme } from './harness/readme.mjs';
import { startServer } from '../tools/serve.mjs';
import { launchFirefox } from '../e2e/engines/firefox.js';
import { launchWebKit } from '../e2e/engines/webkit.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-native': { type: 'boolean', default: false },
    'native-only': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.BENCH_PORT ?? '18106' },
    render: { type: 'boolean', default: false },
    only: { type: 'string' },
    'latency-ms': { type: 'string' },
    trace: { type: 'boolean', default: false },
  },
});
const Q = opt.quick;
const CFG = {
  runs: Q ? 3 : 15,              // timed runs per contender and input set; the median is reported
  targetMs: Q ? 8 : 30,          // length of one timed run
  latencyMs: Number(opt['latency-ms'] ?? (Q ? 1500 : 8000)), // per phase; phases: no swaps, swaps, no swaps, swaps
  swapEveryMs: 50,
  heapResolves: Q ? 100_000 : 1_000_000,
  coldSamples: Q ? 2 : 7,
  randomCount: 4096,
};
const started = Date.now();
const log = (msg) => console.log(`bench [${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }).trim(); } catch { return null; } };

function machine() {
  const ver = (cmd, args = ['--version']) => sh(cmd, args)?.split('\n')[0] ?? null;
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    nproc: availableParallelism(),
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    loadAverageAtStart: loadavg().map((x) => +x.toFixed(2)),
    kernel: sh('uname', ['-sr']),
    os: sh('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
    node: process.version,
    gxx: ver('g++'),
    clangxx: ver('clang++'),
    emcc: ver('emcc'),
    chromium: null, // filled from the browser
    commit: sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
  };
}

// Snapshot anatomy for the size and flyweight targets (src/snapshot/format_v2.h).
// Layouts: with a CAPABILITIES section (6), ProfileRecord (16 bytes, one per
// tag the index holds) refers to a shared CapabilityRecord (24 bytes): the
// flyweight. Without it (the first layout), 40-byte ProfileRecords are shared
// by tag-index entries.
function snapshotFacts() {
  const b = readFileSync(join(root, 'web/dist/localecap.lcs'));
  const sections = {};
  const count = b.readUInt32LE(40);
  for (let i = 0; i < count; i++) {
    const at = 144 + i * 24; // after the 144-byte Header
    sections[b.readUInt32LE(at)] = { offset: Number(b.readBigUInt64LE(at + 8)), length: Number(b.readBigUInt64LE(at + 16)) };
  }
  let flyweight;
  if (sections[6]) {
    const PROFILE = 16, CAPABILITY = 24;
    const profiles = sections[2].length / PROFILE, capabilities = sections[6].length / CAPABILITY;
    flyweight = { layout: 'profiles → shared capability records', tags: profiles, sharedRecords: capabilities, recordBytes: CAPABILITY,
      sharedBytes: capabilities * CAPABILITY, onePerTagBytes: profiles * CAPABILITY,
      totalBytes: profiles * PROFILE + capabilities * CAPABILITY, totalOnePerTagBytes: profiles * (PROFILE + CAPABILITY) };
  } else {
    const RECORD = 40;
    const profiles = sections[2].length / RECORD, tags = b.readUInt32LE(sections[3].offset + 4);
    flyweight = { layout: 'tag index → shared profile records', tags, sharedRecords: profiles, recordBytes: RECORD,
      sharedBytes: profiles * RECORD, onePerTagBytes: tags * RECORD };
  }
  const gz = (files) => gzipSync(Buffer.concat(files.map((f) => readFileSync(join(root, f)))), { level: 9 }).length;
  // Every module a page may load (as tools/build.sh's budget counts them): web/*.js but the test hooks, and the ABI.
  const webJs = [...readdirSync(join(root, 'web')).filter((f) => f.endsWith('.js') && f !== 'testing.js').map((f) => `web/${f}`), 'web/dist/abi.js'];
  return {
    // Two gzip -9 figures: GNU gzip's (what tools/build.sh and the README's size table print) and
    // zlib's (Node, and what most servers compress with), which comes out ~1% larger on this file.
    bytes: b.length, gzipBytes: gzipSync(b, { level: 9 }).length,
    gnuGzipBytes: execFileSync('gzip', ['-9c'], { input: b, maxBuffer: 64 << 20 }).length, formatVersion: b.readUInt32LE(8),
    cldrVersion: b.subarray(48, 64).toString('latin1').replace(/\0+$/, ''),
    sections: Object.fromEntries(Object.entries(sections).map(([id, s]) => [id, s.length])),
    flyweight,
    wasmGlueGzip: {
      threads: gzipSync(readFileSync(join(root, 'web/dist/localecap.wasm')), { level: 9 }).length +
        gz(['web/dist/localecap.mjs', 'web/dist/localecap.worker.js', ...webJs]),
      single: gzipSync(readFileSync(join(root, 'web/dist/localecap-single.wasm')), { level: 9 }).length +
        gz(['web/dist/localecap-single.mjs', ...webJs]),
    },
  };
}

async function bundleContenders() {
  mkdirSync(join(root, 'build/bench'), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'bench/browser/contenders.js')], bundle: true, format: 'esm', platform: 'browser',
    outfile: join(root, 'build/bench/contenders.js'), logLevel: 'warning', minify: true,
  });
  // ICU4X in a bundle of its own, loaded by the page with import() so its import time is
  // measured; its wasm beside the bundle, where the library looks for it.
  await esbuild.build({
    entryPoints: [join(root, 'bench/browser/icu4x.js')], bundle: true, format: 'esm', platform: 'browser',
    outfile: join(root, 'build/bench/icu4x.js'), logLevel: 'warning', minify: true,
    external: ['fs'], // its Node branch (never taken in a browser) imports fs
  });
  copyFileSync(join(root, 'node_modules/icu/icu_capi.wasm'), join(root, 'build/bench/icu_capi.wasm'));
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
  const names = ['language-tags', 'bcp-47', 'bcp-47-normalize', 'rtl-detect', '@formatjs/intl-locale', 'icu', 'esbuild', '@playwright/test', 'cldr-core'];
  return Object.fromEntries(names.map((n) => [n, pkg[n]]));
}

// What a page downloads for ICU4X's contenders (the bundle made above: only the
// classes they use, minified; and the wasm, which holds every component and its data).
function icu4xFacts() {
  const js = readFileSync(join(root, 'build/bench/icu4x.js')), wasm = readFileSync(join(root, 'build/bench/icu_capi.wasm'));
  return { jsBytes: js.length, wasmBytes: wasm.length, gzipBytes: gzipSync(js, { level: 9 }).length + gzipSync(wasm, { level: 9 }).length };
}

const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
};

// The server's origin, without the trailing slash: pages are at `${origin}/bench/…`.
const origin = (server) => server.url.replace(/\/$/, '');

// `polling` (ms) checks the title on a timer instead of Playwright's default
// requestAnimationFrame poll, which works on the page's main thread every frame
// (the cold-start samples: the harness must not tax the page it times; they
// time themselves, so a late check changes no figure).
async function openPage(browser, url, { polling = 'raf' } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready' || document.title === 'done' || document.title === 'error', null, { timeout: 60_000, polling });
  return { context, page, errors };
}

// The cold-start contenders of bench/browser/cold.html, by the key the report uses:
// the page each loads. Single mode is what a page without COOP/COEP gets (/plain/);
// on a cross-origin isolated page localecap starts loading the threads build.
const COLD = {
  threads: '/bench/cold.html?c=threads', single: '/plain/bench/cold.html?c=single',
  'JSON + Map': '/bench/cold.html?c=json', ICU4X: '/bench/cold.html?c=icu4x',
};

// Navigation → first answer, one sample per fresh browser context (no HTTP
// cache, no compiled code), contenders interleaved sample by sample so a
// load spike on the machine hits them alike.
async function coldStarts(browser, base) {
  const jsonBytes = await writeProfilesJson(browser, base);
  // The cold page's warm comparator, resolved after its first answer: language codes to warm
  // up with, then CLDR's locales (the first answer's tag, ar-EG, is one; no ar-* here) timed.
  const timed = inputSets({ randomCount: 0 }).canonical.filter((t) => !/^ar(-|$)/.test(t));
  writeFileSync(join(root, 'build/bench/cold-tags.json'), JSON.stringify({ warmup: allLanguages().slice(0, 2000), timed }));
  const out = Object.fromEntries(Object.keys(COLD).map((k) => [k, []]));
  for (let i = 0; i < CFG.coldSamples; i++) {
    for (const [key, path] of Object.entries(COLD)) {
      const { context, page } = await openPage(browser, `${base}${path}`, { polling: 100 });
      const r = await page.evaluate(() => window.cold);
      await context.close();
      if (r.error) throw new Error(`cold start (${key}): ${r.error}`);
      if (r.unhinted.length || r.twice.length) {
        throw new Error(`cold start (${key}): bench/browser/cold.html's preload hints miss ${r.unhinted.join(', ') || 'nothing'}; fetched twice: ${r.twice.join(', ') || 'nothing'}`);
      }
      out[key].push(key === 'JSON + Map' ? { ...r, jsonBytes } : r);
    }
  }
  return out;
}

// The plain alternative's data (build/bench/profiles.json): tag → profile for
// every language the bench knows (ISO 639-3 and CLDR's locales), as localecap
// answers them, so both pages answer from the same facts.
async function writeProfilesJson(browser, base) {
  const { context, page } = await openPage(browser, `${base}/bench/index.html`);
  try {
    await page.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes: ['single'] });
    const tags = [...new Set([...allLanguages(), ...inputSets({ randomCount: 0 }).canonical])];
    const json = await page.evaluate((a) => window.bench.profilesJson(a), { tags });
    writeFileSync(join(root, 'build/bench/profiles.json'), json);
    log(`browser: build/bench/profiles.json, ${tags.length} tags, ${(json.length / 1024).toFixed(0)} KB`);
    return Buffer.byteLength(json);
  } finally {
    await context.close();
  }
}

async function browserBench(server) {
  const base = origin(server);
  const browser = await chromium.launch(LAUNCH);
  const result = { chromium: browser.version() };
  let indexedTags;
  try {
    log(`browser: Chromium ${result.chromium}, cold starts (${CFG.coldSamples} per contender, fresh context each)`);
    result.cold = await coldStarts(browser, base);

    // Page A: every contender with localecap in threads mode. Page B: localecap in single
    // mode with its own Map.get floor — one registry per page, as a real page has (two
    // registries in one page make resolve()'s call sites polymorphic and slow both).
    const { page, errors } = await openPage(browser, `${base}/bench/index.html`);
    result.setup = await page.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes: ['threads'], icu4x: true });
    if (!result.setup.crossOriginIsolated) throw new Error('the bench page is not cross-origin isolated');
    const single = await openPage(browser, `${base}/bench/index.html`);
    const setupB = await single.page.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes: ['single'] });
    result.setup.modes.single = setupB.modes.single;

    const sets = inputSets({ randomCount: CFG.randomCount });
    // 'indexed': the CLDR locales localecap's tag index holds verbatim — its fast path, what
    // DESIGN.md §7 means by a warm canonical tag. The other sets are independent of localecap.
    const matches = {};
    for (const [name, tags] of Object.entries(sets)) {
      const m = await page.evaluate((a) => window.bench.classify(a), { tags });
      matches[name] = m.reduce((o, k) => ({ ...o, [k]: (o[k] ?? 0) + 1 }), {});
      if (name === 'canonical') sets.indexed = tags.filter((t, i) => m[i] === 'exact');
    }
    result.localecapMatches = matches;
    indexedTags = sets.indexed;
    result.inputs = Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.length]));
    const speedSets = { indexed: sets.indexed, canonical: sets.canonical, random: sets.random, noncanonical: sets.noncanonical };
    log(`browser: speed, ${CFG.runs} runs × ${CFG.targetMs} ms per contender and set (page A: all, threads)`);
    result.speed = await page.evaluate((a) => window.bench.speed(a), { sets: speedSets, runs: CFG.runs, targetMs: CFG.targetMs });
    log('browser: speed, page B: localecap single (memo and no memo) and its own Map.get floor');
    const speedB = await single.page.evaluate((a) => window.bench.speed(a),
      { sets: speedSets, runs: CFG.runs, targetMs: CFG.targetMs, only: ['Map.get (floor)', 'localecap single', 'localecap single, no memo'] });
    for (const [set, byName] of Object.entries(speedB)) {
      for (const name of ['localecap single', 'localecap single, no memo']) {
        result.speed[set][name] = { ...byName[name], floor: byName['Map.get (floor)'].median, page: 'B' };
      }
    }

    log('browser: accuracy');
    const accTags = [...new Set([...sets.hard, ...sets.canonical, ...sets.random, ...sets.noncanonical])];
    const answers = await page.evaluate((a) => window.bench.accuracy(a), { tags: accTags });
    Object.assign(answers, await single.page.evaluate((a) => window.bench.accuracy(a), { tags: accTags, only: ['localecap single'] }));
    result.pageErrors = single.errors;
    await single.context.close();
    result.accuracyRaw = { tags: accTags, truth: accTags.map(directionCldr), answers };

    log('browser: cross-check against Chromium Intl');
    result.crosscheckRaw = await page.evaluate((a) => window.bench.crosscheck(a), { langs: allLanguages() });

    log(`browser: latency, ${CFG.latencyMs} ms per phase (no swaps / swaps every ${CFG.swapEveryMs} ms, twice)`);
    result.latency = await latencyPhases(page, server, sets.indexed);

    log(`browser: JS heap over ${CFG.heapResolves.toLocaleString('en')} resolves (CDP, after forced GC)`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await page.evaluate((a) => window.bench.heapRun(a), { n: 10_000, tags: sets.canonical });
    await cdp.send('HeapProfiler.collectGarbage');
    const h0 = await cdp.send('Runtime.getHeapUsage');
    const w0 = await page.evaluate(() => window.bench.wasmMemory());
    const t0 = Date.now();
    await page.evaluate((a) => window.bench.heapRun(a), { n: CFG.heapResolves, tags: sets.canonical });
    const ms = Date.now() - t0;
    const hMid = await cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const h1 = await cdp.send('Runtime.getHeapUsage');
    const w1 = await page.evaluate(() => window.bench.wasmMemory());
    result.heap = { resolves: CFG.heapResolves, ms, usedBefore: h0.usedSize, usedAfterBeforeGc: hMid.usedSize, usedAfterGc: h1.usedSize,
      growthBytes: h1.usedSize - h0.usedSize, wasmBefore: w0, wasmAfter: w1 };
    result.pageErrors.push(...errors);
  } finally {
    await browser.close();
  }
  result.engines = await otherEngines(base, indexedTags);
  return result;
}

// Warm resolve on the 'indexed' tags in Firefox (threads) and WebKitGTK (single),
// each against a Map.get in the same page: the ratio is the figure (timers and
// JITs differ between engines). An engine that cannot run is reported, not fatal.
async function otherEngines(base, indexed) {
  const out = {};
  for (const [name, launch, mode] of [['firefox', launchFirefox, 'threads'], ['webkit', launchWebKit, 'single']]) {
    let engine;
    try {
      engine = await launch();
      await engine.goto(`${base}/bench/index.html`);
      for (let i = 0; await engine.evaluate(() => document.title) !== 'ready'; i++) {
        if (i > 600) throw new Error('the bench page did not load');
        await new Promise((done) => setTimeout(done, 100));
      }
      const setup = await engine.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes: [mode] });
      const only = ['Map.get (floor)', `localecap ${mode}`];
      const speed = (await engine.evaluate((a) => window.bench.speed(a), { sets: { indexed }, runs: CFG.runs, targetMs: CFG.targetMs, only })).indexed;
      const mapGetNs = speed[only[0]].median, resolveNs = speed[only[1]].median;
      out[name] = { browser: engine.version, mode: setup.modes[mode].mode, mapGetNs, resolveNs, ratio: +(speed[only[1]].ratio ?? resolveNs / mapGetNs).toFixed(2) };
      log(`${name} (${engine.version}, ${out[name].mode}): resolve ${fmtNs(resolveNs)}, Map.get ${fmtNs(mapGetNs)}: ${out[name].ratio}× Map.get`);
    } catch (e) {
      out[name] = { error: String(e?.message ?? e).split('\n')[0] };
      log(`${name}: not measured: ${out[name].error}`);
    } finally {
      await engine?.close();
    }
  }
  return out;
}

// Main-thread resolve latency on `page` (set up with a threads registry):
// no swaps, then the server (`server`: startServer's answer) publishing a new
// snapshot every swapEveryMs while the registry watches it; twice.
async function latencyPhases(page, server, tags, longMs = Infinity) {
  const base = origin(server);
  const latency = { noSwap: [], swap: [] };
  for (let round = 0; round < 2; round++) {
    latency.noSwap.push(await page.evaluate((a) => window.bench.latency(a), { durationMs: CFG.latencyMs, tags, longMs }));
    let published = 0;
    const timer = setInterval(() => { server.store.bump(); published++; }, CFG.swapEveryMs);
    await page.evaluate((u) => window.bench.watch(u, 25), `${base}/snapshots/latest.lcs`);
    await page.waitForTimeout(200);
    const swap = await page.evaluate((a) => window.bench.latency(a), { durationMs: CFG.latencyMs, tags, longMs });
    clearInterval(timer);
    await page.evaluate(() => window.bench.unwatch());
    swap.published = published;
    latency.swap.push(swap);
    await page.waitForTimeout(300);
  }
  return latency;
}

// --only latency --trace: what the long calls overlap on the page's main thread, from a
// Chromium trace (GC pauses, compiler finalization, tasks of the page's own).
const LONG_MS = 0.05;
const TRACE_CATEGORIES = ['blink.user_timing', 'v8', 'disabled-by-default-v8.gc', 'devtools.timeline', 'toplevel'];
const UMBRELLA = /^(BlinkScheduler_PerformMicrotaskCheckpoint|RunTask|ThreadControllerImpl::RunTask|ThreadPool_RunTask|FunctionCall|v8\.callFunction|V8\.Execute|v8\.run|EvaluateScript|v8\.evaluateModule|RunMicrotasks|TimerFire|EventDispatch|ScheduledAction::Execute|SequenceManager|BlinkScheduler|ProxyMain|RendererMain|MessageLoop|Receive mojo|SimpleWatcher|.*RunTask.*)$/;
const GC = /GC|Scavenge|Sweep|Mark|Heap|Finaliz/i;
const LOOP = /^(v8\.callFunction|Receive mojo message|FunctionCall)$/; // the loop's slices: timer callbacks, and the first, page.evaluate's own task

function explainLongCalls(trace, latency) {
  const events = trace.traceEvents ?? trace;
  const marks = events.filter((e) => e.name === 'lc-latency-start').sort((a, b) => a.ts - b.ts);
  if (!marks.length) return { error: 'no lc-latency-start mark in the trace' };
  const { pid, tid } = marks[0];
  // Complete events ('X') and begin/end pairs ('B'/'E') on the page's main thread.
  const spans = [];
  const open = [];
  for (const e of events.filter((x) => x.pid === pid && x.tid === tid).sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur != null) spans.push({ name: e.name, from: e.ts, to: e.ts + e.dur, offCpu: e.tdur != null ? e.dur - e.tdur : null });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') { const b = open.pop(); if (b) spans.push({ name: b.name, from: b.ts, to: e.ts }); }
  }
  const phases = [];
  for (let r = 0; r < latency.noSwap.length; r++) phases.push(['noSwap', latency.noSwap[r]], ['swap', latency.swap[r]]);
  const out = {};
  phases.forEach(([phase, p], i) => {
    const mark = marks[i];
    if (!mark) return;
    const at = (ms) => mark.ts + (ms - p.origin) * 1000; // performance.now() ms → trace µs
    for (const [t0, t1, kind] of p.long) {
      const o = ((out[phase] ??= {})[kind] ??= { calls: 0, insideLoop: 0, offCpu: 0, duringGc: 0, overlaps: {} });
      o.calls++;
      const from = at(t0), to = at(t1);
      // A check of the clock mapping: a call lies inside one of the loop's slices. And whether
      // the thread was off the CPU (wall time minus thread time of that slice) for at least
      // 80% of the call's length: preempted by the OS, not working.
      const slice = spans.find((s) => LOOP.test(s.name) && s.from <= from && s.to >= to);
      if (slice) {
        o.insideLoop++;
        if (slice.offCpu != null && slice.offCpu >= 0.8 * (to - from)) o.offCpu++;
      }
      const names = new Set(spans.filter((s) => s.from < to && s.to > from && !UMBRELLA.test(s.name) && s.to - s.from < 20_000).map((s) => s.name));
      if ([...names].some((n) => GC.test(n))) o.duringGc++;
      for (const n of names) o.overlaps[n] = (o.overlaps[n] ?? 0) + 1;
    }
  });
  for (const byKind of Object.values(out)) {
    for (const o of Object.values(byKind)) o.overlaps = Object.fromEntries(Object.entries(o.overlaps).sort((a, b) => b[1] - a[1]).slice(0, 15));
  }
  return out;
}

// `--only latency`: the latency phases alone, on the 'indexed' input set.
async function onlyLatency(server) {
  const base = origin(server);
  const browser = await chromium.launch(LAUNCH);
  try {
    const { page, errors } = await openPage(browser, `${base}/bench/index.html`);
    await page.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes: ['threads'] });
    const { canonical } = inputSets({ randomCount: CFG.randomCount });
    const m = await page.evaluate((a) => window.bench.classify(a), { tags: canonical });
    const indexed = canonical.filter((t, i) => m[i] === 'exact');
    log(`browser: latency only, ${CFG.latencyMs} ms per phase, ${indexed.length} tags${opt.trace ? ', traced' : ''}`);
    if (opt.trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const latency = await latencyPhases(page, server, indexed, opt.trace ? LONG_MS : Infinity);
    let traced;
    if (opt.trace) {
      const text = (await browser.stopTracing()).toString('utf8');
      writeFileSync(join(root, 'build/bench/latency-trace.json'), text); // for chrome://tracing or Perfetto
      writeFileSync(join(root, 'build/bench/latency-long.json'), JSON.stringify(
        [...latency.noSwap, ...latency.swap].map((p) => ({ origin: p.origin, long: p.long }))));
      traced = explainLongCalls(JSON.parse(text), latency);
    }
    const both = (ps) => ({ ...percentiles(ps.map((p) => p.hist)), control: percentiles(ps.map((p) => p.control)),
      first: percentiles(ps.map((p) => p.first)) });
    const out = { browser: browser.version(), noSwap: both(latency.noSwap), swap: both(latency.swap),
      swaps: latency.swap.reduce((n, p) => n + p.swaps, 0), wrongVersion: [...latency.swap, ...latency.noSwap].reduce((n, p) => n + p.wrongVersion, 0),
      resolutionNs: Math.min(...[...latency.swap, ...latency.noSwap].map((p) => p.resolutionNs)), pageErrors: errors, loadavg: loadavg() };
    for (const k of ['noSwap', 'swap']) {
      const L = out[k];
      console.log(`${k.padEnd(6)} calls ${L.calls}: p50 ${fmtNs(L.p50)} p99 ${fmtNs(L.p99)} p99.9 ${fmtNs(L.p999)} max ${fmtNs(L.max)}; ` +
        `>100 µs ${L.over100us}, >1 ms ${L.over1ms} (control: p99.9 ${fmtNs(L.control.p999)}, >1 ms ${L.control.over1ms}; ` +
        `first resolves: ${L.first.calls}, p99 ${fmtNs(L.first.p99)}, max ${fmtNs(L.first.max)}, >100 µs ${L.first.over100us}, >1 ms ${L.first.over1ms})`);
    }
    console.log(`swaps ${out.swaps}, wrong versions ${out.wrongVersion}, timer ${fmtNs(out.resolutionNs)}, load ${out.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
    for (const k of ['noSwap', 'swap']) { delete out[k].hist; delete out[k].control.hist; delete out[k].first.hist; }
    if (traced) {
      out.traced = traced;
      for (const [phase, byKind] of Object.entries(traced)) {
        for (const [kind, t] of Object.entries(byKind)) {
          console.log(`${phase.padEnd(6)} ${kind.padEnd(8)} calls ≥ ${LONG_MS * 1000} µs: ${t.calls} (${t.insideLoop} placed inside the loop's slices, ` +
            `${t.offCpu} of them in a slice off the CPU at least that long), during a GC: ${t.duringGc}; ` +
            `main-thread events they overlap: ${Object.entries(t.overlaps).slice(0, 8).map(([n, c]) => `${n} ${c}`).join(', ') || 'none'}`);
        }
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

// `--only pair`: resolve speed of a registry alone in its page, and of two
// registries (threads + single) in one page, on the 'indexed' and 'noncanonical' sets.
async function onlyPair(server) {
  const base = origin(server);
  const browser = await chromium.launch(LAUNCH);
  const out = { browser: browser.version(), loadavg: loadavg() };
  try {
    const sets = inputSets({ randomCount: CFG.randomCount });
    let indexed;
    // threads+single(idle): both registries exist, only threads resolves (their
    // workers and memories without sharing resolve()'s JIT feedback).
    for (const [key, modes, timed] of [['threads', ['threads'], ['threads']], ['single', ['single'], ['single']],
      ['threads+single(idle)', ['threads', 'single'], ['threads']], ['threads+single', ['threads', 'single'], ['threads', 'single']]]) {
      const { page, context } = await openPage(browser, `${base}/bench/index.html`);
      await page.evaluate((a) => window.bench.setup(a), { rtlScripts: RTL_SCRIPTS, modes });
      if (!indexed) {
        const m = await page.evaluate((a) => window.bench.classify(a), { tags: sets.canonical });
        indexed = sets.canonical.filter((t, i) => m[i] === 'exact');
      }
      const speed = await page.evaluate((a) => window.bench.speed(a), { sets: { indexed, noncanonical: sets.noncanonical },
        runs: CFG.runs, targetMs: CFG.targetMs, only: ['Map.get (floor)', ...timed.map((m) => `localecap ${m}`)] });
      out[key] = Object.fromEntries(Object.entries(speed).map(([set, byName]) => [set, Object.fromEntries(Object.entries(byName).map(([n, c]) => [n, +c.median.toFixed(1)]))]));
      console.log(`${key.padEnd(21)} ${JSON.stringify(out[key])}`);
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

// `--only cold`: the cold-start row alone (medians per contender and phase).
async function onlyCold(server) {
  const browser = await chromium.launch(LAUNCH);
  try {
    const raw = await coldStarts(browser, origin(server));
    const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
    const out = { browser: browser.version(), loadavg: loadavg(), raw };
    for (const [name, xs] of Object.entries(raw)) {
      const keys = Object.keys(xs[0]).filter((k) => typeof xs[0][k] === 'number');
      out[name] = Object.fromEntries(keys.map((k) => [k, Number(med(xs.map((x) => x[k])).toPrecision(4))]));
      console.log(`${name.padEnd(11)} ${keys.map((k) => `${k} ${out[name][k]}`).join(', ')}`);
    }
    for (const k of ['threads', 'single']) {
      const c = out[k];
      if (c?.warmUnseenMs) {
        console.log(`first resolve() ${k}: ${fmtNs(c.firstAnswerMs * 1e6)} = ${(c.firstAnswerMs / c.warmUnseenMs).toFixed(1)}× a warm resolve of a tag not seen before ` +
          `(${fmtNs(c.warmUnseenMs * 1e6)}; target ≤ 10×), ${Math.round(c.firstAnswerMs / c.warmMs)}× a memo hit (${fmtNs(c.warmMs * 1e6)})`);
      }
    }
    console.log(`load ${out.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
    return out;
  } finally {
    await browser.close();
  }
}

function renderOnly() {
  const dir = join(root, 'bench/results');
  const rep = rerender(JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')));
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(rep, null, 1) + '\n');
  writeFileSync(join(dir, 'chart.svg'), renderChart(rep));
  updateReadme(join(root, 'README.md'), rep);
  console.log(rep.summaryText);
}

async function main() {
  if (opt.render) return renderOnly();
  selfCheck();
  const m = machine();
  log(`${m.cpuModel}, ${m.nproc} cores, load ${m.loadAverageAtStart.join(' ')}${Q ? ' — QUICK mode' : ''}`);
  if (!opt['no-build']) {
    log('build: tools/build.sh (incremental)');
    const b = spawnSync('bash', ['tools/build.sh'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) throw new Error('tools/build.sh failed');
  }
  const versions = await bundleContenders();
  if (opt.only) {
    const parts = { latency: onlyLatency, pair: onlyPair, cold: onlyCold };
    if (!parts[opt.only]) throw new Error(`--only: unknown part '${opt.only}' (${Object.keys(parts).join(', ')})`);
    const server = await startServer({ port: Number(opt.port), quiet: true });
    try {
      const out = await parts[opt.only](server);
      mkdirSync(join(root, 'build/bench'), { recursive: true });
      writeFileSync(join(root, `build/bench/only-${opt.only}.json`), JSON.stringify(out, null, 1) + '\n');
    } finally {
      await server.app.close();
    }
    return;
  }
  const report = { generatedBy: 'npm run bench (bench/run.mjs)', quick: Q, config: CFG, machine: m, packages: versions, snapshot: snapshotFacts(),
    icu4x: icu4xFacts() };

  if (!opt['no-native']) report.native = runNative({ root, quick: Q, snapshot: join(root, 'web/dist/localecap.lcs'), log });
  if (!opt['native-only']) {
    const server = await startServer({ port: Number(opt.port), quiet: true });
    try {
      report.browser = await browserBench(server);
    } finally {
      await server.app.close();
    }
    m.chromium = report.browser.chromium;
  }
  m.loadAverageAtEnd = loadavg().map((x) => +x.toFixed(2));
  report.seconds = (Date.now() - started) / 1000;

  const built = buildReport(report, { maximizeCldr, directionCldr, HARD_TAGS });
  const outDir = Q || opt['native-only'] ? join(root, 'build/bench') : join(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify(built, null, 1) + '\n');
  writeFileSync(join(outDir, 'chart.svg'), renderChart(built));
  if (!Q && !opt['native-only']) updateReadme(join(root, 'README.md'), built);
  console.log('\n' + built.summaryText);
  log(`wrote ${outDir}/latest.json and chart.svg${Q ? ' (quick: README and bench/results untouched)' : ', README Benchmarks section'}`);
}

main().catch((e) => { console.error(`bench: ${e.stack ?? e}`); process.exit(1); });

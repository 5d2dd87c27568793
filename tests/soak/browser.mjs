#!/usr/bin/env node
// Browser soak (issue 10, README "Hardening and fuzzing"): Chromium (Playwright)
// against tools/serve.mjs for a bounded time.
//
//   npm run soak -- [--minutes 10] [--mode threads|single] [--port 9310] [--out tests/soak/results/browser.json]
//
// The page (/e2e/harness.html; /plain/… for single mode) creates a registry
// and resolves continuously on the main thread (batches of the 1,000 e2e tags,
// yielding to the event loop between batches) while the server publishes a new
// snapshot every 100 ms — alternately the shipped data (even versions) and the
// demo's data update (odd versions: Arabic's name differs) — and the page
// picks each up with watch(latest.lcs, {intervalMs: 100}). Every answer is
// checked against the answer for its version's data (profile.version tells
// which). Prints at start and end: wasm heap in use (stats().heapInUse), wasm
// memory, JS heap (after GC), live and retired snapshots; and resolves, swaps, wrong answers, rejected valid
// snapshots. Exit status 1 on any wrong answer or rejection.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { ADMIN_TOKEN_HEADER, startServer } from '../../tools/serve.mjs';
import { thousandTags } from '../../e2e/support.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    mode: { type: 'string', default: 'threads' },
    port: { type: 'string', default: process.env.SOAK_PORT ?? '9310' },
    out: { type: 'string', default: '' },
    'swap-ms': { type: 'string', default: '100' },
  },
});
const minutes = Number(values.minutes);
const swapMs = Number(values['swap-ms']);
if (!(minutes > 0) || !(swapMs > 0) || !['threads', 'single'].includes(values.mode)) {
  console.error('soak: --minutes N (> 0), --swap-ms N, --mode threads|single');
  process.exit(2);
}
if (!existsSync('build/demo/update.lcs')) {
  console.error('soak: build/demo/update.lcs missing (run bash tools/build.sh)');
  process.exit(2);
}

const { app, url, adminToken } = await startServer({ port: Number(values.port), admin: true, quiet: true });
const base = url.replace(/\/$/, '');
const bump = async (data) => (await fetch(`${base}/admin/bump`, {
  method: 'POST', headers: { 'content-type': 'application/json', [ADMIN_TOKEN_HEADER]: adminToken }, body: JSON.stringify({ data }),
})).json();

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
const page = await browser.newPage();
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
const cdp = await page.context().newCDPSession(page);
// The module's WebAssembly.Memory, whoever creates it: the threads glue
// constructs it in JS; the single build exports it from the instance.
// (CDP Runtime.queryObjects would find it too, but crashes this Chromium.)
await page.addInitScript(() => {
  const memories = (window.__soakMemories = []);
  const Memory = WebAssembly.Memory;
  WebAssembly.Memory = new Proxy(Memory, {
    construct(target, args) { const m = new target(...args); memories.push(m); return m; },
  });
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async function (...args) {
      const r = await original.apply(this, args);
      for (const v of Object.values((r.instance ?? r).exports ?? {})) if (v instanceof Memory) memories.push(v);
      return r;
    };
  }
});
await page.goto(`${base}${values.mode === 'single' ? '/plain' : ''}/e2e/harness.html`);
await page.waitForFunction(() => document.title === 'ready');

// Reference answers for both data sets, taken before the soak (even versions: shipped data, odd: update).
const v0 = (await bump('base')).version;
const setup = await page.evaluate(async ({ tags, v0 }) => {
  const reg = await window.localecapModule.createRegistry();
  window.soakReg = reg;
  const answer = (p) => `${p.tag}|${p.name}|${p.direction}|${p.maximized}`;
  const maps = [{}, {}];
  await reg.update('/snapshots/latest.lcs'); // v0
  for (const t of tags) maps[reg.version % 2][t] = answer(reg.resolve(t));
  window.soakMaps = maps;
  window.soakTags = tags;
  window.soakAnswer = answer;
  return { mode: reg.mode, version: reg.version, v0 };
}, { tags: thousandTags(), v0 });
const v1 = (await bump('update')).version;
await page.evaluate(async () => {
  const reg = window.soakReg;
  await reg.update('/snapshots/latest.lcs');
  for (const t of window.soakTags) window.soakMaps[reg.version % 2][t] = window.soakAnswer(reg.resolve(t));
});
if (v1 % 2 === v0 % 2) throw new Error('soak: versions did not alternate');
const differing = await page.evaluate(() => window.soakTags.filter((t) => window.soakMaps[0][t] !== window.soakMaps[1][t]).length);

async function memory() {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const s = await page.evaluate(() => window.soakReg.stats());
  const wasmMemory = await page.evaluate(() => window.__soakMemories.map((m) => m.buffer.byteLength));
  return { jsHeap: usedSize, wasmHeapInUse: s.heapInUse, wasmMemory, liveSnapshots: s.liveSnapshots, retiredNotFreed: s.retiredNotFreed };
}

const start = await memory();
console.log(`soak: ${setup.mode} mode, ${minutes} min, a new snapshot every ${swapMs} ms; ${differing} of 1000 tags answer differently in the two data sets`);
console.log(`soak: start  JS heap ${start.jsHeap} B, wasm heap in use ${start.wasmHeapInUse} B, wasm memory ${start.wasmMemory.join('+')} B, live snapshots ${start.liveSnapshots}, retired ${start.retiredNotFreed}`);

// The page: continuous resolves in batches, watch() every swapMs; counters on window.soak.
await page.evaluate((swapMs) => {
  const reg = window.soakReg;
  const s = window.soak = { resolves: 0, checked: 0, wrong: 0, wrongSamples: [], rejects: 0, rejectSamples: [], swapEvents: 0, running: true };
  reg.addEventListener('swap', () => { s.swapEvents++; });
  reg.addEventListener('reject', (e) => {
    s.rejects++;
    if (s.rejectSamples.length < 5) s.rejectSamples.push(`${e.detail.reason}: ${e.detail.message}`);
  });
  reg.watch('/snapshots/latest.lcs', { intervalMs: swapMs });
  const tags = window.soakTags, maps = window.soakMaps, answer = window.soakAnswer;
  let i = 0;
  const batch = () => {
    if (!s.running) return;
    for (let n = 0; n < 2000; n++, i = (i + 1) % tags.length) {
      const p = reg.resolve(tags[i]);
      s.resolves++;
      const want = maps[p.version % 2][tags[i]];
      if (answer(p) !== want) {
        s.wrong++;
        if (s.wrongSamples.length < 5) s.wrongSamples.push(`${tags[i]} v${p.version}: ${answer(p)} (want ${want})`);
      }
    }
    setTimeout(batch, 0);
  };
  batch();
}, swapMs);

// The server side: a new version every swapMs, alternating data by parity.
let published = 0;
let last = v1;
const stopAt = Date.now() + minutes * 60_000;
let nextReport = Date.now() + 60_000;
while (Date.now() < stopAt) {
  const t0 = Date.now();
  const r = await bump((last + 1) % 2 === v0 % 2 ? 'base' : 'update');
  last = r.version;
  published++;
  if (Date.now() >= nextReport) {
    nextReport += 60_000;
    const s = await page.evaluate(() => ({ ...window.soak, version: window.soakReg.version }));
    console.log(`soak: ${Math.round((Date.now() + minutes * 60_000 - stopAt) / 60_000)} min: ${s.resolves} resolves, live v${s.version} of ${last}, ${s.swapEvents} swaps, ${s.wrong} wrong, ${s.rejects} rejected`);
  }
  await new Promise((done) => setTimeout(done, Math.max(0, swapMs - (Date.now() - t0))));
}
await page.evaluate(() => { window.soak.running = false; });
await new Promise((done) => setTimeout(done, 500));
const s = await page.evaluate(() => ({ ...window.soak, version: window.soakReg.version, stats: window.soakReg.stats() }));
const end = await memory();

console.log(`soak: end    JS heap ${end.jsHeap} B, wasm heap in use ${end.wasmHeapInUse} B, wasm memory ${end.wasmMemory.join('+')} B, live snapshots ${end.liveSnapshots}, retired ${end.retiredNotFreed}`);
console.log(`soak: resolves ${s.resolves}, snapshots published ${published}, swaps ${s.stats.swaps} (events ${s.swapEvents}), ` +
  `wrong answers ${s.wrong}, rejected valid snapshots ${s.rejects}, fetches ${s.stats.fetches}, 304s ${s.stats.notModified}`);
for (const w of s.wrongSamples) console.log(`soak: wrong: ${w}`);
for (const r of s.rejectSamples) console.log(`soak: rejected: ${r}`);
for (const e of pageErrors.slice(0, 5)) console.log(`soak: page error: ${e}`);

const report = {
  date: new Date().toISOString(), minutes, mode: setup.mode, swapMs, start, end,
  resolves: s.resolves, published, swaps: s.stats.swaps, swapEvents: s.swapEvents, wrong: s.wrong,
  rejected: s.rejects, fetches: s.stats.fetches, notModified: s.stats.notModified, pageErrors: pageErrors.length,
};
if (values.out) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(report, null, 2) + '\n');
  console.log(`soak: wrote ${values.out}`);
}
await browser.close();
await app.close();
process.exit(s.wrong === 0 && s.rejects === 0 && pageErrors.length === 0 && s.stats.swaps > 0 ? 0 : 1);

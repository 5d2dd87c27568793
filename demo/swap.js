// Hot swap, live: a control that makes the server publish a newer snapshot
// (POST /admin/bump; `npm start` runs the server with --admin), and a chart of
// main-thread resolve() latency (p50/p99) and reads per second, measured while
// the hydration worker fetches, validates and swaps in the new snapshot.
//
// Measuring: performance.now() is coarse (5 µs when cross-origin isolated,
// 100 µs otherwise) and one resolve() takes tens of nanoseconds, so calls are
// timed in batches of BATCH and each batch gives one per-call figure; p50/p99
// are over the batches of the last WINDOW_MS. The sampler costs ~1 ms per tick.
import { $, h } from './dom.js';

const TICK_MS = 100;
const BATCHES = 16;
const BATCH = 400;
const WINDOW_MS = 2000;
const HISTORY_MS = 30000;
// The language demo/tools/make-update.mjs renames, and how.
const UPDATED_TAG = 'ar';
const UPDATED_NOTE = ' (demo data update)';
const TAGS = ['en', 'ar-EG', 'zh-Hant-TW', 'sr-Latn', 'iw_IL', 'hi', 'ja', 'en-US-u-nu-arab'];

export class SwapPanel {
  #reg; #canvas; #ctx; #readout; #log; #status;
  #samples = [];   // {t, ns} per batch
  #points = [];    // {t, p50, p99, rps}
  #marks = [];     // {t, version}
  #lastReads = null;
  #timer = 0;
  #storm = 0;
  #publishedAt = new Map(); // version → performance.now() when the server published it
  #start = performance.now();
  #visible = true;

  constructor(registry) {
    this.#reg = registry;
    this.#canvas = $('#latency');
    this.#ctx = this.#canvas.getContext('2d');
    this.#readout = $('#latency-readout');
    this.#log = $('#swap-log');
    this.#status = $('#swap-status');
    $('#publish').addEventListener('click', () => this.publish());
    $('#publish-data').addEventListener('click', () => this.publish(this.#updated() ? 'base' : 'update'));
    registry.addEventListener('swap', () => this.#labelDataButton());
    this.#labelDataButton();
    $('#storm').addEventListener('click', () => this.storm());
    registry.addEventListener('swap', (e) => this.#swapped(e.detail));
    registry.addEventListener('reject', (e) => this.#note(`refused a snapshot: ${e.detail.reason}`, 'reject'));
    new ResizeObserver(() => this.#draw()).observe(this.#canvas);
    // Sampling stops while the tab is hidden (timers are throttled there anyway);
    // drawing is skipped while the chart is scrolled out of view.
    new IntersectionObserver(([e]) => { this.#visible = e.isIntersecting; }).observe(this.#canvas);
    document.addEventListener('visibilitychange', () => {
      clearInterval(this.#timer);
      if (!document.hidden) this.#timer = setInterval(() => this.#tick(), TICK_MS);
    });
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  // Whether the live snapshot carries the demo's data update (demo/tools/make-update.mjs).
  #updated() { return this.#reg.resolve(UPDATED_TAG).name.endsWith(UPDATED_NOTE); }

  #labelDataButton() {
    $('#publish-data').textContent = this.#updated() ? 'Publish the original data' : 'Publish a data update (renames Arabic)';
  }

  /**
   * Asks the server to publish a newer snapshot: the same data (`data`
   * undefined), the demo's data update ('update') or the original data
   * ('base'). The hydration worker's watch picks it up.
   */
  async publish(data) {
    let r;
    try {
      // The dev server puts its per-run admin token in this page (tools/serve.mjs).
      const token = document.querySelector('meta[name="localecap-admin-token"]')?.content ?? '';
      const headers = { 'Localecap-Admin-Token': token };
      r = await fetch('/admin/bump', data ? {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ data }),
      } : { method: 'POST', headers });
    } catch (e) {
      this.#status.textContent = `could not reach the server: ${e.message}`;
      return null;
    }
    if (!r.ok) {
      const why = await r.json().catch(() => ({}));
      this.#status.textContent = r.status === 404 || r.status === 401
        ? 'this server has no admin endpoint for this page: start it with `npm start` or `node tools/serve.mjs --admin` and reload'
        : `the server said HTTP ${r.status}${why.error ? `: ${why.error}` : ''}`;
      return null;
    }
    const { version } = await r.json();
    this.#publishedAt.set(version, performance.now());
    this.#status.textContent = `server published v${version}; the hydration worker polls every second…`;
    return version;
  }

  /** Publishes ten snapshots, 700 ms apart. */
  storm() {
    if (this.#storm) return;
    let left = 10;
    const button = $('#storm');
    button.disabled = true;
    const next = async () => {
      await this.publish();
      if (--left > 0) this.#storm = setTimeout(next, 700);
      else { this.#storm = 0; button.disabled = false; }
    };
    next();
  }

  #swapped({ version, previous, hydrateMs }) {
    const now = performance.now();
    this.#marks.push({ t: now, version });
    const at = this.#publishedAt.get(version);
    const after = at ? `, ${Math.round(now - at)} ms after the server published it` : '';
    this.#status.textContent = `live: v${version}`;
    this.#note(`v${previous} → v${version}: validated and published in ${hydrateMs.toFixed(2)} ms off the main thread${after}`, 'swap');
  }

  #note(text, kind) {
    this.#log.prepend(h('li', { class: kind }, h('time', {}, new Date().toLocaleTimeString('en-GB')), ' ', text));
    while (this.#log.children.length > 6) this.#log.lastChild.remove();
  }

  #tick() {
    const reg = this.#reg;
    const now = performance.now();
    let sink = 0;
    for (let b = 0; b < BATCHES; b++) {
      const tag = TAGS[b % TAGS.length];
      const t0 = performance.now();
      for (let i = 0; i < BATCH; i++) sink += reg.resolve(tag).version;
      this.#samples.push({ t: now, ns: ((performance.now() - t0) * 1e6) / BATCH });
    }
    if (sink < 0) console.log(sink); // keeps the loop from being optimized away
    while (this.#samples.length && this.#samples[0].t < now - WINDOW_MS) this.#samples.shift();
    const sorted = this.#samples.map((s) => s.ns).sort((a, b) => a - b);
    const q = (f) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))];
    let rps = 0;
    const reads = reg.stats().reads;
    if (this.#lastReads) rps = ((reads - this.#lastReads.reads) * 1000) / (now - this.#lastReads.t);
    this.#lastReads = { reads, t: now };
    this.#points.push({ t: now, p50: q(0.5), p99: q(0.99), rps });
    while (this.#points.length && this.#points[0].t < now - HISTORY_MS) this.#points.shift();
    while (this.#marks.length && this.#marks[0].t < now - HISTORY_MS) this.#marks.shift();
    const last = this.#points.at(-1);
    this.#readout.dataset.points = String(this.#points.length);
    this.#readout.replaceChildren(
      h('span', { class: 'p50' }, `p50 ${fmt(last.p50)}`), ' ',
      h('span', { class: 'p99' }, `p99 ${fmt(last.p99)}`), ' ',
      h('span', { class: 'rps' }, `${fmtRate(last.rps)} reads/s`),
    );
    if (this.#visible) this.#draw();
  }

  #draw() {
    const c = this.#canvas, ctx = this.#ctx;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, hgt = c.clientHeight;
    if (!w || !hgt) return;
    if (c.width !== Math.round(w * dpr)) { c.width = Math.round(w * dpr); c.height = Math.round(hgt * dpr); }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, hgt);
    const pad = { l: 52, r: 8, t: 8, b: 18 };
    const now = performance.now();
    // The first second is the JIT warming up: sampled, but kept off the chart's scale.
    const pts = this.#points.filter((p) => p.t - this.#start > 1000);
    const top = Math.max(200, ...pts.map((p) => p.p99)) * 1.15;
    const x = (t) => pad.l + ((t - (now - HISTORY_MS)) / HISTORY_MS) * (w - pad.l - pad.r);
    const y = (ns) => hgt - pad.b - (ns / top) * (hgt - pad.t - pad.b);
    const css = getComputedStyle(c); // the legend's colours (style.css), written once
    const colour = (name) => css.getPropertyValue(name).trim();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#667';
    ctx.strokeStyle = '#e3e6ee';
    ctx.lineWidth = 1;
    for (const f of [0, 0.5, 1]) {
      const ns = top * f / 1.15;
      ctx.beginPath(); ctx.moveTo(pad.l, y(ns)); ctx.lineTo(w - pad.r, y(ns)); ctx.stroke();
      ctx.fillText(fmt(ns), 4, y(ns) + 4);
    }
    ctx.fillText('−30 s', pad.l, hgt - 4);
    ctx.fillText('now', w - pad.r - 22, hgt - 4);
    for (const m of this.#marks) {
      ctx.strokeStyle = colour('--ok');
      ctx.setLineDash([4, 3]);
      ctx.beginPath(); ctx.moveTo(x(m.t), pad.t); ctx.lineTo(x(m.t), hgt - pad.b); ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = ctx.strokeStyle;
      const label = `v${m.version}`;
      const lw = ctx.measureText(label).width;
      ctx.fillText(label, x(m.t) + 3 + lw > w - pad.r ? x(m.t) - 3 - lw : x(m.t) + 3, pad.t + 10);
    }
    for (const [key, name] of [['p99', '--orange'], ['p50', '--accent']]) {
      ctx.strokeStyle = colour(name);
      ctx.lineWidth = 2;
      ctx.beginPath();
      pts.forEach((p, i) => (i ? ctx.lineTo(x(p.t), y(p[key])) : ctx.moveTo(x(p.t), y(p[key]))));
      ctx.stroke();
    }
  }
}

function fmt(ns) {
  if (!Number.isFinite(ns)) return '—';
  return ns >= 1000 ? `${(ns / 1000).toFixed(1)} µs` : `${Math.round(ns)} ns`;
}

function fmtRate(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${Math.round(n / 1e3)} k` : String(Math.round(n));
}

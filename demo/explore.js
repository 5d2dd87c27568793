// Explore: every language of the live snapshot, searchable and filterable by
// direction, script, segmentation and morphology type, in a virtualized list
// (only the rows in view exist in the DOM), with a bar chart of the filtered
// set by script or morphology.
import { $, fill, h, perFrame } from './dom.js';

const ROW = 34; // px, fixed row height (style.css .row)
const OVERSCAN = 8;

const FILTERS = {
  direction: (p) => p.direction,
  script: (p) => p.script,
  segmentation: (p) => p.segmentation,
  morphology: (p) => p.morphology?.type,
};

export class ExplorePanel {
  #all = [];
  #rows = [];
  #viewport; #spacer; #count; #search; #selects = {}; #chart; #chartBy;
  #onPick;

  constructor(onPick) {
    this.#onPick = onPick;
    this.#viewport = $('#explore-list');
    this.#spacer = $('#explore-spacer');
    this.#count = $('#explore-count');
    this.#search = $('#explore-search');
    this.#chart = $('#explore-chart');
    this.#chartBy = $('#chart-by');
    for (const k of Object.keys(FILTERS)) this.#selects[k] = $(`#filter-${k}`);
    const refilter = perFrame(() => this.#filter());
    this.#search.addEventListener('input', refilter);
    for (const s of Object.values(this.#selects)) s.addEventListener('change', refilter);
    this.#chartBy.addEventListener('change', () => this.#drawChart());
    this.#viewport.addEventListener('scroll', perFrame(() => this.#render()));
    new ResizeObserver(perFrame(() => this.#render())).observe(this.#viewport);
    this.#viewport.addEventListener('click', (e) => {
      const row = e.target.closest('[data-tag]');
      if (row) this.#onPick(row.dataset.tag);
    });
    this.#viewport.addEventListener('keydown', (e) => {
      const row = e.target.closest('[data-tag]');
      if (!row) return;
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.#onPick(row.dataset.tag); return; }
      const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity }[e.key];
      if (step === undefined) return;
      e.preventDefault();
      this.#focusRow(Number(row.getAttribute('aria-rowindex')) - 1 + step);
    });
  }

  /** Replaces the language list (after enumeration or a swap). */
  set languages(list) {
    this.#all = list;
    this.#fillSelects();
    this.#filter();
  }

  #fillSelects() {
    for (const [k, get] of Object.entries(FILTERS)) {
      const select = this.#selects[k];
      const counts = new Map();
      for (const e of this.#all) {
        const v = get(e.profile);
        if (v !== undefined && v !== null && v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      const wrap = select.closest('label');
      wrap.hidden = counts.size === 0; // a field the snapshot does not carry yet
      const keep = select.value;
      const values = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      fill(select, h('option', { value: '' }, 'any'),
        values.map(([v, n]) => h('option', { value: v }, `${k === 'script' ? scriptLabel(v) : v} (${n})`)));
      if (counts.has(keep)) select.value = keep;
    }
    const hasMorph = this.#all.some((e) => e.profile.morphology);
    $('#explore-panel').classList.toggle('has-morphology', hasMorph);
    this.#chartBy.querySelector('option[value="morphology"]').disabled = !hasMorph;
  }

  #filter() {
    const q = this.#search.value.trim().toLowerCase();
    const active = Object.entries(FILTERS).map(([k, get]) => [get, this.#selects[k].value]).filter(([, v]) => v);
    this.#rows = this.#all.filter((e) => (!q || e.search.includes(q)) && active.every(([get, v]) => get(e.profile) === v));
    this.#count.textContent = `${this.#rows.length.toLocaleString('en')} of ${this.#all.length.toLocaleString('en')} languages`;
    this.#count.dataset.count = String(this.#rows.length);
    this.#viewport.setAttribute('aria-rowcount', String(this.#rows.length));
    this.#spacer.style.height = `${this.#rows.length * ROW}px`;
    this.#viewport.scrollTop = 0;
    this.#render();
    this.#drawChart();
  }

  // Keyboard: moves focus to row `i` (clamped), scrolling it into view first
  // (it may not be in the DOM yet).
  #focusRow(i) {
    const n = this.#rows.length;
    if (!n) return;
    i = Math.max(0, Math.min(n - 1, i));
    const vp = this.#viewport;
    const top = i * ROW;
    if (top < vp.scrollTop) vp.scrollTop = top;
    else if (top + ROW > vp.scrollTop + vp.clientHeight) vp.scrollTop = top + ROW - vp.clientHeight;
    this.#render();
    this.#spacer.querySelector(`[aria-rowindex="${i + 1}"]`)?.focus({ preventScroll: true });
  }

  // Only the rows in view (plus a few) are in the DOM, absolutely positioned.
  #render() {
    const top = this.#viewport.scrollTop;
    const height = this.#viewport.clientHeight || 400;
    const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
    const last = Math.min(this.#rows.length, Math.ceil((top + height) / ROW) + OVERSCAN);
    const els = [];
    for (let i = first; i < last; i++) {
      const { tag, name, profile: p } = this.#rows[i];
      els.push(h('div', {
        class: 'row', role: 'row', tabindex: '0', 'aria-rowindex': String(i + 1), dataset: { tag },
        style: { transform: `translateY(${i * ROW}px)` },
      },
      h('span', { role: 'cell', class: 'c-name' }, name),
      h('code', { role: 'cell', class: 'c-tag' }, tag),
      h('span', { role: 'cell', class: 'c-script', title: scriptLabel(p.script) }, p.script),
      h('span', { role: 'cell', class: `c-dir dir-${p.direction}` }, p.direction),
      h('span', { role: 'cell', class: 'c-seg' }, p.segmentation),
      h('span', { role: 'cell', class: 'c-morph' }, p.morphology ? `${p.morphology.type}${p.morphology.source === 'inferred' ? '*' : ''}` : '')));
    }
    this.#spacer.replaceChildren(...els);
  }

  #drawChart() {
    const by = this.#chartBy.value;
    const get = by === 'morphology' ? (p) => p.morphology?.type ?? 'unknown' : FILTERS[by];
    const counts = new Map();
    for (const e of this.#rows) {
      const v = get(e.profile) ?? '—';
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]);
    const shown = top.slice(0, 10);
    const rest = top.slice(10).reduce((n, [, c]) => n + c, 0);
    if (rest) shown.push([`${top.length - 10} others`, rest]);
    const max = Math.max(1, ...shown.map(([, n]) => n));
    this.#chart.replaceChildren(...shown.map(([k, n]) => h('div', { class: 'bar' },
      h('span', { class: 'bar-label', title: by === 'script' ? scriptLabel(k) : k }, by === 'script' ? scriptLabel(k) : k),
      h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: { width: `${(100 * n) / max}%` } })),
      h('span', { class: 'bar-n' }, n.toLocaleString('en')))));
  }
}

let names;
function scriptLabel(code) {
  try {
    names ??= new Intl.DisplayNames('en', { type: 'script', fallback: 'none' });
    const n = names.of(code);
    return n ? `${code} ${n}` : code;
  } catch { return code; }
}

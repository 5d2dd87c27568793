// The report's chart as plain SVG (no plotting dependency): ns/op per
// contender and input set on a log scale, and the histogram of main-thread
// resolve latency with and without swaps (plus the no-op control), log-log.
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLORS = { indexed: '#9467bd', canonical: '#1f77b4', random: '#2ca02c', noncanonical: '#d62728' };
const SERIES = [['noSwap', 'resolve, no swaps', '#1f77b4'], ['swap', 'resolve, swap every 50 ms', '#d62728'], ['control', 'no-op control (during swaps)', '#7f7f7f']];

function fmt(ns) {
  const p = (x) => String(+x.toPrecision(3));
  if (ns >= 1e6) return `${p(ns / 1e6)} ms`;
  if (ns >= 1e3) return `${p(ns / 1e3)} µs`;
  return `${p(ns)} ns`;
}

export function renderChart(rep) {
  const W = 960, out = [];
  const sets = Object.keys(rep.speed ?? {});
  const names = sets.length ? rep.speed[sets[0]].map((r) => r.contender) : [];
  // Order contenders by their canonical-set speed (the table's order).
  const rowH = sets.length * 9 + 8, top = 54, left = 210, right = W - 30;
  const h1 = top + names.length * rowH + 40;
  const all = sets.flatMap((s) => rep.speed[s].map((r) => r.nsPerOp)).filter((x) => x > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all, 10))), hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 100)));
  const x = (ns) => left + (Math.log10(ns) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) * (right - left);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">direction(tag): ns/op in Chromium ${esc(rep.machine.chromium ?? '')}, log scale (shorter is faster)</text>`);
  sets.forEach((s, i) => out.push(`<rect x="${40 + i * 220}" y="32" width="12" height="12" fill="${COLORS[s] ?? '#999'}"/><text x="${40 + i * 220 + 16}" y="42" font-size="12">${esc(s)} (${rep.browser.inputs[s]} tags)</text>`));
  for (let d = lo; d <= hi; d *= 10) {
    out.push(`<line x1="${x(d)}" y1="${top - 4}" x2="${x(d)}" y2="${top + names.length * rowH}" stroke="#ddd"/>`);
    out.push(`<text x="${x(d)}" y="${top + names.length * rowH + 16}" text-anchor="middle" font-size="11">${fmt(d)}</text>`);
  }
  names.forEach((name, i) => {
    const y0 = top + i * rowH;
    out.push(`<text x="${left - 8}" y="${y0 + rowH / 2 + 4}" text-anchor="end" font-size="12"${name.startsWith('localecap') ? ' font-weight="bold"' : ''}>${esc(name)}</text>`);
    sets.forEach((s, j) => {
      const r = rep.speed[s].find((q) => q.contender === name);
      if (!r || !(r.nsPerOp > 0)) return;
      const y = y0 + 4 + j * 9;
      out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x(r.nsPerOp) - left)}" height="8" fill="${COLORS[s] ?? '#999'}"><title>${esc(`${name}, ${s}: ${r.nsPerOp} ns/op (${r.ratioToMapGet}× Map.get)`)}</title></rect>`);
      out.push(`<text x="${x(r.nsPerOp) + 3}" y="${y + 7.5}" font-size="9" fill="#333">${r.nsPerOp >= 100 ? Math.round(r.nsPerOp) : r.nsPerOp.toFixed(1)}</text>`);
    });
  });

  // Latency histogram: log2 buckets of ns, share of calls per bucket, log-log.
  const L = rep.latency;
  let h2 = 0;
  if (L) {
    const y0 = h1 + 30, ph = 260, pl = 80, pr = W - 30;
    const hists = { noSwap: L.noSwap.hist, swap: L.swap.hist, control: L.swap.control.hist };
    const bucket = (ns) => (ns <= 0 ? 0 : Math.floor(Math.log2(ns)));
    const bucketed = {};
    let maxB = 10, minB = 40;
    for (const [k, h] of Object.entries(hists)) {
      const total = h.reduce((n, [, c]) => n + c, 0);
      const m = new Map();
      for (const [ns, c] of h) m.set(bucket(ns), (m.get(bucket(ns)) ?? 0) + c);
      bucketed[k] = [...m].map(([b, c]) => [b, c / total]).sort((a, b) => a[0] - b[0]);
      for (const [b] of bucketed[k]) { if (b > maxB) maxB = b; if (b > 0 && b < minB) minB = b; }
    }
    minB = Math.min(minB, 10);
    const minShare = 1e-8;
    const bx = (b) => pl + 24 + (Math.max(b, minB - 1) - (minB - 1)) / (maxB + 1 - (minB - 1)) * (pr - pl - 24);
    const sy = (s) => y0 + 30 + (Math.log10(1) - Math.log10(Math.max(s, minShare))) / 8 * ph;
    out.push(`<text x="${W / 2}" y="${y0}" text-anchor="middle" font-size="15" font-weight="bold">main-thread resolve() latency per call (timer resolution ${fmt(L.resolutionNs)}), share of calls, log-log</text>`);
    SERIES.forEach(([, label, color], i) => out.push(`<rect x="${pl + i * 260}" y="${y0 + 10}" width="12" height="12" fill="${color}"/><text x="${pl + i * 260 + 16}" y="${y0 + 20}" font-size="12">${esc(label)}</text>`));
    for (let e = 0; e <= 8; e++) {
      const y = sy(10 ** -e);
      out.push(`<line x1="${pl}" y1="${y}" x2="${pr}" y2="${y}" stroke="#eee"/><text x="${pl - 6}" y="${y + 4}" text-anchor="end" font-size="11">${e <= 4 ? `${100 / 10 ** e}%` : `1e-${e}`}</text>`);
    }
    for (let b = minB - 1; b <= maxB + 1; b += 2) {
      out.push(`<text x="${bx(b)}" y="${sy(minShare) + 16}" text-anchor="middle" font-size="10">${fmt(b < minB ? 0 : 2 ** b)}</text>`);
    }
    SERIES.forEach(([key, , color], i) => {
      const w = (pr - pl) / (maxB + 2 - minB) / 4;
      for (const [b, s] of bucketed[key] ?? []) {
        const xx = bx(b) + (i - 1) * w;
        out.push(`<rect x="${xx - w / 2}" y="${sy(s)}" width="${w}" height="${sy(minShare) - sy(s)}" fill="${color}" opacity="0.85"><title>${esc(`${key}: ${(s * 100).toPrecision(3)}% of calls in [${fmt(b ? 2 ** b : 0)}, ${fmt(2 ** (b + 1))})`)}</title></rect>`);
      }
    });
    out.push(`<text x="${W / 2}" y="${sy(minShare) + 32}" text-anchor="middle" font-size="11">latency bucket (log2; the first bucket is below the timer's resolution)</text>`);
    h2 = ph + 90;
  }
  const H = h1 + h2 + 20;
  const m = rep.machine;
  out.push(`<text x="10" y="${H - 6}" font-size="10" fill="#555">${esc(`${m.cpuModel}, ${m.nproc} cores, load ${m.loadAverageAtStart?.join(' ')}; node ${m.node}; ${new Date().toISOString().slice(0, 10)}; commit ${m.commit}`)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="white"/>\n${out.join('\n')}\n</svg>\n`;
}

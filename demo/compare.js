// Compare with the browser: localecap's answer and time beside what
// Intl.Locale(tag).maximize() and getTextInfo() say and take; differences marked.
import { fill, h } from './dom.js';
import { intlTimings, intlView, timeIt } from './intl.js';

const fmt = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(ns >= 10000 ? 0 : 1)} µs` : `${Math.round(ns)} ns`);

/** Renders the comparison of `tag` into `root`; `e` is reg.explain(tag). */
export function renderCompare(root, registry, tag, e) {
  const p = e.profile;
  const intl = intlView(tag);
  const lcNs = timeIt(() => registry.resolve(tag));
  const intlNs = intl.ok ? intlTimings(tag) : null;
  const lcMax = e.maximized ?? '—';
  const rows = [
    ['maximized', lcMax, intl.ok ? intl.maximized : '—'],
    ['direction', e.match === 'root' ? '—' : p.direction, intl.ok ? intl.direction : '—'],
    ['knows the language', e.match === 'root' ? 'no' : 'yes', intl.ok && intl.supported ? 'yes' : 'no'],
  ];
  const differs = (a, b) => a !== b;
  fill(root,
    h('table', { class: 'compare' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'what')), h('th', { scope: 'col' }, 'localecap'), h('th', { scope: 'col' }, 'browser Intl'))),
      h('tbody', {},
        rows.map(([k, a, b]) => h('tr', { class: differs(String(a), String(b)) ? 'differs' : null, dataset: { row: k } },
          h('th', { scope: 'row' }, k), h('td', {}, a), h('td', {}, b))),
        h('tr', { dataset: { row: 'time' } }, h('th', { scope: 'row' }, 'time per call'),
          h('td', { class: 'time', dataset: { ns: String(lcNs) } }, fmt(lcNs), h('small', {}, ' resolve()')),
          h('td', { class: 'time' }, intlNs ? [fmt(intlNs.maximize), h('small', {}, ' maximize()'), h('br'),
            fmt(intlNs.textInfo), h('small', {}, ' getTextInfo()')] : '—')),
      )),
    intl.ok ? null : h('p', { class: 'intl-error' }, 'Intl.Locale throws: ', h('code', {}, intl.error)),
    intlNs ? h('p', { class: 'speedup' }, `localecap resolve() is ${ratio(intlNs.textInfo, lcNs)}× faster than `,
      h('code', {}, 'new Intl.Locale(t).getTextInfo()'), ' here, and answers for languages the browser has no data for.') : null,
  );
}

function ratio(a, b) {
  const r = a / b;
  return r >= 10 ? Math.round(r) : r.toFixed(1);
}

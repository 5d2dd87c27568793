// The playground: resolve the typed tag on every keystroke and show its profile.
import { createRegistry } from '/web/index.js';

const input = document.getElementById('tag');
const card = document.getElementById('profile');
const badge = document.getElementById('version');

const registry = await createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
registry.watch('/snapshots/latest.lcs', { intervalMs: 1000 });
window.localecap = registry; // for the console and the e2e tests

function show() {
  const p = registry.resolve(input.value);
  const rows = [
    ['tag', p.tag], ['maximized', p.maximized], ['name', p.name], ['script', p.script],
    ['direction', p.direction], ['segmentation', p.segmentation], ['match', registry.lastMatch],
  ];
  card.replaceChildren(dl(rows));
  badge.textContent = `snapshot v${registry.version}`;
}

function dl(rows) {
  const list = document.createElement('dl');
  for (const [k, v] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = v;
    dd.dataset.field = k;
    list.append(dt, dd);
  }
  return list;
}

input.addEventListener('input', show);
registry.addEventListener('swap', show);
show();

// The playground: creates the registry on the snapshot the server publishes,
// watches it for updates, and wires the panels (resolve.js, swap.js, explore.js).
import { createRegistry } from '/web/index.js';
import { $ } from './dom.js';
import { enumerateLanguages } from './languages.js';
import { samplesLoaded } from './intl.js';
import { ResolvePanel } from './resolve.js';
import { SwapPanel } from './swap.js';
import { ExplorePanel } from './explore.js';

const WATCH_MS = 1000; // e2e/foundation.spec.js relies on a 1 s poll

async function main() {
  const registry = await createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
  window.localecap = registry; // for the console and the e2e tests
  registry.watch('/snapshots/latest.lcs', { intervalMs: WATCH_MS });

  const badge = $('#version');
  const showVersion = () => { badge.textContent = `snapshot v${registry.version}`; };
  showVersion();
  $('#mode').textContent = registry.mode === 'threads' ? 'threads: wasm pthread + SharedArrayBuffer' : 'single-threaded';
  $('#single-banner').hidden = registry.mode !== 'single';

  const resolve = new ResolvePanel(registry);
  const explore = new ExplorePanel((tag) => {
    resolve.set(tag);
    $('#resolve-panel').scrollIntoView({ behavior: 'smooth', block: 'start' });
  });
  new SwapPanel(registry);
  resolve.show();
  samplesLoaded.then(() => resolve.show()); // sample text for languages the browser does not know

  // The language list follows the live snapshot: listed at start, and again
  // RELIST_MS after the last swap (not during a swap storm: listing makes
  // 7,000+ new profile objects, work of the page's own that the latency chart
  // would otherwise show).
  const RELIST_MS = 3000;
  let listing = null, relist = 0;
  const list = async () => {
    if (listing) { relist = setTimeout(list, RELIST_MS); return; }
    listing = enumerateLanguages(registry);
    const languages = await listing;
    listing = null;
    resolve.languages = languages;
    explore.languages = languages;
    document.body.dataset.languages = String(languages.length);
    document.body.dataset.languagesVersion = String(registry.version);
  };
  registry.addEventListener('swap', () => {
    showVersion();
    badge.classList.remove('flash');
    void badge.offsetWidth; // restart the animation
    badge.classList.add('flash');
    resolve.show();
    clearTimeout(relist);
    relist = setTimeout(list, RELIST_MS);
  });
  list();
}

main().catch((e) => {
  const el = $('#load-error');
  el.hidden = false;
  el.textContent = `localecap could not start: ${e.message}`;
  $('#version').textContent = 'not loaded';
  throw e;
});

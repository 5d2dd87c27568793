// A dedicated module Worker using the package unchanged: it creates its own
// registry (threads mode when the page is cross-origin isolated, else single)
// and answers {tags} with the profiles, the mode and the version.
import { createRegistry } from '../web/index.js';

const ready = createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });

self.onmessage = async ({ data }) => {
  try {
    const reg = await ready;
    if (data.update) await reg.update(data.update);
    const profiles = data.tags.map((t) => reg.resolve(t));
    const same = data.tags.every((t, i) => reg.resolve(t) === profiles[i]);
    self.postMessage({ mode: reg.mode, version: reg.version, isolated: self.crossOriginIsolated, same,
      profiles: JSON.parse(JSON.stringify(profiles)) });
  } catch (e) {
    self.postMessage({ error: String(e?.stack ?? e) });
  }
};

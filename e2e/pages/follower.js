// A dedicated module Worker whose registry follows the page's
// (createRegistry({ source: self }); the page calls reg.connect(worker)). It
// resolves its tags in a loop the whole time, checking that the version it
// answers from never goes back, and answers the page's commands:
//   {id, cmd: 'tags', tags}        the tags to resolve
//   {id, cmd: 'answers', version?} once its version is `version` (if given):
//                                  its answers for the tags, version, counters
import { createRegistry } from '../web/index.js';

const ready = createRegistry({ source: self });
let tags = [];
let resolves = 0, backwards = 0, lastVersion = 0;

ready.then((reg) => {
  const loop = () => {
    for (const t of tags) {
      const v = reg.resolve(t).version;
      if (v < lastVersion) backwards++;
      lastVersion = v;
      resolves++;
    }
    setTimeout(loop, 0);
  };
  loop();
});

const versionIs = (reg, version) => new Promise((resolve) => {
  if (reg.version === version) return resolve(true);
  const done = (ok) => { reg.removeEventListener('swap', check); clearTimeout(timer); resolve(ok); };
  const check = () => { if (reg.version === version) done(true); };
  const timer = setTimeout(() => done(false), 10_000);
  reg.addEventListener('swap', check);
});

self.addEventListener('message', async ({ data }) => {
  if (!data?.cmd) return; // the page registry's own messages (web/follow.js)
  try {
    const reg = await ready;
    if (data.cmd === 'tags') tags = data.tags;
    const reached = data.version === undefined || await versionIs(reg, data.version);
    const answers = data.cmd === 'answers' ? JSON.parse(JSON.stringify(tags.map((t) => reg.resolve(t)))) : null;
    self.postMessage({ id: data.id, reached, version: reg.version, mode: reg.mode, answers, resolves, backwards,
      fetches: reg.stats().fetches });
  } catch (e) {
    self.postMessage({ id: data.id, error: String(e?.stack ?? e) });
  }
});

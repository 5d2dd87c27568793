// Workers that follow the page (issue 14, deliverable 7): a page registry
// feeds a Worker (reg.connect(worker); in the Worker createRegistry({ source:
// self }), e2e/pages/follower.js). The page swaps 20 times, alternating two
// data sets, while the Worker resolves in a loop: the Worker's version follows
// each swap, its answers equal the page's on 1,000 tags, it never fetches a
// snapshot, and a Worker connected after 10 swaps starts from the current
// version. The standalone Worker (its own registry) is runtime.spec.js's
// "lookups from a dedicated module Worker".
import { test, expect } from '@playwright/test';
import { adminToken, openHarness, thousandTags } from './support.js';

for (const plain of [false, true]) {
  test(`a Worker follows the page's registry through 20 swaps; a late one starts from the current version (${plain ? 'single' : 'threads'})`, async ({ page, request }) => {
    test.setTimeout(120_000);
    const errors = await openHarness(page, { plain });
    const token = await adminToken(request);
    const r = await page.evaluate(async ({ tags, token }) => {
      const { createRegistry } = window.localecapModule;
      const reg = await createRegistry({ snapshotUrl: '/snapshots/latest.lcs' });
      let next = 1;
      const ask = (worker, msg) => new Promise((resolve) => {
        const id = next++;
        const on = (e) => { if (e.data?.id === id) { worker.removeEventListener('message', on); resolve(e.data); } };
        worker.addEventListener('message', on);
        worker.postMessage({ id, ...msg });
      });
      const follower = async () => {
        const w = new Worker(new URL('follower.js', location.href), { type: 'module' });
        w.onerror = (e) => console.error(`follower: ${e.message}`);
        reg.connect(w);
        await ask(w, { cmd: 'tags', tags });
        return w;
      };
      const pageAnswers = () => JSON.parse(JSON.stringify(tags.map((t) => reg.resolve(t))));
      const steps = [];
      const compare = (who, reply, expected, version) => {
        const differ = reply.answers.filter((a, i) => JSON.stringify(a) !== JSON.stringify(expected[i])).length;
        steps.push({ who, version, got: reply.version, reached: reply.reached, differ, error: reply.error });
      };

      const w1 = await follower();
      compare('w1 start', await ask(w1, { cmd: 'answers', version: reg.version }), pageAnswers(), reg.version);
      let w2 = null, lateStart = null;
      const distinct = new Set();
      for (let i = 1; i <= 20; i++) {
        // Alternate the playground's data-update snapshot and the base data: answers change.
        await fetch('/admin/bump', { method: 'POST', headers: { 'content-type': 'application/json', 'localecap-admin-token': token },
          body: JSON.stringify({ data: i % 2 ? 'update' : 'base' }) });
        const version = await reg.update('/snapshots/latest.lcs');
        const expected = pageAnswers();
        distinct.add(JSON.stringify(expected.map(({ version, ...p }) => p)));
        compare('w1', await ask(w1, { cmd: 'answers', version }), expected, version);
        if (i === 10) {
          w2 = await follower();
          const first = await ask(w2, { cmd: 'answers' });
          lateStart = { version: first.version, page: reg.version };
        }
        if (w2) compare('w2', await ask(w2, { cmd: 'answers', version }), expected, version);
      }
      const end1 = await ask(w1, { cmd: 'counters' }), end2 = await ask(w2, { cmd: 'counters' });
      w1.terminate(); w2.terminate();
      reg.dispose();
      return { steps, lateStart, distinct: distinct.size, end: [end1, end2], mode: reg.mode };
    }, { tags: thousandTags(), token });
    expect(r.mode).toBe(plain ? 'single' : 'threads');
    expect(r.distinct).toBe(2); // the two data sets answer differently
    expect(r.steps).toHaveLength(1 + 20 + 11);
    for (const s of r.steps) expect(s, JSON.stringify(s)).toMatchObject({ reached: true, got: s.version, differ: 0 });
    expect(r.lateStart.version).toBe(r.lateStart.page);
    for (const e of r.end) {
      expect(e.mode).toBe(r.mode);
      expect(e.fetches).toBe(0);       // every snapshot came from the page
      expect(e.backwards).toBe(0);     // the version it answered from never went back
      expect(e.resolves).toBeGreaterThan(1000);
    }
    expect(errors).toEqual([]);
  });
}

test('connect() and createRegistry({ source }) refuse what cannot carry messages', async ({ page }) => {
  await openHarness(page);
  const r = await page.evaluate(async () => {
    const { createRegistry } = window.localecapModule;
    const reg = await createRegistry();
    const caught = async (fn) => { try { await fn(); return null; } catch (e) { return e.name; } };
    const out = {
      connect: await caught(() => reg.connect({})),
      source: await caught(() => createRegistry({ source: 42 })),
      both: await caught(() => createRegistry({ source: new MessageChannel().port1, snapshotUrl: '/x.lcs' })),
    };
    const stop = reg.connect(new MessageChannel().port1);
    stop();
    reg.dispose();
    out.disposed = await caught(() => reg.connect(new MessageChannel().port1));
    return out;
  });
  expect(r).toEqual({ connect: 'TypeError', source: 'TypeError', both: 'TypeError', disposed: 'AbortError' });
});

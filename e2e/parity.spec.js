// Mode parity (issue 14): the same sequence — update, watches answered with
// 304s, a newer version, an older one, every fault kind of the origin server,
// a snapshot of another channel and one below minVersion (the trust policy),
// a background poll that swaps, dispose — run in threads mode (isolated page),
// single mode (plain page) and Node, each against a fresh server started
// from the same snapshot (e2e/pages/parity-sequence.js). The three must see
// identical event sequences and details (request ids, reasons, versions,
// statuses, attempts, messages), identical call outcomes and identical
// stats() counters, and each must match the expectations below.
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../tools/serve.mjs';
import { CHANNEL, STEPS } from './pages/parity-sequence.js';
import { withHeader } from './pages/snapshot-header.js';
import { snapshotBytes } from './support.js';

const NODE_RUNNER = fileURLToPath(new URL('./parity-node.mjs', import.meta.url));

// Every server starts from the core snapshot on the sequence's channel.
const SNAPSHOT = join(mkdtempSync(join(tmpdir(), 'localecap-parity-')), 'first.lcs');
writeFileSync(SNAPSHOT, withHeader(snapshotBytes(), { channel: CHANNEL }));

async function inPage(page, url, base) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.title === 'ready');
  const r = await page.evaluate(async (base) => {
    const { runSequence } = await import('/e2e/parity-sequence.js');
    return runSequence(window.localecapModule, base);
  }, base);
  expect(errors).toEqual([]);
  return r;
}

async function inNode(base) {
  const { stdout } = await promisify(execFile)(process.execPath, [NODE_RUNNER, base], { timeout: 120_000 });
  return JSON.parse(stdout);
}

const MODES = {
  threads: (page, base) => inPage(page, `${base}/e2e/harness.html`, base),
  single: (page, base) => inPage(page, `${base}/plain/e2e/harness.html`, base),
  node: (page, base) => inNode(base),
};

// Request ids are numbered from 1 in call order: createRegistry 1, then one
// per STEPS entry (the last one's watch() is 20); a watch's later polls are 0.
const SWAP_REQUESTS = [5, 0];
const REJECT_REQUESTS = [6, 8, 10, 11, 12, 13, 14, 15, 17, 18, 19];
const COUNTERS = {
  version: 3, swaps: 3, rejects: 11, unchanged: 2, notModified: 5, fetches: 20, retries: 3,
  liveSnapshots: 1, retiredNotFreed: 0, lostOutcomes: 0, hydration: 'ok', hydrationErrors: 0,
};

test('threads, single and Node see the same events, outcomes and stats for the same sequence', async ({ page }) => {
  test.setTimeout(240_000);
  const results = {};
  for (const [mode, run] of Object.entries(MODES)) {
    const server = await startServer({ port: 0, admin: true, quiet: true, snapshot: SNAPSHOT });
    const base = new URL(server.url).origin;
    try {
      results[mode] = await run(page, base);
    } finally {
      await server.app.close();
    }
  }

  for (const [mode, r] of Object.entries(results)) {
    expect(r.mode, mode).toBe(mode === 'node' ? 'single' : mode);
    STEPS.forEach((step, i) => {
      const got = r.steps[i + 1];
      if (step.expect.ok) expect(got, `${mode}: ${step.name}`).toMatchObject({ ok: true });
      else expect(got.code, `${mode}: ${step.name}`).toMatch(step.expect.code);
    });
    expect(r.events.filter((e) => e.type === 'swap').map((e) => e.request), mode).toEqual(SWAP_REQUESTS);
    expect(r.events.filter((e) => e.type === 'reject').map((e) => e.request), mode).toEqual(REJECT_REQUESTS);
    expect(r.events.filter((e) => e.type === 'error'), mode).toEqual([]);
    expect(r.stats, mode).toMatchObject(COUNTERS);
    expect(r.stats.rejectsByReason, mode).toMatchObject({ 'snapshot-wrong-channel': 1, 'snapshot-below-min-version': 1 });
    const trustRejects = r.events.filter((e) => e.type === 'reject' && (e.request === 18 || e.request === 19));
    expect(trustRejects.map((e) => [e.reason, e.suggestion !== '']), mode).toEqual([['snapshot-wrong-channel', true], ['snapshot-below-min-version', true]]);
    expect(r.disposal, mode).toMatchObject({
      pending: { ok: false, error: 'AbortError', code: 'disposed' }, after: { ok: false, code: 'disposed' }, eventsAfter: 0,
    });
  }

  const { mode: _threads, ...threads } = results.threads;
  for (const mode of ['single', 'node']) {
    const { mode: _, ...other } = results[mode];
    expect(other.events, `${mode} events = threads events`).toEqual(threads.events);
    expect(other.steps, `${mode} outcomes = threads outcomes`).toEqual(threads.steps);
    expect(other.stats, `${mode} stats() = threads stats()`).toEqual(threads.stats);
    expect(other.disposal, `${mode} dispose() = threads dispose()`).toEqual(threads.disposal);
  }
});

// The mode-parity sequence (e2e/parity.spec.js): one script, run unchanged in
// a cross-origin isolated page (threads), a plain page (single) and Node
// (e2e/parity-node.mjs), each against a fresh origin server of its own
// (tools/serve.mjs with --admin) that starts from the same snapshot. It
// records what a user of the API sees — every event's detail, every call's
// outcome — and the stats() counters, for the spec to compare across modes
// and with the expectations in STEPS.
//
// Timing: every step waits for its outcome before the next; watches poll
// once at their start (intervals far longer than the test) except the one
// step that waits for a background poll, whose interval leaves seconds of
// margin. So the number of requests, 304s and outcomes is the same on every run.

import { withHeader } from './snapshot-header.js';

const POLICY = { timeoutMs: 600, retries: 1, backoffMs: 20 };
/**
 * The registry's trust policy (issue 16 §3): the spec starts each server from
 * the core snapshot on CHANNEL, so every step but two is on the registry's
 * channel and at or above its floor.
 */
export const CHANNEL = 'stable';
const TRUST = { channel: CHANNEL, minVersion: 1 };
const LONG = 600_000; // a watch interval no step outlives

/**
 * The steps: `run(ctx)` returns the promise whose outcome is recorded;
 * `expect`: that outcome ({ok: true} or the rejection's code) and, where it
 * matters, how many requests it took. `fault` is set on the server for the
 * step and cleared after.
 */
export const STEPS = [
  { name: 'update: unchanged on the server → 304', run: (c) => c.reg.update(c.latest), expect: { ok: true } },
  { name: 'watch: first poll → 304', run: (c) => c.reg.watch(c.latest, { intervalMs: LONG }), expect: { ok: true } },
  { name: 'watch again: replaces it, first poll → 304', run: (c) => c.reg.watch(c.latest, { intervalMs: LONG }), expect: { ok: true } },
  { name: 'a newer version → swap', admin: ['/admin/bump'], run: (c) => c.reg.update(c.latest), expect: { ok: true } },
  { name: 'an older version (bytes) → refused', run: async (c) => c.reg.update(await c.bytesOf(c.first)), expect: { code: 'snapshot-older-version' } },
  { name: 'the live version again (bytes) → unchanged', run: async (c) => c.reg.update(await c.bytesOf(c.latest)), expect: { ok: true } },
  { name: 'fault 404', fault: { kind: '404' }, run: (c) => c.reg.update(c.latest), expect: { code: 'fetch-http-status' } },
  { name: 'fault 500 once: retried, then 304', fault: { kind: '500', count: 1 }, run: (c) => c.reg.update(c.latest), expect: { ok: true } },
  { name: 'fault 500 on every attempt', fault: { kind: '500' }, run: (c) => c.reg.update(c.latest), expect: { code: 'fetch-http-status' } },
  { name: 'fault stall: every attempt times out', fault: { kind: 'stall', stallMs: 2000 }, run: (c) => c.reg.update(c.latest), expect: { code: 'fetch-timeout' } },
  { name: 'fault truncate', fault: { kind: 'truncate' }, run: (c) => c.reg.update(c.latest), expect: { code: /^snapshot-/ } },
  { name: 'fault flip', fault: { kind: 'flip' }, run: (c) => c.reg.update(c.latest), expect: { code: 'snapshot-bad-hash' } },
  { name: 'fault format', fault: { kind: 'format' }, run: (c) => c.reg.update(c.latest), expect: { code: 'snapshot-bad-version' } },
  { name: 'fault stale (an older version served)', fault: { kind: 'stale' }, run: (c) => c.reg.update(c.latest), expect: { code: 'snapshot-older-version' } },
  // Unsigned registry: a wrong signature header is not looked at, the body is the live snapshot.
  { name: 'fault badsig, no keys → unchanged', fault: { kind: 'badsig' }, run: (c) => c.reg.update(c.latest), expect: { ok: true } },
  { name: 'fault endless body', fault: { kind: 'endless' }, run: (c) => c.reg.update(c.latest, { maxSnapshotBytes: 1 << 20 }), expect: { code: 'snapshot-too-large' } },
  // The trust policy refuses these before the version rule, in C++ (check_trust) in every mode.
  { name: 'another channel (bytes) → refused', run: async (c) => c.reg.update(withHeader(await c.bytesOf(c.latest), { channel: 'beta' })), expect: { code: 'snapshot-wrong-channel' } },
  { name: 'below minVersion (bytes) → refused', run: async (c) => c.reg.update(withHeader(await c.bytesOf(c.latest), { version: 0 })), expect: { code: 'snapshot-below-min-version' } },
  { name: 'watch: a background poll picks up a newer version', run: watchSwap, expect: { ok: true } },
];

// Watches with a 2 s interval (its first poll: a 304), publishes a newer
// version, and resolves when a later poll has swapped it in (a 'swap' event
// with request 0); the watch is stopped at once, before it can poll again.
async function watchSwap(c) {
  const abort = new AbortController();
  await c.reg.watch(c.latest, { intervalMs: 2000, signal: abort.signal });
  const swapped = new Promise((resolve) => c.reg.addEventListener('swap', () => { abort.abort(); resolve(); }, { once: true }));
  await c.admin('/admin/bump');
  await swapped;
  return c.reg.version;
}

/**
 * Runs STEPS, then dispose(), with `localecap` (the package's index.js) against
 * the origin at `base` ('http://127.0.0.1:PORT'). Returns
 * { mode, events, steps, stats, disposal } with `base` written as '<base>'
 * in every text, so runs against different servers compare equal.
 */
export async function runSequence(localecap, base) {
  const latest = `${base}/snapshots/latest.lcs`;
  let token = null;
  const admin = async (path, body = {}) => {
    // The server's per-run admin token, if it uses one, is in its playground page.
    token ??= /<meta name="localecap-admin-token" content="([^"]+)">/.exec(await (await fetch(`${base}/`)).text())?.[1] ?? '';
    const headers = { 'content-type': 'application/json', ...(token ? { 'Localecap-Admin-Token': token } : {}) };
    const r = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  };
  const pointer = await (await fetch(`${base}/snapshots/latest`)).json();
  const ctx = {
    latest, admin, first: `${base}${pointer.url}`,
    bytesOf: async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()),
  };
  // The base URL differs per server; where an endless body was cut off depends on how it arrived.
  const clean = (v) => JSON.parse(JSON.stringify(v ?? null).replaceAll(base, '<base>').replace(/cut off after \d+ bytes/g, 'cut off after N bytes'));
  const events = [];
  const outcome = (p) => p.then((value) => ({ ok: true, value }), (e) => ({
    ok: false, error: e?.name, code: e?.code, message: e?.message, detail: e?.detail,
  }));

  ctx.reg = await localecap.createRegistry({ snapshotUrl: latest, ...POLICY, ...TRUST });
  for (const type of ['swap', 'reject', 'error']) {
    ctx.reg.addEventListener(type, (e) => {
      const { hydrateMs, ...detail } = e.detail; // how long validating took: not a parity matter
      events.push(clean({ type, ...detail, ...(hydrateMs !== undefined ? { hydrateMs: typeof hydrateMs } : {}) }));
    });
  }
  const steps = [{ step: 'createRegistry', ok: true, value: ctx.reg.version }];
  for (const step of STEPS) {
    if (step.fault) await ctx.admin('/admin/fault', step.fault);
    for (const path of step.admin ?? []) await ctx.admin(path);
    steps.push({ step: step.name, ...clean(await outcome(step.run(ctx))), events: events.length });
    if (step.fault) await ctx.admin('/admin/fault', { kind: 'none' });
  }
  const { reads, heapInUse, lastHydrateMs, maxHydrateMs, memoryBytes, maxSnapshotBytes, mode, ...stats } = ctx.reg.stats();

  // dispose() with an update in flight (the server stalls it): it rejects as
  // disposed, nothing is dispatched afterwards, and later calls reject too.
  await ctx.admin('/admin/fault', { kind: 'stall', stallMs: 1500 });
  const eventsBefore = events.length;
  const pending = outcome(ctx.reg.update(latest));
  ctx.reg.dispose();
  const disposal = {
    pending: clean(await pending),
    after: clean(await outcome(ctx.reg.update(latest))),
  };
  await new Promise((done) => setTimeout(done, 2000)); // the stalled response arrives meanwhile
  disposal.eventsAfter = events.length - eventsBefore;
  await ctx.admin('/admin/fault', { kind: 'none' });
  return { mode, events, steps, stats, disposal };
}

// 64-bit registry versions (issue 16 §3; e2e/versions.spec.js): one script,
// run unchanged in Node and in a page (threads and single), that takes a
// registry through versions past 2^32 and records what a user of the API sees.
//
// registry_version is a u64 in the format and the reader refuses any above
// 2^53 - 1, so every version a registry can hold is exact as a JS number.
// The sequence: first load at 2^32 + 5; a jump of exactly 2^32 to a snapshot
// whose Arabic profile has another name (demo/tools/make-update.mjs), which
// resolve() must answer from (a cache keyed by the low 32 bits would keep the
// old profile: same index, same low word); a Worker-style follower (a
// MessagePort, web/follow.js) that must take that jump too; an older version;
// the largest version, 2^53 - 1; and versions above it, refused with their
// reason and a suggestion.
//
// The version is in the header, outside the content hash, so the sequence
// patches it into the two snapshots it is given (snapshot-header.js).
import { withHeader } from './snapshot-header.js';

export const HIGH = 2 ** 32;
export const FIRST = HIGH + 5;
export const MAX = Number.MAX_SAFE_INTEGER;

/** `bytes` (a snapshot) with registry_version `version` (a number or BigInt). */
const withVersion = (bytes, version) => withHeader(bytes, { version });

const outcome = (p) => p.then((value) => ({ ok: true, value }), (e) => ({
  ok: false, code: e?.code, suggestion: e?.suggestion, message: e?.message,
  offered: e?.detail?.offered, version: e?.detail?.version,
}));

/**
 * Runs the sequence with `localecap` (the package's index.js) on `base` (the
 * core snapshot) and `update` (the same data, Arabic renamed). Returns a
 * record of plain data for the spec to check.
 */
export async function runVersions(localecap, base, update) {
  const saved = [];
  const persistence = { load: () => null, save: (channel, version) => { saved.push(version); } };
  const reg = await localecap.createRegistry({ snapshot: withVersion(base, FIRST), persistence });
  const events = [];
  for (const type of ['swap', 'reject']) {
    reg.addEventListener(type, (e) => {
      const { hydrateMs, request, ...detail } = e.detail;
      events.push({ type, ...detail });
    });
  }
  const port = new MessageChannel();
  reg.connect(port.port1);
  const follower = await localecap.createRegistry({ source: port.port2 });
  const record = { mode: reg.mode };
  const look = (r) => {
    const ar = r.resolve('ar');
    return { version: r.version, profile: ar.version, name: ar.name, explain: r.explain('ar').profile.version, stats: r.stats().version };
  };
  record.first = look(reg);
  record.followerFirst = look(follower);
  const before = reg.resolve('ar');

  // A jump of exactly 2^32: the low word stays 5.
  const followed = new Promise((resolve) => {
    follower.addEventListener('swap', (e) => resolve(e.detail.version), { once: true });
    setTimeout(() => resolve('no swap within 10 s'), 10_000);
  });
  record.jump = await outcome(reg.update(withVersion(update, FIRST + HIGH)));
  record.afterJump = { ...look(reg), sameObject: reg.resolve('ar') === before, cachedProfiles: reg.stats().cachedProfiles };
  record.followerSwap = await followed;
  record.followerAfterJump = look(follower);

  record.older = await outcome(reg.update(withVersion(base, FIRST + HIGH - 1)));
  record.max = await outcome(reg.update(withVersion(base, MAX)));
  record.afterMax = look(reg);
  record.over = [];
  for (const v of [2n ** 53n, 2n ** 64n - 1n]) record.over.push(await outcome(reg.update(withVersion(base, v))));
  record.overAtFirstLoad = await outcome(localecap.createRegistry({ snapshot: withVersion(base, 2n ** 53n) }));
  record.afterOver = look(reg);
  record.events = events;
  record.saved = saved;
  follower.dispose();
  reg.dispose();
  port.port1.close();
  return record;
}

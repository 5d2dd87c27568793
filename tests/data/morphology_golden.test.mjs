// Checks the morphology the data pipeline derives (build/data/localecap-data.json,
// written by tools/data/gather.mjs in tools/build.sh) against the golden
// textbook labels of tests/data/morphology-golden.json, and the promises of
// docs/data.md "Morphology": creoles never inherit from non-creoles, every
// inferred value carries its leave-one-out confidence. Skips when the gathered
// data or the shared WALS/AUTOTYP data are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WILSON_Z, leaveOneOut, wilsonLower } from '../../tools/data/morphology.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataPath = `${root}build/data/localecap-data.json`;
const golden = JSON.parse(readFileSync(new URL('./morphology-golden.json', import.meta.url), 'utf8'));
const data = existsSync(dataPath) ? JSON.parse(readFileSync(dataPath, 'utf8')) : null;
const skip = !data ? `no ${dataPath} (run tools/build.sh)` : !data.sources.wals ? 'built without ../shared/data (WALS)' : false;
const byTag = new Map((data?.profiles ?? []).map((p) => [p.tag, p]));

test('the golden set is large, covers all four types and cites every label', () => {
  const count = (t) => golden.languages.filter((g) => g.type === t).length;
  assert.ok(golden.languages.length >= 40, `${golden.languages.length} goldens`);
  assert.ok(count('polysynthetic') >= 8 && count('isolating') >= 8, 'at least 8 polysynthetic and 8 isolating');
  assert.ok(count('agglutinative') > 0 && count('fusional') > 0);
  for (const g of golden.languages) {
    assert.ok(g.cite?.length, `${g.tag} has no citation`);
    for (const c of g.cite) assert.ok(golden.sources[c], `${g.tag} cites unknown source ${c}`);
  }
});

test('every source says whether and how its citation was checked', () => {
  const statuses = new Set(['verified', 'corrected', 'unverified']);
  assert.deepEqual(Object.keys(golden.verification).sort(), Object.keys(golden.sources).sort());
  for (const [id, v] of Object.entries(golden.verification)) {
    assert.ok(statuses.has(v.status), `${id}: status '${v.status}'`);
    assert.ok(v.how?.length > 20, `${id}: say how it was checked (or why not)`);
  }
});

test('at least 90% of goldens agree; every disagreement is explained, every explanation is current', { skip }, () => {
  const wrong = [];
  for (const g of golden.languages) {
    const p = byTag.get(g.tag);
    assert.ok(p, `no profile ${g.tag}`);
    if (p.morphology.type !== g.type) wrong.push(`${g.tag}: ${g.type} expected, ${p.morphology.type} (${p.morphology.source}, rule ${p.morphology.rule})`);
  }
  const agree = golden.languages.length - wrong.length;
  assert.ok(agree / golden.languages.length >= 0.9, `${agree}/${golden.languages.length} agree:\n${wrong.join('\n')}`);
  const explained = golden.expectedDisagreements;
  for (const w of wrong) assert.ok(explained[w.split(':')[0]], `unexplained disagreement ${w}`);
  for (const tag of Object.keys(explained))
    assert.ok(wrong.some((w) => w.startsWith(`${tag}:`)), `${tag} now agrees: remove it from expectedDisagreements`);
});

test('creoles and pidgins never inherit from a non-creole', { skip }, () => {
  const creoles = data.profiles.filter((p) => p.creole && p.morphology.source === 'inferred');
  for (const p of creoles) assert.ok(byTag.get(p.morphology.relative).creole, `${p.tag} inherits from ${p.morphology.relative}`);
  for (const tag of ['ht', 'tpi', 'pcm', 'jam', 'pap']) assert.ok(byTag.get(tag).creole, `${tag} is not marked creole`);
});

test('the Wilson lower bound: known values, and a tiny bucket needs more than its point accuracy', () => {
  assert.equal(wilsonLower(0, 0, 1), 0);
  assert.ok(Math.abs(wilsonLower(7, 10, 1) - 0.5417) < 1e-3);     // the 11+ bucket: 70% of 10
  assert.ok(Math.abs(wilsonLower(18, 26, 1.645) - 0.5311) < 1e-3); // the 1–2 bucket at 95%
  assert.ok(Math.abs(wilsonLower(10, 10, 1.96) - 0.7225) < 1e-3);  // all right, still not certain
  // 6 of 10 against a 50% baseline: 10 points above it, yet within one standard error.
  assert.ok(wilsonLower(6, 10, WILSON_Z) < 0.5);
  // No hidden language with a relative: every bucket empty and unused.
  const table = leaveOneOut([{ key: 'x', glottocode: 'g', group: 'other', type: 'isolating' }], () => null);
  assert.ok(table.every((r) => r.n === 0 && r.lower === 0 && !r.usable));
});

test('every inferred value carries the accuracy of its distance bucket, which beats the baseline by 10 points and by its Wilson lower bound', { skip }, () => {
  const table = data.morphologyEvaluation;
  for (const r of table) {
    assert.equal(r.lower, Math.round(wilsonLower(r.correct, r.n, WILSON_Z) * 1000) / 1000, r.bucket);
    if (r.usable) assert.ok(r.n >= 10 && r.accuracy >= r.baseline + 0.1 && r.lower > r.baseline, r.bucket);
  }
  for (const p of data.profiles) {
    const m = p.morphology;
    if (m.source === 'observed') assert.equal(m.confidence, m.type === 'unknown' ? 0 : 1, p.tag);
    if (m.source === 'none') assert.equal(m.confidence, 0, p.tag);
    if (m.source !== 'inferred') continue;
    const row = table.find((r) => m.distance >= r.lo && m.distance <= r.hi);
    assert.ok(row.usable && row.accuracy >= row.baseline + 0.1, `${p.tag} inferred at distance ${m.distance}`);
    assert.equal(m.confidence, row.accuracy, p.tag);
  }
});

#!/usr/bin/env node
// Makes the committed seed corpus of fuzz/snapshot_fuzz.cpp (fuzz/corpus/snapshot):
// small, valid snapshots of a few languages each, a few KB apiece.
//
//   node fuzz/make-seeds.mjs     (after tools/build.sh: needs build/data/localecap-data.json
//                                 and build/native-release/tools/localecap-pack)
//
// localecap-pack --languages keeps only the given profiles but the tag tables
// whole (~140 KB); for seeds we also cut every table down to the rows that
// mention a kept language (and validSubtags to a short prefix of each row), so
// the fuzzer mutates small inputs whose every section is still exercised.
// Rerun it (and commit the result) whenever the snapshot format or its tables change:
// seeds the reader rejects still fuzz, but only the early checks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const SETS = ['en', 'ar', 'zh-Hant,ja', 'sr,de-CH', 'hi,ta', 'fi'];
const data = JSON.parse(readFileSync('build/data/localecap-data.json', 'utf8'));
const out = 'fuzz/corpus/snapshot';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const lang = (t) => t.split(/[-_]/)[0];
// Half the seeds carry the header's release fields (issue time, expiry, channel), so mutations reach their checks.
const release = (i) => (i % 2 ? ['--issued-at', String(1_700_000_000 + i), '--expires-at', String(1_800_000_000 + i),
  '--channel', ['stable', 'beta-2', 'lts.1_x'][i % 3]] : ['--issued-at', '0']);
SETS.forEach((set, i) => {
  const keep = new Set(set.split(',').map(lang));
  const mentions = (s) => String(s).split(/[-_ ]/).some((p) => keep.has(p));
  const tables = {};
  for (const [name, rows] of Object.entries(data.tables)) {
    const kept = {};
    const entries = Object.entries(rows);
    for (const [k, v] of entries) {
      if (name === 'validSubtags') {
        // Packed rows: keep each type's first row, cut to a whole number of codes.
        const width = k.startsWith('language2') ? 2 : k.startsWith('language3') || k.startsWith('extlang') ? 3 : 0;
        if (entries.find(([kk]) => kk.split(':')[0] === k.split(':')[0])[0] !== k) continue;
        kept[k] = width ? v.slice(0, width * 8) : v.split(' ').slice(0, 4).join(' ');
      } else if (mentions(k) || mentions(v)) {
        kept[k] = v;
      }
    }
    tables[name] = kept;
  }
  const json = `build/fuzz-seed-${i}.json`;
  writeFileSync(json, JSON.stringify({ ...data, tables }));
  const file = `${out}/${set.replace(/,/g, "+")}`;  // no .lcs: the repo commits no snapshots but these seeds
  execFileSync('build/native-release/tools/localecap-pack',
    ['--input', json, '--output', file, '--registry-version', String(i + 2), '--languages', set, ...release(i)],
    { stdio: 'ignore' });
  rmSync(json);
  console.log(`${file} ${readFileSync(file).length} bytes`);
});

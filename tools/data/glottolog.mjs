// Glottolog 5.1 (CC-BY-4.0): the genealogical tree of every family, used to find
// the nearest WALS-attested relative of a language (docs/data.md, "Inferred
// morphology"). Read in place from ../shared/data/glottolog or
// $LOCALECAP_GLOTTOLOG_DIR.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.mjs';

// Returns null when the folder is absent. Otherwise
// { release, glottocodeOf: Map(iso → glottocode), countriesOf: Map(iso → [CC]),
//   parent: Map(glottocode → parent glottocode) }.
export function readGlottolog(dir) {
  if (!dir || !existsSync(join(dir, 'classification.nex'))) return null;
  const glottocodeOf = new Map();
  const countriesOf = new Map();
  for (const r of readCsv(join(dir, 'languages.csv'))) {
    if (!r.ISO639P3code) continue;
    glottocodeOf.set(r.ISO639P3code, r.Glottocode);
    countriesOf.set(r.ISO639P3code, r.Countries ? r.Countries.split(';').filter(Boolean) : []);
  }
  const parent = new Map();
  for (const line of readFileSync(join(dir, 'classification.nex'), 'utf8').split('\n')) {
    const m = line.match(/^\s*tree \S+ = (?:\[&R\] )?(.*);\s*$/);
    if (m) parseNewick(m[1], parent);
  }
  return { release: '5.1', glottocodeOf, countriesOf, parent };
}

// Newick "(a:1,(b:1,c:1)d:1)e:1" → parent links a→e, b→d, c→d, d→e.
function parseNewick(s, parent) {
  let i = 0;
  const node = () => {
    const kids = [];
    if (s[i] === '(') {
      do {
        i++;
        kids.push(node());
      } while (s[i] === ',');
      i++; // ')'
    }
    const start = i;
    while (i < s.length && !',():;'.includes(s[i])) i++;
    const label = s.slice(start, i).trim().replace(/^'(.*)'$/, '$1');
    if (s[i] === ':') while (i < s.length && !',();'.includes(s[i])) i++;
    for (const k of kids) parent.set(k, label);
    return label;
  };
  node();
}

// For each ISO code in `targets`, the nearest language in `attested`
// (Map iso → rank; lower rank wins ties) in the same Glottolog tree:
// Map iso → { relative: iso, distance: edges }. A target that is itself
// attested is not in the result. Ties at equal distance go to the lower rank,
// then the smaller ISO code, so the answer is deterministic.
export function nearestRelatives(glottolog, targets, attested) {
  const { glottocodeOf, parent } = glottolog;
  const better = (a, b) => !b || a.d < b.d || (a.d === b.d && (a.rank < b.rank || (a.rank === b.rank && a.iso < b.iso)));
  // best[node]: nearest attested language in node's subtree, found by walking
  // up from every attested language.
  const best = new Map();
  for (const [iso, rank] of attested) {
    let node = glottocodeOf.get(iso);
    for (let d = 0; node; d++, node = parent.get(node)) {
      const cand = { iso, rank, d };
      if (!better(cand, best.get(node))) continue;
      best.set(node, cand);
    }
  }
  const out = new Map();
  for (const iso of targets) {
    if (attested.has(iso)) continue;
    let found = null;
    let node = glottocodeOf.get(iso);
    for (let k = 0; node; k++, node = parent.get(node)) {
      const b = best.get(node);
      if (!b) continue;
      const cand = { iso: b.iso, rank: b.rank, d: b.d + k };
      if (better(cand, found)) found = cand;
    }
    if (found) out.set(iso, { relative: found.iso, distance: found.d });
  }
  return out;
}

// Glottolog 5.1 (CC-BY-4.0): the genealogical tree of every family, used to find
// the nearest WALS-attested relative of a language (docs/data.md, "Inferred
// morphology"). Read in place from ../shared/data/glottolog or
// $LOCALECAP_GLOTTOLOG_DIR.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.mjs';

// Returns null when the folder is absent. Otherwise
// { release, glottocodeOf: Map(iso → glottocode), countriesOf: Map(iso → [CC]),
//   parent: Map(glottocode → parent glottocode), nameOf: Map(glottocode → name) }.
export function readGlottolog(dir) {
  if (!dir || !existsSync(join(dir, 'classification.nex'))) return null;
  const glottocodeOf = new Map();
  const countriesOf = new Map();
  const nameOf = new Map();
  for (const r of readCsv(join(dir, 'languages.csv'))) {
    nameOf.set(r.Glottocode, r.Name);
    if (!r.ISO639P3code) continue;
    glottocodeOf.set(r.ISO639P3code, r.Glottocode);
    countriesOf.set(r.ISO639P3code, r.Countries ? r.Countries.split(';').filter(Boolean) : []);
  }
  const parent = new Map();
  for (const line of readFileSync(join(dir, 'classification.nex'), 'utf8').split('\n')) {
    const m = line.match(/^\s*tree \S+ = (?:\[&R\] )?(.*);\s*$/);
    if (m) parseNewick(m[1], parent);
  }
  return { release: '5.1', glottocodeOf, countriesOf, parent, nameOf };
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

// Whether Glottolog classifies `glottocode` as a contact language: in the
// pidgin or mixed-language trees, or under a node (or itself) named as a
// creole or pidgin ("Pacific Creole English", "Early Melanesian Pidgin"). Glottolog
// files most creoles under their lexifier's family, so without this they would
// inherit their lexifier's morphology.
export function isContactLanguage(glottolog, glottocode) {
  for (let node = glottocode; node; node = glottolog.parent.get(node)) {
    if (node === 'pidg1258' || node === 'mixe1287') return true;
    if (/\b(creole|pidgin|crioulo|kriol)\b/i.test(glottolog.nameOf.get(node) ?? '')) return true;
  }
  return false;
}

// AUTOTYP 1.1 (Bickel, Nichols, Zakharko et al. 2022, CC-BY-4.0): the evidence
// for morphological type that WALS lacks — noun incorporation and the size of
// the maximally inflected verb — plus flexivity, exponence and Genesis
// (creoles, mixed languages). Read in place from ../shared/data/autotyp or
// $LOCALECAP_AUTOTYP_DIR; the rules that use it are in wals.mjs and docs/data.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.mjs';

// The AUTOTYP values localecap keeps, in the snapshot's order (format_v2.h).
export const EXPONENCE = ['separative', 'cumulative', 'distributive'];

const bool = (s) => (s === 'TRUE' ? true : s === 'FALSE' ? false : undefined);
const count = (s) => (s === '' || s === undefined ? undefined : Number(s));

// Returns null when the folder is absent. Otherwise
// { release, byGlottocode: Map(glottocode → values), isoToGlottocode: Map },
// values = { nounIncorporation?: bool, verbCategories?: n, verbFormatives?: n,
//   exponence?: EXPONENCE item, flexivity?: bool, creole: bool }.
// MaximallyInflectedVerbSynthesis.csv has one row per inflectional category;
// its per-language columns repeat, so the first non-empty value is the language's.
export function readAutotyp(dir) {
  if (!dir || !existsSync(join(dir, 'MorphologyPerLanguage.csv'))) return null;
  const byGlottocode = new Map();
  const entry = (g) => {
    if (!byGlottocode.has(g)) byGlottocode.set(g, { creole: false });
    return byGlottocode.get(g);
  };
  const isoToGlottocode = new Map();
  for (const r of readCsv(join(dir, 'languages.csv'))) {
    if (!r.Glottocode) continue;
    if (r.ISO639P3code && !isoToGlottocode.has(r.ISO639P3code)) isoToGlottocode.set(r.ISO639P3code, r.Glottocode);
    // Genesis: 'creole' (32 languages, pidgins included) or 'mixed' (Michif, Mbugu).
    if (r.Genesis === 'creole' || r.Genesis === 'mixed') entry(r.Glottocode).creole = true;
  }
  const set = (v, key, x) => { if (v[key] === undefined && x !== undefined && !Number.isNaN(x)) v[key] = x; };
  for (const r of readCsv(join(dir, 'MaximallyInflectedVerbSynthesis.csv'))) {
    const v = entry(r.Glottocode);
    set(v, 'nounIncorporation', bool(r.VerbHasNounIncorporation));
    set(v, 'verbCategories', count(r.VerbInflectionMaxCategoryCount));
    set(v, 'verbFormatives', count(r.VerbInflectionMaxFormativeCount));
    if (EXPONENCE.includes(r.VerbInflectionExponenceType)) set(v, 'exponence', r.VerbInflectionExponenceType);
  }
  for (const r of readCsv(join(dir, 'MorphologyPerLanguage.csv'))) {
    const v = entry(r.Glottocode);
    set(v, 'flexivity', bool(r.HasAnyFlexivity));
    set(v, 'nounPolyexponence', bool(r.HasAnyPolyexponenceForNouns));
  }
  return { release: '1.1', byGlottocode, isoToGlottocode };
}

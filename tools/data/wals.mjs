// WALS (World Atlas of Language Structures, CC-BY-4.0) morphology features and
// the rules that derive a morphological type from them (docs/data.md,
// "Morphology"). Read in place from ../shared/data/wals or $LOCALECAP_WALS_DIR.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.mjs';

// The features localecap uses, in the order of ProfileRecord's wals[] bytes.
export const FEATURES = ['20A', '21A', '22A', '26A', '49A'];

// Returns null when the folder is absent. Otherwise
// { release, byIso: Map(iso639-3 → { id, name, values: {feature: number} }) }:
// one WALS language per ISO code — the one with most of FEATURES, then the
// lowest WALS id (several WALS entries can share a code: German and its dialects).
export function readWals(dir) {
  if (!dir || !existsSync(join(dir, 'values.csv'))) return null;
  const languages = new Map(readCsv(join(dir, 'languages.csv')).map((r) => [r.ID, r]));
  const values = new Map();
  for (const r of readCsv(join(dir, 'values.csv'))) {
    if (!FEATURES.includes(r.Parameter_ID)) continue;
    if (!values.has(r.Language_ID)) values.set(r.Language_ID, {});
    values.get(r.Language_ID)[r.Parameter_ID] = Number(r.Value);
  }
  const byIso = new Map();
  for (const [id, v] of [...values].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const iso = languages.get(id)?.ISO639P3code;
    if (!iso) continue;
    const prev = byIso.get(iso);
    if (prev && Object.keys(prev.values).length >= Object.keys(v).length) continue;
    byIso.set(iso, { id, name: languages.get(id).Name, values: v });
  }
  return { release: 'v2020.3', byIso };
}

// Derives the morphological type from a language's own WALS values. Returns
// { type, rule } where rule names the rule of docs/data.md that decided.
// The rules are applied in order; the first that matches wins.
//   F = 20A fusion, E = 21A exponence, S = 22A inflectional synthesis of the
//   verb, A = 26A prefixing/suffixing, C = 49A number of cases.
export function deriveType(v) {
  const F = v['20A'], E = v['21A'], S = v['22A'], A = v['26A'], C = v['49A'];
  const concatenative = F === 1 || F === 5 || F === 6 || F === 7;
  // 1. Isolating: formatives are separate words (F 2 exclusively isolating,
  //    4 tonal/isolating), or verbs carry at most one category and nouns no case
  //    (S 1, C 1), or little affixation (A 1) with at most 2–3 verb categories
  //    and no fusion coded other than isolating/concatenative (F absent or 7).
  if (F === 2 || F === 4) return { type: 'isolating', rule: 'I1' };
  if (S === 1 && (C === undefined || C === 1)) return { type: 'isolating', rule: 'I2' };
  if (A === 1 && (F === undefined || F === 7) && (S === undefined || S <= 2)) return { type: 'isolating', rule: 'I3' };
  // 2. Polysynthetic: 8 or more inflectional categories per verb word (S >= 5).
  if (S !== undefined && S >= 5) return { type: 'polysynthetic', rule: 'P1' };
  // 3. Agglutinative by a large case system built by concatenation: F concatenative
  //    and 10 or more cases (C 8), even when one formative is cumulative.
  if (concatenative && C === 8) return { type: 'agglutinative', rule: 'A1' };
  // 4. Fusional: one formative expresses case together with number,
  //    referentiality or TAM (E 2–4), or stems change by ablaut (F 6).
  if ((E >= 2 && E <= 4) || F === 6) return { type: 'fusional', rule: 'F1' };
  // 5. Fusional, a heuristic for suffixing languages without case (C 1,
  //    A 2–3) and moderate verb synthesis (S 2–3): 21A then says nothing about
  //    nouns, and such verbs are mostly person/number/TAM portmanteaus
  //    (Romance, Germanic). Applies before rule 6 so Spanish and French are
  //    not called agglutinative on the strength of 21A alone.
  if (concatenative && C === 1 && (E === 1 || E === 5) && (A === 2 || A === 3) && (S === 2 || S === 3))
    return { type: 'fusional', rule: 'F2' };
  // 6. Agglutinative: concatenative, one category per formative (E 1), or no
  //    case but a synthetic verb (E 5 and S >= 3).
  if (concatenative && (E === 1 || (E === 5 && S !== undefined && S >= 3)))
    return { type: 'agglutinative', rule: 'A2' };
  // 7. Concatenative, no case exponence and little verb synthesis (E 5,
  //    S <= 2): languages with a little fused inflection left (English).
  if (concatenative && E === 5) return { type: 'fusional', rule: 'F3' };
  return { type: 'unknown', rule: '-' };
}

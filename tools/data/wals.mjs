// WALS (World Atlas of Language Structures, CC-BY-4.0) morphology features and
// the rules that derive a morphological type from them live in morphology.mjs
// (docs/data.md, "Morphology"). Read in place from ../shared/data/wals or $LOCALECAP_WALS_DIR.
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

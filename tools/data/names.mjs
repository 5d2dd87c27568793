// The names file (web/dist/names.json): every profile's names, for suggestions
// and "did you mean" (web/names.js). It is a second, optional file beside the
// snapshot: the core snapshot has no room for them (its gzip budget, DESIGN.md
// §7), and a page that never searches by name never downloads it.
//
// Per profile, in this order of trust:
//   English: the profile's own name (CLDR, else ISO 639-3), CLDR's other
//            English names (`ckb-alt-variant`), the IANA registry's
//            descriptions, ISO 639-3 names, SIL langtags' English name;
//   own:     the name in the language itself: CLDR localeDisplayNames of the
//            language's own locale (`fr` → "français"), SIL langtags autonyms
//            (`Print_Name`, then its `Romanization`);
//   codes:   other codes that reach the profile (ISO 639-3 `fra`, codes CLDR
//            folds into it such as `cmn` for zh, deprecated IANA subtags such as `iw`).
// Each list is deduplicated ignoring case and diacritics (web/names.js fold()).
// Rows: languages with a CLDR locale first, then the rest, each by English
// name: the order ties in a search are broken by. Deterministic (no clock).
// Format and field meanings: docs/data.md, "The names file".
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { iso6393 } from 'iso-639-3';
import { readCsv } from './csv.mjs';
import { fold } from '../../web/names.js';

const require = createRequire(import.meta.url);
const FORMAT = 1;

/**
 * The names document for `langs` (languages.mjs: [{tag, language, name, iso3s}]).
 * `langtagsDir` may be absent (then no SIL autonyms). Returns
 * { doc, counts: {profiles, withOwn, own, sil} }.
 */
export function namesDocument(langs, langtagsDir, cldrVersion) {
  const cldrEnglish = require('cldr-localenames-full/main/en/languages.json').main.en.localeDisplayNames.languages;
  const available = new Set(require('cldr-core/availableLocales.json').availableLocales.full);
  const isoNames = new Map(iso6393.map((l) => [l.iso6393, l.name]));
  const iana = ianaLanguages();
  const sil = readAutonyms(langtagsDir);

  const rows = [];
  let own = 0, withOwn = 0;
  for (const p of langs) {
    const bare = p.tag === p.language;
    const english = [p.name];
    for (const [k, v] of Object.entries(cldrEnglish)) if (k.startsWith(`${p.tag}-alt-`)) english.push(v);
    const codes = [];
    if (bare) {
      for (const iso3 of p.iso3s) {
        english.push(...(iana.descriptions.get(iso3) ?? []), isoNames.get(iso3) ?? '', ...(sil.get(iso3)?.english ?? []));
        codes.push(iso3);
      }
      english.push(...(iana.descriptions.get(p.tag) ?? []));
      codes.push(...(iana.aliasesOf.get(p.tag) ?? []));
    }
    const names = [cldrOwnName(p.tag, p.language)];
    if (bare) for (const iso3 of p.iso3s) names.push(...(sil.get(iso3)?.own ?? []));
    const row = [p.tag, unique(english), unique(names), unique(codes).filter((c) => c !== p.tag)];
    own += row[2].length;
    withOwn += row[2].length > 0 ? 1 : 0;
    rows.push({ row, major: available.has(p.tag) ? 0 : 1 });
  }
  rows.sort((a, b) => a.major - b.major || compare(a.row[1][0], b.row[1][0]) || compare(a.row[0], b.row[0]));
  const sources = [
    `Unicode CLDR ${cldrVersion} (Unicode-3.0): English names and each language's name in its own locale (localeDisplayNames). https://cldr.unicode.org`,
    'IANA Language Subtag Registry: descriptions. https://www.iana.org/assignments/language-subtag-registry',
    'ISO 639-3 code tables (SIL International): names. https://iso639-3.sil.org',
  ];
  if (sil.size > 0) sources.push('SIL International, langtags (MIT): autonyms (autonyms.csv). https://github.com/silnrsi/langtags');
  return {
    doc: {
      format: FORMAT,
      about: 'localecap names: rows [tag, English names, names in the language itself, other codes]; docs/data.md "The names file"',
      sources,
      languages: rows.map((r) => r.row),
    },
    counts: { profiles: rows.length, withOwn, own, sil: sil.size },
  };
}

// The name of a language in its own CLDR locale: fr → "français"; sr-Latn →
// "srpski" (CLDR names `sr` in the sr-Latn locale); '' when CLDR has no
// locale for the tag.
let cldrLocales = null; // the locales with a languages.json
function cldrOwnName(tag, language) {
  const main = join(dirname(require.resolve('cldr-localenames-full/main/en/languages.json')), '..');
  cldrLocales ??= new Set(readdirSync(main).filter((l) => existsSync(join(main, l, 'languages.json'))));
  if (!cldrLocales.has(tag)) return '';
  const names = require(`cldr-localenames-full/main/${tag}/languages.json`).main[tag].localeDisplayNames.languages;
  return names[tag] ?? names[language] ?? '';
}

// IANA registry: descriptions by subtag, and deprecated language subtags by the
// subtag they prefer (he → [iw]).
function ianaLanguages() {
  const descriptions = new Map(), aliasesOf = new Map();
  for (const r of require('language-subtag-registry/data/json/registry.json')) {
    if (r.Type !== 'language' || r.Subtag.includes('..') || r.Scope === 'special') continue;
    descriptions.set(r.Subtag, r.Description);
    if (r['Preferred-Value']) {
      if (!aliasesOf.has(r['Preferred-Value'])) aliasesOf.set(r['Preferred-Value'], []);
      aliasesOf.get(r['Preferred-Value']).push(r.Subtag);
    }
  }
  return { descriptions, aliasesOf };
}

// SIL langtags autonyms.csv: ISO 639-3 code → { english: [Language_Name], own:
// [Print_Name…, Romanization…] }; empty when the folder is absent.
function readAutonyms(dir) {
  const out = new Map();
  if (!dir || !existsSync(join(dir, 'autonyms.csv'))) return out;
  for (const r of readCsv(join(dir, 'autonyms.csv'))) {
    const e = out.get(r.ISO_639) ?? { english: [], own: [], romanized: [] };
    e.english.push(r.Language_Name);
    e.own.push(r.Print_Name);
    e.romanized.push(r.Romanization);
    out.set(r.ISO_639, e);
  }
  for (const e of out.values()) e.own.push(...e.romanized);
  return out;
}

// Non-empty names, first spelling of each folded form kept.
function unique(names) {
  const seen = new Set(), out = [];
  for (const n of names) {
    const name = (n ?? '').trim(), key = fold(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

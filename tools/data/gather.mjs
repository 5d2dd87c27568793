#!/usr/bin/env node
// Gathers localecap's input data into one normalized JSON document that
// localecap-pack turns into a binary snapshot: CLDR, the IANA registry and
// ISO 639-3 from pinned npm packages; WALS and Glottolog read in place from
// ../shared/data (or $LOCALECAP_WALS_DIR / $LOCALECAP_GLOTTOLOG_DIR). Without
// them the build still works and morphology is 'unknown' with source 'none'.
// Every field carries its source; the rules are in docs/data.md.
// Deterministic: profiles sorted by tag, keys sorted, no clock.
//
// Usage: node tools/data/gather.mjs --out build/data/localecap-data.json
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { tagTables } from './tag_tables.mjs';
import { languages } from './languages.mjs';
import { direction, segmentation, plurals, grammaticalFeatures } from './capabilities.mjs';
import { readWals, deriveType, FEATURES } from './wals.mjs';
import { readGlottolog, nearestRelatives } from './glottolog.mjs';
import { readLangtags, scriptDisagreements } from './langtags.mjs';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
if (!args.out) {
  console.error('usage: gather.mjs --out FILE');
  process.exit(2);
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = join(repo, '../shared/data');
const walsDir = process.env.LOCALECAP_WALS_DIR ?? join(shared, 'wals');
const glottologDir = process.env.LOCALECAP_GLOTTOLOG_DIR ?? join(shared, 'glottolog');
const wals = readWals(walsDir);
const glottolog = wals ? readGlottolog(glottologDir) : null;
const langtags = readLangtags(process.env.LOCALECAP_LANGTAGS_DIR ?? join(shared, 'langtags'));
const cldrVersion = require('cldr-core/package.json').version;
const ianaDate = require('language-subtag-registry/data/json/meta.json')['File-Date'];

const langs = languages(glottolog, langtags);
const byTag = new Map(langs.map((p) => [p.tag, p]));

// Morphology: a language's own WALS values when they decide a type (observed);
// else the nearest relative in the Glottolog tree whose values decide one
// (inferred, with that relative and the tree distance); else its own
// undecided values (observed, 'unknown'); else none.
const own = new Map();        // tag → { values, type, rule }
const decisive = new Map();   // iso3 → rank (fewer features = higher rank number)
const tagOfIso3 = new Map();
for (const p of langs) {
  if (p.tag !== p.language) continue;  // script/region variants share the language's WALS entry
  // The language's own code first, then the codes CLDR folds into it, in order.
  const iso3 = p.iso3s.find((c) => wals?.byIso.has(c)) ?? p.iso3s.find((c) => glottolog?.glottocodeOf.has(c)) ?? p.iso3;
  p.walsIso3 = iso3;
  tagOfIso3.set(iso3, p.tag);
  const w = wals?.byIso.get(iso3);
  if (!w) continue;
  const d = deriveType(w.values);
  own.set(p.tag, { values: w.values, ...d, walsId: w.id });
  if (d.type !== 'unknown') decisive.set(iso3, FEATURES.length - Object.keys(w.values).length);
}
const relatives = glottolog
  ? nearestRelatives(glottolog, langs.filter((p) => p.tag === p.language).map((p) => p.walsIso3), decisive)
  : new Map();

function morphology(p) {
  const o = own.get(p.language);
  if (o && o.type !== 'unknown') return { type: o.type, source: 'observed', relative: p.language, distance: 0, rule: o.rule, walsId: o.walsId };
  const base = byTag.get(p.language);
  const r = base && relatives.get(base.walsIso3);
  if (r) {
    const rel = tagOfIso3.get(r.relative);
    const ro = own.get(rel);
    return { type: ro.type, source: 'inferred', relative: rel, distance: r.distance, rule: ro.rule, walsId: ro.walsId };
  }
  if (o) return { type: 'unknown', source: 'observed', relative: p.language, distance: 0, rule: '-', walsId: o.walsId };
  return { type: 'unknown', source: 'none', relative: '', distance: 0, rule: '-' };
}

const profiles = langs.map((p) => {
  const [, script] = p.maximized.split('-');
  const dir = direction(p.tag, script);
  const seg = segmentation(script);
  const pl = plurals(p.tag);
  const gf = grammaticalFeatures(p.tag);
  const o = p.tag === p.language ? own.get(p.tag) : undefined;
  return {
    tag: p.tag,
    maximized: p.maximized,
    name: p.name,
    direction: dir.direction,
    writingMode: dir.writingMode,
    segmentation: seg.segmentation,
    plural: { cardinal: pl.cardinal, ordinal: pl.ordinal },
    grammar: { genders: gf.genders, cases: gf.cases },
    wals: o ? o.values : {},           // the language's own WALS values (features of wals.mjs)
    walsType: o ? o.type : 'unknown',  // the type its own values derive (docs/data.md)
    morphology: morphology(p),
    sources: {
      maximized: p.sources.maximized, direction: dir.source, segmentation: seg.source,
      cardinal: pl.cardinalSource, ordinal: pl.ordinalSource, grammar: gf.source,
    },
  };
});

const provenance = [
  `Unicode CLDR ${cldrVersion} (Unicode-3.0 licence), https://cldr.unicode.org (cldr-core, cldr-misc-full, cldr-localenames-full, cldr-bcp47)`,
  `IANA Language Subtag Registry, file date ${ianaDate}`,
  'ISO 639-3 code tables (SIL International), via the iso-639-3 npm package',
];
if (wals)
  provenance.push(
    `WALS ${wals.release} (CC-BY-4.0): Dryer, Matthew S. & Haspelmath, Martin (eds.) 2013. ` +
      'The World Atlas of Language Structures Online. Leipzig: Max Planck Institute for ' +
      'Evolutionary Anthropology. https://wals.info');
if (langtags)
  provenance.push(
    `SIL International, Language Tags (langtags, ${langtags.release}, MIT licence): likely script and ` +
      'region of languages CLDR lacks, and which languages are unwritten. https://github.com/silnrsi/langtags');
if (glottolog)
  provenance.push(
    `Glottolog ${glottolog.release} (CC-BY-4.0): Hammarström, Harald & Forkel, Robert & ` +
      'Haspelmath, Martin & Bank, Sebastian. 2024. Glottolog 5.1. Leipzig: Max Planck Institute ' +
      'for Evolutionary Anthropology. https://glottolog.org');

const doc = {
  sources: { cldr: cldrVersion, iana: ianaDate, wals: wals?.release ?? '', glottolog: glottolog?.release ?? '' },
  provenance: provenance.join('\n'),
  // Key→value tables, by the names in src/snapshot/format_v2.h (kTableNames).
  tables: tagTables(profiles),
  profiles,
  // For localecap-pack's report only (not packed): where CLDR and SIL langtags
  // give a language different scripts (CLDR's is used).
  scriptDisagreements: scriptDisagreements(langtags, require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags)
    .filter((d) => byTag.has(d.tag)),
};
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(doc, null, 1) + '\n');
const count = (f) => profiles.filter(f).length;
console.log(
  `gather: ${profiles.length} profiles -> ${args.out}` +
    (wals ? '' : ` (no WALS at ${walsDir}: morphology unknown)`) +
    (langtags ? '' : ' (no SIL langtags: scripts from CLDR only)') +
    `\n  morphology observed ${count((p) => p.morphology.source === 'observed')}, inferred ` +
    `${count((p) => p.morphology.source === 'inferred')}, none ${count((p) => p.morphology.source === 'none')}`);

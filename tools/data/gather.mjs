#!/usr/bin/env node
// Gathers localecap's input data into one normalized JSON document that
// localecap-pack turns into a binary snapshot: CLDR, the IANA registry and
// ISO 639-3 from pinned npm packages; WALS, Glottolog, AUTOTYP and SIL langtags
// read in place from ../shared/data (or $LOCALECAP_WALS_DIR, $LOCALECAP_GLOTTOLOG_DIR,
// $LOCALECAP_AUTOTYP_DIR, $LOCALECAP_LANGTAGS_DIR). Without them the build still
// works: morphology is 'unknown' with source 'none', scripts come from CLDR only.
// Every field carries its source; the rules are in docs/data.md.
// Deterministic: profiles sorted by tag, keys sorted, no clock.
//
// With --names FILE it also writes the names file (tools/data/names.mjs): every
// profile's English names, autonyms and other codes, for suggestions.
//
// Usage: node tools/data/gather.mjs --out build/data/localecap-data.json [--names build/data/names.json]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { tagTables } from './tag_tables.mjs';
import { languages } from './languages.mjs';
import { direction, segmentation, plurals, grammaticalFeatures } from './capabilities.mjs';
import { readWals } from './wals.mjs';
import { readGlottolog, isContactLanguage } from './glottolog.mjs';
import { readAutotyp } from './autotyp.mjs';
import { deriveType, relativesFinder, leaveOneOut, rowFor } from './morphology.mjs';
import { readLangtags, scriptDisagreements } from './langtags.mjs';
import { namesDocument } from './names.mjs';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { out: { type: 'string' }, names: { type: 'string' } } });
if (!args.out) {
  console.error('usage: gather.mjs --out FILE [--names FILE]');
  process.exit(2);
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = join(repo, '../shared/data');
const walsDir = process.env.LOCALECAP_WALS_DIR ?? join(shared, 'wals');
const glottologDir = process.env.LOCALECAP_GLOTTOLOG_DIR ?? join(shared, 'glottolog');
const wals = readWals(walsDir);
const glottolog = readGlottolog(glottologDir);
const autotyp = readAutotyp(process.env.LOCALECAP_AUTOTYP_DIR ?? join(shared, 'autotyp'));
const langtagsDir = process.env.LOCALECAP_LANGTAGS_DIR ?? join(shared, 'langtags');
const langtags = readLangtags(langtagsDir);
const cldrVersion = require('cldr-core/package.json').version;
const ianaDate = require('language-subtag-registry/data/json/meta.json')['File-Date'];

const langs = languages(glottolog, langtags);
const byTag = new Map(langs.map((p) => [p.tag, p]));

// Morphology (docs/data.md, "Morphology"): a language's own WALS and AUTOTYP
// values when they decide a type (observed); else the nearest relative in the
// Glottolog tree whose values decide one (inferred; creoles only from
// creoles), if the leave-one-out accuracy at that distance beats the
// majority-class baseline by 10 points; else its own undecided values
// (observed, 'unknown'); else none.
const own = new Map();  // tag → { wals, autotyp, creole, type, rule, walsId, glottocode }
for (const p of langs) {
  if (p.tag !== p.language) continue;  // script/region variants share the language's entry
  // The language's own code first, then the codes CLDR folds into it, in order.
  const walsIso3 = p.iso3s.find((c) => wals?.byIso.has(c));
  const glottocode = p.iso3s.map((c) => glottolog?.glottocodeOf.get(c) ?? autotyp?.isoToGlottocode.get(c)).find(Boolean);
  const w = walsIso3 ? wals.byIso.get(walsIso3) : undefined;
  const { creole: autotypCreole = false, ...a } = (glottocode && autotyp?.byGlottocode.get(glottocode)) ?? {};
  const creole = autotypCreole || (glottocode && glottolog ? isContactLanguage(glottolog, glottocode) : false) ||
    /\b(creole|pidgin)\b/i.test(p.name);
  own.set(p.tag, { wals: w?.values ?? {}, autotyp: a, creole, creoleSource: autotypCreole ? 'autotyp' : creole ? 'glottolog' : '',
    walsId: w?.id, glottocode, ...deriveType(w?.values, a) });
}
const evidence = (o) => Object.keys(o.wals).length + Object.keys(o.autotyp).length;
const attested = [...own].filter(([, o]) => o.type !== 'unknown' && o.glottocode)
  .map(([key, o]) => ({ key, glottocode: o.glottocode, weight: evidence(o), group: o.creole ? 'creole' : 'other', type: o.type }));
const nearest = glottolog ? relativesFinder(glottolog.parent, attested) : () => null;
const looTable = leaveOneOut(attested, nearest);

function morphology(p) {
  const o = own.get(p.language);
  const observed = (type, rule) => ({ type, source: 'observed', relative: p.language, distance: 0, rule, confidence: type === 'unknown' ? 0 : 1 });
  if (o && o.type !== 'unknown') return observed(o.type, o.rule);
  const r = o?.glottocode ? nearest(o.glottocode, o.creole ? 'creole' : 'other') : null;
  const row = r && rowFor(looTable, r.distance);
  if (r && row.usable)
    return { type: r.type, source: 'inferred', relative: r.key, distance: r.distance, rule: own.get(r.key).rule, confidence: row.accuracy };
  if (o && evidence(o) > 0) return observed('unknown', '-');
  return { type: 'unknown', source: 'none', relative: '', distance: 0, rule: '-', confidence: 0 };
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
    wals: o ? o.wals : {},             // the language's own WALS values (features of wals.mjs)
    autotyp: o ? o.autotyp : {},       // its own AUTOTYP values (autotyp.mjs)
    creole: o ? o.creole : false,      // creole, pidgin or mixed language (AUTOTYP Genesis, Glottolog)
    creoleSource: o ? o.creoleSource : '',
    ownType: o ? o.type : 'unknown',   // the type its own values derive (docs/data.md)
    ownRule: o ? o.rule : '-',         // and the rule that decided it
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
if (autotyp)
  provenance.push(
    `AUTOTYP ${autotyp.release} (CC-BY-4.0): Bickel, Balthasar, Johanna Nichols, Taras Zakharko, et al. ` +
      '2022. The AUTOTYP database (v1.1). https://github.com/autotyp/autotyp-data');
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
  // For localecap-pack's report (and README): the leave-one-out evaluation of
  // inferred morphology, per tree-distance bucket.
  morphologyEvaluation: looTable,
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
if (args.names) {
  const { doc: names, counts } = namesDocument(langs, langtagsDir, cldrVersion);
  mkdirSync(dirname(args.names), { recursive: true });
  writeFileSync(args.names, JSON.stringify(names) + '\n');
  console.log(`gather: names of ${counts.profiles} profiles -> ${args.names} (${counts.withOwn} with a name in ` +
    `the language itself, ${counts.own} such names; SIL autonyms for ${counts.sil} ISO 639-3 codes)`);
}

#!/usr/bin/env node
// Gathers localecap's input data from the pinned npm packages (and, later,
// ../shared/data) into one normalized JSON document that localecap-pack turns
// into a binary snapshot. Deterministic: keys and arrays are emitted sorted.
//
// Usage: node tools/data/gather.mjs --out build/data/localecap-data.json
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { tagTables } from './tag_tables.mjs';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
if (!args.out) {
  console.error('usage: gather.mjs --out FILE');
  process.exit(2);
}

const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental;
const scripts = require('cldr-core/scriptMetadata.json').scriptMetadata;
const englishNames = require('cldr-localenames-full/main/en/languages.json')
  .main.en.localeDisplayNames.languages;
const ianaMeta = require('language-subtag-registry/data/json/meta.json');
const cldrVersion = require('cldr-core/package.json').version;

// Segmentation by script (rules in docs/data.md): scripts written without
// spaces between words need a dictionary (Thai, Lao, Khmer, Myanmar) or break
// between characters (Han, Kana); Tibetan marks syllables.
const SEGMENTATION = {
  Thai: 'dictionary', Laoo: 'dictionary', Khmr: 'dictionary', Mymr: 'dictionary',
  Hani: 'character', Hans: 'character', Hant: 'character', Jpan: 'character',
  Hira: 'character', Kana: 'character', Yiii: 'character',
  Tibt: 'syllable',
};

function direction(script) {
  const m = scripts[script];
  return m && m.rtl === 'YES' ? 'rtl' : 'ltr';
}

const profiles = [];
for (const [from, to] of Object.entries(likely.likelySubtags)) {
  if (from.includes('-') || from === 'und') continue; // bare languages only (for now)
  const [language, script, region] = to.split('-');
  profiles.push({
    tag: language,
    maximized: to,
    name: englishNames[language] ?? language,
    script,
    region,
    direction: direction(script),
    lineOrder: 'ttb',
    segmentation: SEGMENTATION[script] ?? 'space',
  });
}
profiles.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

const doc = {
  sources: { cldr: cldrVersion, iana: ianaMeta['File-Date'], wals: '', glottolog: '' },
  provenance: [
    `Unicode CLDR ${cldrVersion} (Unicode-3.0 licence), https://cldr.unicode.org`,
    `IANA Language Subtag Registry, file date ${ianaMeta['File-Date']}`,
  ].join('\n'),
  // Key→value tables, by the names in src/snapshot/format_v1.h (kTableNames).
  tables: tagTables(),
  profiles,
};
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify(doc, null, 1) + '\n');
console.log(`gather: ${profiles.length} language profiles -> ${args.out}`);

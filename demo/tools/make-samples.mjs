#!/usr/bin/env node
// Builds the playground's sample-text table from CLDR (the pinned npm packages):
// for every CLDR locale that is a language or language-Script, its own name for
// itself and the first of its exemplar characters, in its own script. The page
// shows them for languages the browser's Intl has no data for.
//
// Output: build/demo/samples.json  {"quc": {"name": "Kʼicheʼ", "letters": "a ä aʼ bʼ …"}, …}
//         build/demo/plurals.json  CLDR's example numbers per plural category (below)
// Usage: node demo/tools/make-samples.mjs [--out build/demo/samples.json]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'build/demo/samples.json') } } });

const MAX_LETTERS = 32;
const misc = dirname(require.resolve('cldr-misc-full/package.json'));
const names = dirname(require.resolve('cldr-localenames-full/package.json'));

// "[a b {ch} c-e]" → ['a', 'b', 'ch', 'c-e'] (ranges are kept as written;
// lone combining marks, which cannot be shown by themselves, are left out).
function letters(set) {
  return set.replace(/^\[|\]$/g, '').replace(/[{}]/g, '').split(/\s+/)
    .filter((t) => t && !/^[\p{M}\\]+$/u.test(t)).slice(0, MAX_LETTERS);
}

const out = {};
for (const locale of readdirSync(join(misc, 'main')).sort()) {
  if (!/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/.test(locale)) continue; // languages and language-Script only
  const entry = {};
  const chars = join(misc, 'main', locale, 'characters.json');
  if (existsSync(chars)) {
    const set = JSON.parse(readFileSync(chars, 'utf8')).main[locale]?.characters?.exemplarCharacters;
    if (set) entry.letters = letters(set).join(' ');
  }
  const langs = join(names, 'main', locale, 'languages.json');
  if (existsSync(langs)) {
    const table = JSON.parse(readFileSync(langs, 'utf8')).main[locale]?.localeDisplayNames?.languages ?? {};
    const own = table[locale] ?? table[locale.split('-')[0]];
    if (own) entry.name = own;
  }
  if (entry.name || entry.letters) out[locale] = entry;
}
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify(out));
console.log(`make-samples: ${Object.keys(out).length} languages -> ${values.out}`);

// CLDR's own example numbers per plural category (the @integer / @decimal
// samples of supplemental plurals.json and ordinals.json), a few per category:
// build/demo/plurals.json  {"ru": {"cardinal": {"one": "1, 21, 31, 41", …}, "ordinal": {…}}, …}
const MAX_EXAMPLES = 4;
function examples(rule) {
  const take = (kind) => {
    const m = new RegExp(`@${kind}\\s+([^@]*)`).exec(rule);
    return m ? m[1].split(',').map((x) => x.trim()).filter((x) => x && x !== '…') : [];
  };
  const ints = take('integer');
  return [...ints.slice(0, MAX_EXAMPLES), ...take('decimal').slice(0, ints.length ? 1 : 2)].join(', ');
}
const plurals = {};
for (const [kind, file, key] of [['cardinal', 'plurals', 'plurals-type-cardinal'], ['ordinal', 'ordinals', 'plurals-type-ordinal']]) {
  const table = require(`cldr-core/supplemental/${file}.json`).supplemental[key];
  for (const [lang, rules] of Object.entries(table)) {
    const cats = {};
    for (const [k, rule] of Object.entries(rules)) cats[k.replace('pluralRule-count-', '')] = examples(rule);
    (plurals[lang] ??= {})[kind] = cats;
  }
}
const pluralsOut = join(dirname(values.out), 'plurals.json');
writeFileSync(pluralsOut, JSON.stringify(plurals));
console.log(`make-samples: plural examples for ${Object.keys(plurals).length} languages -> ${pluralsOut}`);

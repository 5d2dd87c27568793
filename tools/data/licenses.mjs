#!/usr/bin/env node
// Writes the licences of the data in the shipped snapshot next to it, into
// web/dist/licenses/ (tools/build.sh; the npm package ships the folder):
// README.md says which source is under which licence and how to credit it,
// and the licence texts are copied from the sources themselves — the npm data
// packages and ../shared/data (read in place, as tools/data/gather.mjs does; a
// source whose folder is absent is not in the snapshot and is left out).
//
// Usage: node tools/data/licenses.mjs [OUT_DIR]   (default web/dist/licenses)
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = join(repo, '../shared/data');
const out = process.argv[2] ?? join(repo, 'web/dist/licenses');

// Each source: its credit, licence, and the file that holds the licence text (null: none to ship).
const SOURCES = [
  { name: 'Unicode CLDR 48', licence: 'Unicode License v3 (Unicode-3.0)', text: join(repo, 'node_modules/cldr-core/LICENSE'), file: 'Unicode-3.0.txt',
    credit: '© Unicode, Inc. https://cldr.unicode.org — likely subtags, scripts, directions, plural rules, grammatical features, names, -u-/-t- data.' },
  { name: 'IANA Language Subtag Registry', licence: 'CC0-1.0 (as packaged by language-subtag-registry)', text: null,
    credit: 'https://www.iana.org/assignments/language-subtag-registry' },
  { name: 'ISO 639-3 code tables', licence: 'SIL International terms of use (https://iso639-3.sil.org/code_tables/download_tables); the iso-639-3 npm package: MIT',
    text: join(repo, 'node_modules/iso-639-3/license'), file: 'iso-639-3-package-MIT.txt',
    credit: 'SIL International, the ISO 639-3 registration authority. https://iso639-3.sil.org' },
  { name: 'WALS', licence: 'CC-BY-4.0', text: join(process.env.LOCALECAP_WALS_DIR ?? join(shared, 'wals'), 'LICENSE'), file: 'CC-BY-4.0.txt',
    credit: 'Dryer, Matthew S. & Haspelmath, Martin (eds.) 2013. The World Atlas of Language Structures Online. Leipzig: Max Planck Institute for Evolutionary Anthropology. https://wals.info' },
  { name: 'Glottolog 5.1', licence: 'CC-BY-4.0', text: join(process.env.LOCALECAP_GLOTTOLOG_DIR ?? join(shared, 'glottolog'), 'LICENSE'), file: 'CC-BY-4.0.txt',
    credit: 'Hammarström, Harald & Forkel, Robert & Haspelmath, Martin & Bank, Sebastian. 2024. Glottolog 5.1. Leipzig: Max Planck Institute for Evolutionary Anthropology. https://glottolog.org' },
  { name: 'AUTOTYP 1.1', licence: 'CC-BY-4.0', text: join(process.env.LOCALECAP_AUTOTYP_DIR ?? join(shared, 'autotyp'), 'LICENSE'), file: 'CC-BY-4.0.txt',
    credit: 'Bickel, Balthasar, Johanna Nichols, Taras Zakharko, et al. 2022. The AUTOTYP database (v1.1). https://github.com/autotyp/autotyp-data' },
  { name: 'SIL Language Tags (langtags)', licence: 'MIT', text: join(process.env.LOCALECAP_LANGTAGS_DIR ?? join(shared, 'langtags'), 'LICENSE'), file: 'SIL-langtags-MIT.txt',
    credit: 'SIL International, langtags. https://github.com/silnrsi/langtags — likely scripts and regions, unwritten languages, autonyms (names.json).' },
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const shipped = SOURCES.filter((s) => s.text === null || existsSync(s.text));
for (const s of shipped) if (s.text) copyFileSync(s.text, join(out, s.file));
const lines = shipped.map((s) => `- **${s.name}** — ${s.licence}${s.text ? ` (full text: \`${s.file}\`)` : ''}. ${s.credit}`);
writeFileSync(join(out, 'README.md'), `# Licences of the data in localecap.lcs and names.json

The snapshot shipped with this package (\`web/dist/localecap.lcs\`) and its names file
(\`web/dist/names.json\`: English names, CLDR's names of each language in its own locale,
SIL langtags autonyms) are built from these sources; credit them wherever their data shows. localecap's own code is under the
package's LICENSE (MIT).

${lines.join('\n')}
`);
console.log(`licenses: ${shipped.map((s) => s.name).join(', ')} → ${out}`);

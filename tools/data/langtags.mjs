// SIL International's Language Tags (langtags, MIT): a likely script and region
// for every ISO 639-3 language, and which languages have no established writing
// system. Read in place from ../shared/data/langtags or $LOCALECAP_LANGTAGS_DIR;
// CLDR stays first, langtags fills what CLDR lacks (docs/data.md, "Which profiles").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from './csv.mjs';

// Returns null when the folder is absent. Otherwise
// { release, byTag: Map(tag → { script, region, unwritten }) } for the bare
// languages (rows whose Lang_Id has no subtags: `aa`, `aab`), keyed by
// Lang_Id, which uses the same canonical code as localecap (ISO 639-1 where
// there is one, else ISO 639-3).
export function readLangtags(dir) {
  if (!dir || !existsSync(join(dir, 'langtags.csv'))) return null;
  const byTag = new Map();
  for (const r of readCsv(join(dir, 'langtags.csv'))) {
    if (r.Lang_Id.includes('-')) continue;
    const [, script, region] = r.likely_subtag.split('-');
    if (!/^[A-Z][a-z]{3}$/.test(script ?? '') || !/^(?:[A-Z]{2}|[0-9]{3})$/.test(region ?? '')) continue;
    byTag.set(r.Lang_Id, { script, region, unwritten: r.unwritten === '1' });
  }
  return { release: 'silnrsi/langtags 99b856bb', byTag };
}

// Where CLDR likely subtags and langtags both give a language a
// script and the two differ: [{ tag, cldr, sil }] sorted by tag. `likely` is
// CLDR's likelySubtags ({ tag: 'lang-Scrp-RG' }).
export function scriptDisagreements(langtags, likely) {
  const out = [];
  for (const [tag, l] of langtags?.byTag ?? []) {
    const cldr = likely[tag]?.split('-')[1];
    if (cldr && tag !== 'und' && cldr !== l.script) out.push({ tag, cldr, sil: l.script });
  }
  return out.sort((a, b) => (a.tag < b.tag ? -1 : 1));
}

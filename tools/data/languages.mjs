// The set of languages localecap has a profile for, with their identity fields
// (tag, maximized tag, English name). Rules in docs/data.md, "Which profiles":
//   1. every language of ISO 639-3 (except the special codes mis, mul, und, zxx)
//      and every bare language of CLDR likely subtags, under its canonical tag
//      (the ISO 639-1 code where there is one; codes that CLDR aliases to
//      another language — deprecated, overlong, macrolanguage members — are
//      left to that language, so `cmn` resolves to `zh` and `iw` to `he`);
//   2. every CLDR locale whose script differs from its language's likely
//      script (zh-Hant, sr-Latn, mn-Mong), as language-Script;
//   3. every CLDR locale with plural rules of its own (pt-PT);
//   4. und-Script for each script in use (CLDR scriptMetadata, idUsage not
//      EXCLUSION) whose direction or segmentation is not the default, and for
//      each vertical script (und-Mong)
//      (und-Arab, und-Thai): a tag in a script its language has no profile
//      for (af-Arab, en-Hebr) still gets the script's capabilities.
import { createRequire } from 'node:module';
import { iso6393 } from 'iso-639-3';
import { direction, segmentation } from './capabilities.mjs';

const require = createRequire(import.meta.url);
const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
const languageAlias = require('cldr-core/supplemental/aliases.json').supplemental.metadata.alias.languageAlias;
const available = require('cldr-core/availableLocales.json').availableLocales.full;
const scriptMetadata = require('cldr-core/scriptMetadata.json').scriptMetadata;
const cardinals = require('cldr-core/supplemental/plurals.json').supplemental['plurals-type-cardinal'];
const en = (f) => require(`cldr-localenames-full/main/en/${f}.json`).main.en.localeDisplayNames;
const cldrNames = en('languages').languages;
const scriptNames = en('scripts').scripts;

// Returns [{ tag, language, maximized, name, iso3, iso3s, sources: {maximized} }], sorted by tag;
// iso3s is iso3 followed by the ISO 639-3 codes CLDR aliases to the language.
// For languages CLDR has no likely subtags for, `langtags` (SIL, may be null)
// supplies script and region (script Zxxx where SIL marks the language
// unwritten), else `glottolog` (may be null) the region of a single-country language.
export function languages(glottolog, langtags) {
  const iso3Of = new Map();     // canonical tag → ISO 639-3 code
  const isoName = new Map();
  for (const l of iso6393) {
    if (l.scope === 'special') continue;
    const tag = l.iso6391 ?? l.iso6393;
    iso3Of.set(tag, l.iso6393);
    isoName.set(tag, l.name);
  }
  const tags = new Set(iso3Of.keys());
  for (const k of Object.keys(likely)) if (!k.includes('-') && k !== 'und') tags.add(k);
  for (const t of [...tags]) {
    const a = languageAlias[t];
    // Aliased to another single language (with or without script or region): that one
    // covers it. This includes the six codes CLDR likely subtags still lists
    // (in iw ji jw mo tl): the resolver canonicalizes first, so `iw` finds
    // the `he` profile through the alias rule iw → he.
    // Also with a region (prs → fa-AF, cnr → sr-ME): the resolver reaches fa through fa-AF.
    if (a && /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$/.test(a._replacement) && a._replacement !== t) tags.delete(t);
  }

  // ISO 639-3 codes CLDR folds into a language (arb → ar, ike → iu): WALS and
  // Glottolog describe the members, not the macrolanguage.
  const members = new Map();
  for (const [code, a] of Object.entries(languageAlias).sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (/^[a-z]{3}$/.test(code) && /^[a-z]{2,3}$/.test(a._replacement)) {
      if (!members.has(a._replacement)) members.set(a._replacement, []);
      members.get(a._replacement).push(code);
    }
  }
  const out = [];
  const add = (tag, maximized, name, source) => {
    const [language] = maximized.split('-');
    const iso3 = iso3Of.get(language) ?? language;
    out.push({ tag, language, maximized, name, iso3, iso3s: [iso3, ...(members.get(language) ?? [])], sources: { maximized: source } });
  };
  for (const tag of tags) {
    const name = cldrNames[tag] ?? isoName.get(tag) ?? cldrNames[languageAlias[tag]?._replacement] ?? tag;
    if (likely[tag]) {
      add(tag, likely[tag], name, 'cldr');
      continue;
    }
    const sil = langtags?.byTag.get(tag);
    if (sil) {
      add(tag, `${tag}-${sil.unwritten ? 'Zxxx' : sil.script}-${sil.region}`, name, 'sil-langtags');
      continue;
    }
    const countries = glottolog?.countriesOf.get(iso3Of.get(tag) ?? tag) ?? [];
    add(tag, `${tag}-Zzzz-${countries.length === 1 ? countries[0] : 'ZZ'}`, name,
        countries.length === 1 ? 'glottolog' : 'none');
  }

  const bare = new Map(out.map((p) => [p.tag, p]));
  const extra = new Map();
  for (const id of available) {
    if (!id.includes('-')) continue;
    const [language, second] = id.split('-');
    const base = bare.get(language);
    if (!base) continue;
    // UTS #35 likely subtags, restricted to what CLDR lists: the locale itself,
    // language-Script, else the language's own.
    const max = likely[id] ?? (/^[A-Z][a-z]{3}$/.test(second) ? likely[`${language}-${second}`] : undefined) ??
      base.maximized;
    const script = /^[A-Z][a-z]{3}$/.test(second) ? second : max?.split('-')[1];
    if (script && script !== base.maximized.split('-')[1]) {
      const tag = `${language}-${script}`;
      const m = likely[tag] ?? `${tag}-${(max ?? base.maximized).split('-')[2]}`;
      const name = cldrNames[tag] ?? `${base.name} (${scriptNames[script] ?? script})`;
      extra.set(tag, { tag, m, name });
    } else if (cardinals[id] && !extra.has(id)) {
      const region = id.split('-').at(-1);
      extra.set(id, { tag: id, m: `${language}-${base.maximized.split('-')[1]}-${region}`, name: cldrNames[id] ?? id });
    }
  }
  for (const { tag, m, name } of extra.values()) add(tag, m, name, 'cldr');

  // Script profiles: language 'und', so no language's plurals or morphology.
  for (const [script, meta] of Object.entries(scriptMetadata)) {
    const tag = `und-${script}`;
    const d = direction(tag, script);
    // Vertical scripts count as in use whatever idUsage says (CLDR 48 marks
    // Mongolian EXCLUSION, yet mn-Mong is a CLDR locale): mnc-Mong needs und-Mong.
    const vertical = d.writingMode !== 'horizontal-tb';
    const plain = d.direction === 'ltr' && segmentation(script).segmentation === 'space';
    if (!vertical && (meta.idUsage === 'EXCLUSION' || plain)) continue;
    // Maximized as itself with the unknown region: its own key in the tag
    // index (likely subtags would make it ar-Arab-EG, Arabic's).
    out.push({ tag, language: 'und', maximized: `${tag}-ZZ`, iso3: 'und', iso3s: ['und'],
      name: `${scriptNames[`${script}-alt-stand-alone`] ?? scriptNames[script] ?? script} script`, sources: { maximized: 'none' } });
  }
  return out.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

// Capability fields derived from CLDR (rules in docs/data.md): direction
// (inline base direction and CSS writing mode), segmentation, plural categories, grammatical
// gender and case. Each function returns the value and where it came from.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const supplemental = (name) => require(`cldr-core/supplemental/${name}.json`).supplemental;

const scriptMetadata = require('cldr-core/scriptMetadata.json').scriptMetadata;
const cardinals = supplemental('plurals')['plurals-type-cardinal'];
const ordinals = supplemental('ordinals')['plurals-type-ordinal'];
const grammar = supplemental('grammaticalFeatures').grammaticalData;
const parentLocales = supplemental('parentLocales').parentLocales;

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
// Order = bit order in the snapshot (format_v2.h kGenderNames / kCaseNames). Append only.
export const GENDERS = ['masculine', 'feminine', 'neuter', 'animate', 'inanimate', 'common', 'personal'];
export const CASES = [
  'nominative', 'accusative', 'genitive', 'dative', 'ablative', 'locative', 'instrumental',
  'vocative', 'abessive', 'adessive', 'allative', 'comitative', 'elative', 'essive', 'illative',
  'inessive', 'partitive', 'translative', 'oblique', 'causal', 'delative', 'sublative',
  'superessive', 'terminative', 'locativecopulative', 'sociative', 'ergative', 'prepositional',
];

// Segmentation by script. Scripts not listed separate words with spaces.
//   dictionary: no spaces between words; breaking words needs a dictionary
//               (ICU ships dictionaries for exactly these: Thai, Lao, Khmer, Myanmar)
//   character:  no spaces; lines may break between (almost) any two characters
//               (Han, Japanese kana, Yi)
//   syllable:   no spaces between words; the tsheg marks syllables (Tibetan)
const SEGMENTATION = {
  Thai: 'dictionary', Laoo: 'dictionary', Khmr: 'dictionary', Mymr: 'dictionary',
  Hani: 'character', Hans: 'character', Hant: 'character', Jpan: 'character',
  Hira: 'character', Kana: 'character', Hrkt: 'character', Yiii: 'character',
  Tibt: 'syllable',
};

// The CLDR parent of a locale id: parentLocales, else drop the last subtag.
// Follows UTS #35 "Parent Locales" (the general parentLocale table; CLDR 48's
// per-field tables for plurals and grammatical features are empty).
export function parentOf(id) {
  const explicit = parentLocales.parentLocale?.[id];
  if (explicit) return explicit === 'root' ? null : explicit;
  const cut = id.lastIndexOf('-');
  return cut > 0 ? id.slice(0, cut) : null;
}

// Walks id, its parents, … and returns { value, source: 'cldr' (own) |
// 'inherited' } for the first that `get` answers, or null. Root (`und`) is
// not walked: each caller has its own root answer, and a script profile
// (und-Arab) must not take root's layout, left to right for every script.
function inherit(id, get) {
  for (let cur = id, own = true; cur && cur !== 'und'; cur = parentOf(cur), own = false) {
    const v = get(cur);
    if (v !== undefined) return { value: v, source: own ? 'cldr' : 'inherited' };
  }
  return null;
}

function layout(id) {
  const path = `cldr-misc-full/main/${id}/layout.json`;
  try {
    return require(path).main[id].layout.orientation;
  } catch {
    return undefined;
  }
}

const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;

// CSS writing-mode of a CLDR layout orientation: characters top to bottom make
// vertical lines, stacked in the line order (Mongolian: left to right).
function writingMode(o) {
  if (o.characterOrder !== 'top-to-bottom') return 'horizontal-tb';
  return o.lineOrder === 'right-to-left' ? 'vertical-rl' : 'vertical-lr';
}

// The inline base direction ('ltr' | 'rtl', as HTML `dir` and
// Intl.Locale#getTextInfo() use it) and the CSS writing mode:
//   - CLDR layout data of the locale or a parent ('cldr-layout'); a vertical
//     layout keeps the script's inline direction (Mongolian: ltr);
//   - else the script's rtl flag in CLDR scriptMetadata, and the writing mode of
//     the layout of the script's likely locale (und-Mong → mn-Mong-CN: vertical-lr)
//     ('cldr-script');
//   - unwritten languages (script Zxxx): ltr, horizontal-tb ('unwritten');
//   - else (script unknown) ltr, horizontal-tb ('none').
export function direction(tag, script) {
  const m = script === 'Zzzz' || script === 'Zxxx' ? undefined : scriptMetadata[script];
  const scriptDirection = m?.rtl === 'YES' ? 'rtl' : 'ltr';
  const l = inherit(tag, layout);
  if (l) {
    const o = l.value;
    const dir = o.characterOrder === 'right-to-left' ? 'rtl' : o.characterOrder === 'left-to-right' ? 'ltr' : scriptDirection;
    return { direction: dir, writingMode: writingMode(o), source: 'cldr-layout' };
  }
  if (m) {
    const locale = likely[`und-${script}`];
    const sl = locale && inherit(locale, layout);
    return { direction: scriptDirection, writingMode: sl ? writingMode(sl.value) : 'horizontal-tb', source: 'cldr-script' };
  }
  if (script === 'Zxxx') return { direction: 'ltr', writingMode: 'horizontal-tb', source: 'unwritten' };
  return { direction: 'ltr', writingMode: 'horizontal-tb', source: 'none' };
}

export function segmentation(script) {
  if (script === 'Zzzz' || script === 'Zxxx') return { segmentation: 'space', source: 'none' };
  return { segmentation: SEGMENTATION[script] ?? 'space', source: 'script-rule' };
}

const categories = (rules) =>
  PLURAL_CATEGORIES.filter((c) => rules[`pluralRule-count-${c}`] !== undefined);

// Cardinal and ordinal plural categories, inherited through parent locales;
// CLDR's root has the single category 'other' (source 'root').
export function plurals(tag) {
  const c = inherit(tag, (id) => (cardinals[id] ? categories(cardinals[id]) : undefined));
  const o = inherit(tag, (id) => (ordinals[id] ? categories(ordinals[id]) : undefined));
  return {
    cardinal: c ? c.value : ['other'], cardinalSource: c ? c.source : 'root',
    ordinal: o ? o.value : ['other'], ordinalSource: o ? o.source : 'root',
  };
}

// Grammatical genders and cases of nominals (CLDR grammaticalFeatures).
export function grammaticalFeatures(tag) {
  const g = inherit(tag, (id) => grammar[`${id}-targets-nominal`]);
  if (!g) return { genders: [], cases: [], source: 'none' };
  const pick = (values, known) => known.filter((x) => (values ?? []).includes(x));
  for (const x of [...(g.value.grammaticalGender ?? []), ...(g.value.grammaticalCase ?? [])])
    if (!GENDERS.includes(x) && !CASES.includes(x)) throw new Error(`gather: unknown grammatical value ${x}`);
  return {
    genders: pick(g.value.grammaticalGender, GENDERS),
    cases: pick(g.value.grammaticalCase, CASES),
    source: g.source === 'cldr' ? 'cldr' : 'cldr-inherited',
  };
}

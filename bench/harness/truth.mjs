// The benchmark's inputs and its ground truth, computed in Node from the
// pinned npm data (cldr-core, iso-639-3) — never from localecap itself, so the
// accuracy column can catch localecap too.
//
//   maximizeCldr(tag)   UTS #35 "Likely Subtags" (add likely subtags) over
//                       cldr-core's likelySubtags.json, after the alias
//                       replacement of UTS #35 "Canonical Unicode Locale
//                       Identifiers" for language, script and region subtags.
//   directionCldr(tag)  CLDR scriptMetadata `rtl` of the maximized tag's script.
//   inputSets()         the tag lists every contender runs on, deterministic.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
const alias = require('cldr-core/supplemental/aliases.json').supplemental.metadata.alias;
const scripts = require('cldr-core/scriptMetadata.json').scriptMetadata;
const available = require('cldr-core/availableLocales.json').availableLocales;
const { iso6393 } = require('iso-639-3');

/** The script codes CLDR marks right-to-left. */
export const RTL_SCRIPTS = Object.keys(scripts).filter((s) => scripts[s].rtl === 'YES').sort();

/** The 12 script-bearing tags of issue 9, item 4 — the ones most libraries get wrong. */
export const HARD_TAGS = ['af-Arab', 'pa-Arab-PK', 'ku', 'ckb', 'az-Arab', 'ff-Adlm', 'nqo', 'sd-Deva', 'uz-Arab',
  'ms-Arab', 'ar-SA', 'iw'];

const title = (s) => s[0].toUpperCase() + s.slice(1).toLowerCase();

/** {language, script, region, rest} of a well-formed tag ('_' allowed), or null. */
export function splitTag(tag) {
  const parts = tag.replace(/_/g, '-').split('-');
  const language = parts.shift()?.toLowerCase();
  if (!language || !/^([a-z]{2,3}|[a-z]{5,8})$/.test(language)) return null;
  let script = '', region = '';
  if (parts[0] && /^[a-z]{4}$/i.test(parts[0])) script = title(parts.shift());
  if (parts[0] && /^([a-z]{2}|\d{3})$/i.test(parts[0])) region = parts.shift().toUpperCase();
  return { language, script, region, rest: parts };
}

function canonical({ language, script, region, rest }) {
  // Language alias: the longest key among lang-REGION and lang that matches.
  const withRegion = region && alias.languageAlias[`${language}_${region}`];
  const a = withRegion || alias.languageAlias[language];
  if (a) {
    const r = splitTag(a._replacement.split(' ')[0]);
    language = r.language;
    script ||= r.script;
    if (withRegion || !region) region = r.region || region;
  }
  if (script && alias.scriptAlias[script]) script = alias.scriptAlias[script]._replacement;
  if (region && alias.territoryAlias[region]) region = alias.territoryAlias[region]._replacement.split(' ')[0];
  return { language, script, region, rest };
}

/** The CLDR-maximized `language-Script-REGION` of `tag`, or null if CLDR has no likely subtags for it. */
export function maximizeCldr(tag) {
  const t0 = splitTag(tag);
  if (!t0) return null;
  const t = canonical(t0);
  const L = t.language === 'root' ? 'und' : t.language;
  const keys = [];
  if (t.script && t.region) keys.push(`${L}-${t.script}-${t.region}`);
  if (t.region) keys.push(`${L}-${t.region}`);
  if (t.script) keys.push(`${L}-${t.script}`);
  keys.push(L);
  if (L !== 'und') {
    if (t.script && t.region) keys.push(`und-${t.script}-${t.region}`);
    if (t.region) keys.push(`und-${t.region}`);
    if (t.script) keys.push(`und-${t.script}`);
  }
  for (const k of keys) {
    const v = likely[k];
    if (!v) continue;
    const m = splitTag(v);
    // CLDR has nothing for the language itself (only und-…): no claim about it.
    if (k.startsWith('und-') && L !== 'und') return null;
    const language = L === 'und' ? m.language : L;
    return `${language}-${t.script || m.script}-${t.region || m.region}`;
  }
  return null;
}

/** 'rtl' | 'ltr' for `tag` per CLDR 48 (scriptMetadata of the maximized script), or null if unknown. */
export function directionCldr(tag) {
  const max = maximizeCldr(tag);
  if (!max) {
    // An explicit script decides even when the language is unknown.
    const s = splitTag(tag)?.script;
    return s && scripts[s] ? (scripts[s].rtl === 'YES' ? 'rtl' : 'ltr') : null;
  }
  const s = splitTag(max).script;
  if (!scripts[s]) return null;
  return scripts[s].rtl === 'YES' ? 'rtl' : 'ltr';
}

/**
 * Throws unless the truth agrees with answers checked by hand against the CLDR 48
 * JSON (likelySubtags, aliases, scriptMetadata), so a broken truth cannot
 * silently score every contender wrong.
 */
export function selfCheck() {
  const expected = {
    'af-Arab': ['af-Arab-ZA', 'rtl'], 'pa-Arab-PK': ['pa-Arab-PK', 'rtl'], ku: ['ku-Latn-TR', 'ltr'],
    ckb: ['ckb-Arab-IQ', 'rtl'], 'az-Arab': ['az-Arab-IR', 'rtl'], 'ff-Adlm': ['ff-Adlm-GN', 'rtl'],
    nqo: ['nqo-Nkoo-GN', 'rtl'], 'sd-Deva': ['sd-Deva-IN', 'ltr'], 'uz-Arab': ['uz-Arab-AF', 'rtl'],
    'ms-Arab': ['ms-Arab-MY', 'rtl'], 'ar-SA': ['ar-Arab-SA', 'rtl'], iw: ['he-Hebr-IL', 'rtl'],
    sh: ['sr-Latn-RS', 'ltr'], 'zh-TW': ['zh-Hant-TW', 'ltr'], 'cmn-Hans-CN': ['zh-Hans-CN', 'ltr'], en: ['en-Latn-US', 'ltr'],
  };
  for (const [tag, [max, dir]] of Object.entries(expected)) {
    if (maximizeCldr(tag) !== max || directionCldr(tag) !== dir) {
      throw new Error(`bench truth: ${tag} gives ${maximizeCldr(tag)} ${directionCldr(tag)}, expected ${max} ${dir}`);
    }
  }
}

// Deterministic PRNG (mulberry32) for the random draw.
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every ISO 639-3 individual language and macrolanguage, as its shortest BCP 47 subtag. */
export function allLanguages() {
  const out = new Set();
  for (const l of iso6393) {
    if (l.scope !== 'individual' && l.scope !== 'macrolanguage') continue;
    if (l.iso6393 >= 'qaa' && l.iso6393 <= 'qtz') continue;
    out.add(l.iso6391 || l.iso6393);
  }
  return [...out].sort();
}

/**
 * The inputs, identical for every contender:
 *   canonical     CLDR's own locales (availableLocales.full) — the warm fast path
 *   random        a fixed-seed draw over all 7,000+ languages (bare language subtags)
 *   noncanonical  well-formed tags that need canonicalization, likely subtags or the
 *                 fallback chain (case, aliases, unknown regions, variants, extensions);
 *                 every one is accepted by Intl.Locale, so the browser runs the same list
 *   hard          HARD_TAGS
 */
export function inputSets({ randomCount = 4096 } = {}) {
  const canonicalTags = available.full.filter((t) => t !== 'root');
  const langs = allLanguages();
  const draw = rng(9);
  const random = Array.from({ length: randomCount }, () => langs[Math.floor(draw() * langs.length)]);
  const regions = ['JP', 'BR', 'NG', 'IN', 'US', 'FR', 'EG', 'CN', 'TW', 'MX', 'AQ', '419', '150'];
  const extras = ['', '-u-nu-latn', '-u-ca-gregory', '-x-test', '-1996', '-fonipa'];
  const d2 = rng(7);
  const noncanonical = ['AR-eg', 'zh-hant-tw', 'sr-ME', 'de-CH-1996', 'pt-BR-u-nu-latn', 'iw-IL', 'in-ID', 'sh',
    'mo', 'no-NO', 'cmn-Hans-CN', 'ja-Jpan-JP-x-foo', 'tl', 'zh-TW', 'zh-Hant-HK', 'sr-Latn-RS', 'uz-AF', 'pa-PK'];
  const bases = canonicalTags.filter((t) => !t.includes('-')).slice(0, 400);
  while (noncanonical.length < 1024) {
    const b = bases[Math.floor(d2() * bases.length)];
    const r = regions[Math.floor(d2() * regions.length)];
    const x = extras[Math.floor(d2() * extras.length)];
    let tag = `${b}-${r}${x}`;
    if (d2() < 0.3) tag = tag.toUpperCase();
    noncanonical.push(tag);
  }
  return { canonical: canonicalTags, random, noncanonical, hard: HARD_TAGS };
}

// The key→value tables the tag component (src/tag) reads from a snapshot,
// gathered from pinned npm packages: cldr-core 48.2.0 (likelySubtags, aliases,
// parentLocales), cldr-bcp47 48.2.0 (-u- and -t- keys, types and their
// aliases) and language-subtag-registry (validity, English names).
//
// Returns {tableName: {key: value}} with the names of kTableNames in
// src/snapshot/format_v2.h. Deterministic: keys sorted. The layout of each
// table (key and value syntax) is documented in src/tag/tag_data.h; the checks
// below fail the build if CLDR ever ships a rule shape src/tag does not handle.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const fail = (msg) => {
  throw new Error(`tag_tables: ${msg}`);
};

// Canonical casing of one subtag of a unicode_language_id, by position and shape.
function caseSubtag(s, i) {
  if (i === 0) return s.toLowerCase();
  if (/^[A-Za-z]{4}$/.test(s)) return s[0].toUpperCase() + s.slice(1).toLowerCase();
  if (/^[A-Za-z]{2}$/.test(s) || /^[0-9]{3}$/.test(s)) return s.toUpperCase();
  return s.toLowerCase();
}

// Splits a unicode_language_id (no extensions) into fields, or null if it is
// not one (UTS #35 §3.1: language (2-3 or 5-8 letters or und), script, region, variants).
function languageId(tag) {
  const parts = tag.split(/[-_]/);
  if (!/^([a-z]{2,3}|[a-z]{5,8})$/i.test(parts[0])) return null;
  const f = { language: parts[0].toLowerCase(), script: '', region: '', variants: [] };
  let i = 1;
  if (i < parts.length && /^[a-z]{4}$/i.test(parts[i])) f.script = caseSubtag(parts[i++], 1);
  if (i < parts.length && /^([a-z]{2}|[0-9]{3})$/i.test(parts[i])) f.region = parts[i++].toUpperCase();
  for (; i < parts.length; ++i) {
    if (!/^([a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/i.test(parts[i])) return null;
    f.variants.push(parts[i].toLowerCase());
  }
  return f;
}

function joinId(f) {
  return [f.language || 'und', f.script, f.region, ...f.variants].filter(Boolean).join('-');
}

function aliasTables() {
  const alias = require('cldr-core/supplemental/aliases.json').supplemental.metadata.alias;
  const languageAliases = {};
  const legacyAliases = {};
  for (const [type, { _replacement: repl }] of Object.entries(alias.languageAlias)) {
    const f = languageId(type);
    if (!f) {
      // UTS #35 Annex C "BCP47 LegacyRules": whole-tag matches only.
      legacyAliases[type.toLowerCase().replace(/_/g, '-')] = repl.replace(/_/g, '-');
      continue;
    }
    f.variants.sort();
    const shape = (f.language !== 'und' ? 'L' : '') + (f.script ? 'S' : '') + (f.region ? 'R' : '') +
      'V'.repeat(f.variants.length);
    // The shapes src/tag/detail/canonicalize.cpp looks up, in UTS #35 rule order.
    if (!['LR', 'LV', 'VV', 'L', 'V'].includes(shape)) fail(`languageAlias ${type} has unsupported shape ${shape}`);
    const r = languageId(repl);
    if (!r) fail(`languageAlias ${type} has a replacement that is not a language id: ${repl}`);
    languageAliases[joinId(f)] = joinId(r);
  }
  const scriptAliases = {};
  for (const [type, { _replacement: repl }] of Object.entries(alias.scriptAlias)) scriptAliases[caseSubtag(type, 1)] = caseSubtag(repl, 1);
  const regionAliases = {};
  for (const [type, { _replacement: repl }] of Object.entries(alias.territoryAlias)) {
    if (!/^([A-Za-z]{2}|[0-9]{3})$/.test(type)) continue; // 3-letter codes (AAA) are not region subtags
    regionAliases[type.toUpperCase()] = repl.split(' ').map((x) => x.toUpperCase()).join(' ');
  }
  const variantAliases = {};
  for (const [type, { _replacement: repl }] of Object.entries(alias.variantAlias)) {
    if (languageAliases[`und-${type.toLowerCase()}`]) fail(`variant ${type} has two alias rules`);
    variantAliases[type.toLowerCase()] = repl.toLowerCase();
  }
  const subdivisionAliases = {};
  for (const [type, { _replacement: repl }] of Object.entries(alias.subdivisionAlias)) {
    // Annex C: a two-letter region replacement gets "zzzz" to stay a subdivision id.
    subdivisionAliases[type.toLowerCase()] = repl
      .split(' ')[0]
      .toLowerCase()
      .replace(/^([a-z]{2})$/, '$1zzzz');
  }
  return { languageAliases, legacyAliases, scriptAliases, regionAliases, variantAliases, subdivisionAliases };
}

// Expands "qaa..qtz" style ranges of the IANA registry.
function expand(subtag) {
  const m = /^(.+)\.\.(.+)$/.exec(subtag);
  if (!m) return [subtag];
  const [a, b] = [m[1], m[2]];
  const out = [];
  const inc = (s) => {
    const c = s.split('');
    for (let i = c.length - 1; i >= 0; --i) {
      const lower = c[i] >= 'a';
      const z = lower ? 'z' : 'Z';
      if (c[i] !== z) {
        c[i] = String.fromCharCode(c[i].charCodeAt(0) + 1);
        return c.join('');
      }
      c[i] = lower ? 'a' : 'A';
    }
    return null;
  };
  for (let s = a; s !== null; s = s === b ? null : inc(s)) out.push(s);
  return out;
}

function registryTables() {
  const registry = require('language-subtag-registry/data/json/registry.json');
  const sets = { language2: [], language3: [], extlang: [], script: [], region2: [], region3: [], variant: [] };
  const names = {};
  const nameRank = {};
  for (const r of registry) {
    if (!r.Subtag) continue;
    // The private-use languages qaa..qtz (RFC 5646 §2.2.1) are a rule in
    // src/tag/lookup.cpp (is_valid_language), not 520 listed codes.
    if (r.Type === 'language' && r.Subtag.includes('..')) {
      if (r.Subtag !== 'qaa..qtz') fail(`unexpected language range ${r.Subtag} (src/tag knows only qaa..qtz)`);
      continue;
    }
    for (const s of expand(r.Subtag)) {
      switch (r.Type) {
        case 'language': sets[s.length === 2 ? 'language2' : 'language3'].push(s.toLowerCase()); break;
        case 'extlang': sets.extlang.push(s.toLowerCase()); break;
        case 'script': sets.script.push(caseSubtag(s, 1)); break;
        case 'region': sets[/^[0-9]/.test(s) ? 'region3' : 'region2'].push(s.toUpperCase()); break;
        case 'variant': sets.variant.push(s.toLowerCase()); break;
        default: break;
      }
    }
    // English names of real languages, for "did you mean `en`?" suggestions.
    // Only one-word ASCII names can be typed where a subtag goes.
    if (r.Type !== 'language' || r.Subtag.includes('..') || r.Scope === 'special') continue;
    const code = (r['Preferred-Value'] ?? r.Subtag).toLowerCase();
    const rank = (r.Deprecated ? 2 : 0) + (code.length === 2 ? 0 : 1);
    for (const d of r.Description) {
      const name = d.toLowerCase();
      if (!/^[a-z]{2,24}$/.test(name)) continue;
      if (name in names && nameRank[name] <= rank) continue;
      names[name] = code;
      nameRank[name] = rank;
    }
  }
  // Only the names of major languages are kept (snapshot size, DESIGN §7): a
  // language with an ISO 639-1 code or a CLDR locale of its own, 329 names
  // (≈ 2 KB gzip; all 5,545 one-word names would cost 36 KB gzip). Every
  // profile still carries its own English name.
  const major = new Set(require('cldr-core/availableLocales.json').availableLocales.full.map((l) => l.split('-')[0]));
  for (const [name, code] of Object.entries(names)) if (code.length !== 2 && !major.has(code)) delete names[name];
  return { sets, names };
}

// Each sorted list split into rows keyed "kind:first-code" (chunked()). The
// languages in `profileLanguages` are left out: src/tag asks the snapshot's
// profiles first (TagData::bare_profile), so they would be stored twice.
function validSubtags(sets, profileLanguages) {
  const out = {};
  for (const [k, v] of Object.entries(sets)) {
    const codes = k.startsWith('language') ? v.filter((c) => !profileLanguages.has(c)) : v;
    chunked(k, codes, k === 'variant' ? ' ' : '', out);
  }
  return out;
}

// English names packed: tokens name + CODE (code in uppercase, so no
// separator is needed: "englishEN"), sorted by name, space-separated, in rows
// of at most MAX_ROW bytes keyed by their first name. src/tag/parse.cpp finds
// the row by a floor search on the name.
function packedNames(names) {
  const out = {};
  let row = [];
  let first = '';
  const flush = () => row.length && (out[first] = row.join(' '));
  for (const name of Object.keys(names).sort()) {
    const token = name + names[name].toUpperCase();
    if ([...row, token].join(' ').length > MAX_ROW) { flush(); row = []; }
    if (!row.length) first = name;
    row.push(token);
  }
  flush();
  return out;
}

// Sideways equivalents of a language for the resolver's last fallback step
// (DESIGN.md §4), as data: CLDR languageMatching pairs at distance <= 4 between
// plain language codes ("nb" <-> "no", "gsw" -> "de"; both ways unless CLDR
// says oneway), nearest first, then the IANA macrolanguage of an individual
// language ("yue" -> "zh", "arb" -> "ar"). Value: space-separated codes.
function languageEquivalents() {
  const matches = require('cldr-core/supplemental/languageMatching.json').supplemental.languageMatching['written-new'].languageMatch;
  const plain = /^[a-z]{2,8}$/;
  const edges = {};  // code -> [[distance, other]]
  const add = (from, to, distance) => (edges[from] ??= []).push([distance, to]);
  for (const m of matches) {
    const d = Number(m._distance);
    if (!(d <= 4) || !plain.test(m._desired) || !plain.test(m._supported)) continue;
    add(m._desired, m._supported, d);
    if (!m._oneway) add(m._supported, m._desired, d);
  }
  for (const e of require('language-subtag-registry/data/json/registry.json')) {
    if (e.Type === 'language' && e.Macrolanguage) add(e.Subtag, e.Macrolanguage, 100);
  }
  const out = {};
  for (const [code, list] of Object.entries(edges)) {
    list.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    out[code] = [...new Set(list.map(([, other]) => other))].filter((o) => o !== code).join(' ');
  }
  return out;
}

// Splits the sorted `codes` into rows of at most MAX_ROW bytes (the snapshot's
// string limit) keyed "prefix:first-code"; src/tag finds the row that can hold
// a code by a floor search (find_floor of "prefix:code").
const MAX_ROW = 255;
function chunked(prefix, codes, sep, out) {
  let chunk = [];
  const flush = () => chunk.length && (out[`${prefix}:${chunk[0]}`] = chunk.join(sep));
  for (const code of [...new Set(codes)].sort()) {
    if ([...chunk, code].join(sep).length > MAX_ROW) { flush(); chunk = []; }
    chunk.push(code);
  }
  flush();
}

// The -u- and -t- extension data of UTS #35 §3.6.4 / §3.7.1 (cldr-bcp47):
//   extensionTypes   "u" → "ca co cu …" (the keys), "u-ca" → the key's kind
//                    (space-separated words: "incremental", "multiple", "any",
//                    "deprecated", and the special type placeholders such as
//                    "REORDER_CODE"), "u-ca:buddhist" → "buddhist chinese …"
//                    (the key's types, sorted, chunked as validSubtags)
//   extensionAliases "u-ca-islamicc" → "islamic-civil", "u-ks-primary" →
//                    "level1", "u-kb-yes" → "true", "t-m0-names" → "prprname":
//                    deprecated types with a preferred one, and the `alias`
//                    spellings that are well-formed type values (3–8
//                    alphanumerics per subtag; "gregorian" is not).
function extensionTables() {
  let dir;
  try {
    dir = path.dirname(require.resolve('cldr-bcp47/package.json'));
  } catch {
    fail('the npm package cldr-bcp47 is not installed: run `npm ci` (package.json pins cldr-bcp47 48.2.0)');
  }
  const files = fs.readdirSync(path.join(dir, 'bcp47')).filter((f) => f.endsWith('.json')).sort();
  const types = {};
  const aliases = {};
  const keys = { u: [], t: [] };
  const typeValue = /^[a-z0-9]{3,8}(-[a-z0-9]{3,8})*$/;
  for (const f of files) {
    const kw = JSON.parse(fs.readFileSync(path.join(dir, 'bcp47', f), 'utf8')).keyword ?? {};
    for (const [ext, byKey] of Object.entries(kw)) {
      if (!keys[ext]) fail(`cldr-bcp47 ${f}: unknown extension ${ext}`);
      for (const [key, entry] of Object.entries(byKey)) {
        const k = key.toLowerCase();
        if (!/^[a-z0-9]{2}$/.test(k)) fail(`cldr-bcp47 ${f}: key ${key} is not two alphanumerics`);
        keys[ext].push(k);
        const kind = [];
        if (entry._valueType) kind.push(entry._valueType);
        if (entry._deprecated === true || entry._deprecated === 'true') kind.push('deprecated');
        const list = [];
        // A spelling that is a type of the key is never an alias ("islamicc",
        // deprecated, lists its preferred "islamic-civil" as an alias).
        const own = new Set(Object.keys(entry));
        for (const [type, t] of Object.entries(entry)) {
          if (type.startsWith('_')) continue;
          if (/^[A-Z_]+$/.test(type)) {
            kind.push(type);  // a placeholder: REORDER_CODE, SCRIPT_CODE, CODEPOINTS, …
            continue;
          }
          if (!typeValue.test(type)) fail(`cldr-bcp47 ${f}: type ${ext}-${key}-${type} is not well-formed`);
          list.push(type);
          const spellings = [];
          if (t._preferred) {
            if (!typeValue.test(t._preferred)) fail(`cldr-bcp47 ${f}: preferred ${t._preferred} is not well-formed`);
            aliases[`${ext}-${k}-${type}`] = t._preferred;
          }
          for (const a of (t._alias ?? '').split(' ')) {
            const low = a.toLowerCase();
            if (low && !own.has(low) && typeValue.test(low) && !(ext === 'u' && low.split('-').some((s) => s.length < 3))) spellings.push(low);
          }
          for (const a of spellings) {
            const prev = aliases[`${ext}-${k}-${a}`];
            if (prev && prev !== type) fail(`cldr-bcp47: ${ext}-${k}-${a} is an alias of ${prev} and ${type}`);
            aliases[`${ext}-${k}-${a}`] = type;
          }
        }
        types[`${ext}-${k}`] = kind.join(' ');
        chunked(`${ext}-${k}`, list, ' ', types);
      }
    }
  }
  for (const [ext, list] of Object.entries(keys)) types[ext] = [...new Set(list)].sort().join(' ');
  return { extensionTypes: types, extensionAliases: aliases };
}

// `profiles`: the profiles of the snapshot (gather.mjs), to leave out the rows
// that bare-language profiles repeat: a likelySubtags row "fr" → "fr-Latn-FR"
// when profile "fr" has that maximized tag from CLDR, and a profile's language
// in validSubtags (TagData::bare_profile in src/tag/tag_data.h answers both).
export function tagTables(profiles = []) {
  const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
  const parents = require('cldr-core/supplemental/parentLocales.json').supplemental.parentLocales.parentLocale;
  const a = aliasTables();
  const r = registryTables();
  const e = extensionTables();
  const registered = new Set([...r.sets.language2, ...r.sets.language3]);
  const profileLanguages = new Set();
  const likelyRows = { ...likely };
  for (const p of profiles) {
    if (p.tag.includes('-')) continue;
    if (p.tag !== 'und' && !registered.has(p.tag)) fail(`profile ${p.tag} is not a registered IANA language`);
    profileLanguages.add(p.tag);
    if (p.sources.maximized === 'cldr' && likely[p.tag] === p.maximized) delete likelyRows[p.tag];
    else if (p.sources.maximized === 'cldr') fail(`profile ${p.tag}: maximized ${p.maximized} is not CLDR's ${likely[p.tag]}`);
  }
  return {
    likelySubtags: sorted(likelyRows),
    languageAliases: sorted(a.languageAliases),
    legacyAliases: sorted(a.legacyAliases),
    scriptAliases: sorted(a.scriptAliases),
    regionAliases: sorted(a.regionAliases),
    variantAliases: sorted(a.variantAliases),
    subdivisionAliases: sorted(a.subdivisionAliases),
    parentLocales: sorted(parents),
    validSubtags: sorted(validSubtags(r.sets, profileLanguages)),
    languageNames: sorted(packedNames(r.names)),
    languageEquivalents: sorted(languageEquivalents()),
    extensionTypes: sorted(e.extensionTypes),
    extensionAliases: sorted(e.extensionAliases),
  };
}

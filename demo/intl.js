// What the browser's own Intl (its built-in ICU/CLDR) says, for comparison and
// for sample text: localecap knows 7,000+ languages, the browser a few hundred.

/** Calls fn repeatedly for about `budgetMs` (at least `min` times); returns ns per call. */
export function timeIt(fn, { budgetMs = 2, min = 20 } = {}) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < min; i++) fn();
    n += min;
    t = performance.now();
  } while (t - t0 < budgetMs);
  return ((t - t0) * 1e6) / n;
}

/** Browser's view of `tag`: {ok, maximized, direction, supported, error}. */
export function intlView(tag) {
  try {
    const loc = new Intl.Locale(tag);
    const info = typeof loc.getTextInfo === 'function' ? loc.getTextInfo() : loc.textInfo;
    const supported = Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
    return { ok: true, maximized: loc.maximize().toString(), direction: info?.direction ?? '—', supported };
  } catch (e) {
    return { ok: false, error: `${e.name}: ${e.message}` };
  }
}

/** ns per call of Intl.Locale(tag).maximize() and .getTextInfo(), or null if Intl throws. */
export function intlTimings(tag) {
  try { new Intl.Locale(tag); } catch { return null; }
  const hasGet = typeof Intl.Locale.prototype.getTextInfo === 'function';
  return {
    maximize: timeIt(() => new Intl.Locale(tag).maximize()),
    textInfo: timeIt(hasGet ? () => new Intl.Locale(tag).getTextInfo() : () => new Intl.Locale(tag).textInfo),
  };
}

const pluralCache = new Map();

/**
 * Example numbers per plural category: CLDR's own samples, else the browser's
 * Intl.PluralRules — in either case only when their categories are the same
 * as localecap's (so the examples never contradict the card). Else null.
 */
export function pluralExamples(p, kind, categories) {
  return cldrPluralExamples(p, kind, categories) ?? intlPluralExamples(p, kind, categories);
}

// CLDR's own samples (demo/tools/make-samples.mjs), when its categories are localecap's.
function cldrPluralExamples(p, kind, categories) {
  const lang = p.language || p.tag.split('-')[0];
  const table = cldrPlurals[lang]?.[kind];
  if (!table) return null;
  const theirs = Object.keys(table);
  if (theirs.length !== categories.length || !categories.every((c) => theirs.includes(c))) return null;
  return Object.fromEntries(categories.map((c) => [c, table[c] ? [table[c].replaceAll('~', '–')] : []]));
}

function intlPluralExamples(p, kind, categories) {
  const lang = p.language || p.tag;
  const key = `${lang}|${kind}|${categories.join()}`;
  if (pluralCache.has(key)) return pluralCache.get(key);
  let out = null;
  try {
    if (Intl.PluralRules.supportedLocalesOf([lang]).length) {
      const rules = new Intl.PluralRules(lang, { type: kind });
      const theirs = rules.resolvedOptions().pluralCategories;
      if (theirs.length === categories.length && categories.every((c) => theirs.includes(c))) {
        out = Object.fromEntries(categories.map((c) => [c, []]));
        const candidates = [];
        for (let i = 0; i <= 200; i++) candidates.push(i);
        candidates.push(1000, 1000000, 0.5, 1.5, 2.5);
        for (const n of candidates) {
          const list = out[rules.select(n)];
          if (list && list.length < 4) list.push(n);
        }
      }
    }
  } catch { out = null; }
  pluralCache.set(key, out);
  return out;
}

// ISO 15924 codes that are not Unicode Script property values: the scripts they combine.
const SCRIPT_PARTS = { Hans: ['Hani'], Hant: ['Hani'], Jpan: ['Hani', 'Hira', 'Kana'], Kore: ['Hang', 'Hani'], Hanb: ['Hani', 'Bopo'] };

function inScript(text, script) {
  if (!script || script === 'Zzzz' || script === 'Zyyy') return false;
  try {
    const parts = SCRIPT_PARTS[script] ?? [script];
    return new RegExp(`[${parts.map((s) => `\\p{Script=${s}}`).join('')}]`, 'u').test(text);
  } catch { return false; }
}

const SAMPLE_DATE = new Date(Date.UTC(2026, 2, 21, 12));

// CLDR's own names and exemplar letters (demo/tools/make-samples.mjs), for the
// languages the browser's Intl has no data for. Loaded once, in the background.
let cldrSamples = {};
let cldrPlurals = {};
const load = (file) => fetch(`/demo-data/${file}`).then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
export const samplesLoaded = Promise.all([load('samples.json'), load('plurals.json')])
  .then(([samples, plurals]) => { cldrSamples = samples; cldrPlurals = plurals; });

function cldrSample(p) {
  const lang = p.language || p.tag.split('-')[0];
  const s = cldrSamples[p.tag] ?? cldrSamples[`${lang}-${p.script}`] ?? cldrSamples[lang];
  if (!s) return null;
  const name = s.name && (p.script === 'Latn' || inScript(s.name, p.script)) ? s.name : '';
  const letters = s.letters && (p.script === 'Latn' || inScript(s.letters, p.script)) ? s.letters : '';
  if (!name && !letters) return null;
  return {
    text: name, letters, lang: p.tag,
    note: name && letters ? 'its own name and letters, from CLDR' : name ? 'its own name, from CLDR' : 'its letters, from CLDR',
  };
}

/**
 * Sample text in the profile's script: its own name and a date from the
 * browser's Intl when the browser knows the language, else its own name and
 * letters from CLDR. {text, letters?, lang, note} or null.
 */
export function sampleText(p) {
  return intlSample(p) ?? cldrSample(p);
}

function intlSample(p) {
  const tag = p.tag;
  const lang = p.language || tag.split('-')[0];
  try {
    if (!Intl.DisplayNames.supportedLocalesOf([tag]).length) return null;
    const own = new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' }).of(tag) ??
      new Intl.DisplayNames([tag], { type: 'language', fallback: 'none' }).of(lang);
    if (!own) return null;
    if (p.script !== 'Latn' && !inScript(own, p.script)) return null;
    let date = '';
    if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length) {
      date = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone: 'UTC' }).format(SAMPLE_DATE);
    }
    return { text: date ? `${own} · ${date}` : own, lang: tag, note: 'its own name and a date, from your browser’s CLDR data' };
  } catch {
    return null;
  }
}

// ICU4X (npm `icu`, Rust compiled to WebAssembly with its CLDR data baked into
// a 20.5 MB wasm), the closest peer, used the way a page would: parse with
// `Locale.fromString(tag)`, then ask `LocaleDirectionality#get`, or
// canonicalize and `LocaleExpander#maximize` and read the script. The
// extended data (all languages CLDR has likely subtags for, not only the
// "common" ones) is ICU4X's most accurate choice.
//
// Memory: the Diplomat bindings give a `Locale` no free() or dispose; each is
// freed by the library's own FinalizationRegistry once the JS object is
// collected, so the timed loops include that cost, as a page's would.
//
// Bundled for the browser by bench/run.mjs (esbuild) into
// build/bench/icu4x.js, next to a copy of icu_capi.wasm (the library finds it
// with `new URL('icu_capi.wasm', import.meta.url)` and compiles it streaming).
import { Locale, LocaleCanonicalizer, LocaleDirection, LocaleDirectionality, LocaleExpander } from 'icu';

/** The contenders, as bench/browser/contenders.js gives them: {name: {what, direction(tag)}}. */
export function makeIcu4xContenders(rtlScripts) {
  const rtl = new Set(rtlScripts);
  const directionality = LocaleDirectionality.createExtended();
  const expander = LocaleExpander.createExtended();
  const canonicalizer = LocaleCanonicalizer.createExtended();
  const parse = (t) => { try { return Locale.fromString(t); } catch { return null; } }; // ill-formed: ltr, as localecap's root
  return {
    'ICU4X parse + direction': {
      what: 'LocaleDirectionality.createExtended().get(Locale.fromString(t)) (maximizes internally; Unknown → ltr)',
      direction(t) {
        const loc = parse(t);
        return loc !== null && directionality.get(loc) === LocaleDirection.RightToLeft ? 'rtl' : 'ltr';
      },
    },
    'ICU4X parse + canonicalize + maximize': {
      what: "Locale.fromString(t), LocaleCanonicalizer.createExtended().canonicalize, LocaleExpander.createExtended().maximize, then .script and CLDR's RTL scripts",
      direction(t) {
        const loc = parse(t);
        if (loc === null) return 'ltr';
        canonicalizer.canonicalize(loc);
        expander.maximize(loc);
        return rtl.has(loc.script) ? 'rtl' : 'ltr';
      },
    },
  };
}

/** The cold-start page's one answer: the direction of `tag`, from a fresh LocaleDirectionality. */
export function firstDirection(tag) {
  const loc = Locale.fromString(tag);
  return LocaleDirectionality.createExtended().get(loc) === LocaleDirection.RightToLeft ? 'rtl' : 'ltr';
}

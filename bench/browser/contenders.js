// What a page would use instead of localecap, each wrapped as one function
// `direction(tag) → 'rtl' | 'ltr'` doing the whole job the way its README
// suggests. Bundled for the browser by bench/run.mjs (esbuild) into
// build/bench/contenders.js. Every script-based answer gets CLDR's own
// right-to-left script list (passed in), so a wrong answer is the library's
// missing likely-subtags knowledge, not a worse table.
import { tags } from 'language-tags';
import { parse } from 'bcp-47';
import { bcp47Normalize } from 'bcp-47-normalize';
import rtlDetect from 'rtl-detect';
import { Locale as FormatjsLocale } from '@formatjs/intl-locale';

// The right-to-left language list apps copy when they have no locale data
// (the one rtl-detect ships, reduced to language subtags).
const RTL_LANGUAGES = new Set(['ae', 'ar', 'arc', 'bcc', 'bqi', 'ckb', 'dv', 'fa', 'glk', 'he', 'iw', 'ku', 'mzn',
  'nqo', 'pnb', 'ps', 'sd', 'ug', 'ur', 'yi']);

export function makeContenders(rtlScripts) {
  const rtl = new Set(rtlScripts);
  const dirOfScript = (s) => (rtl.has(s) ? 'rtl' : 'ltr');
  return {
    'language-tags': {
      what: "tags(t): script subtag, else the language's Suppress-Script (IANA registry), then CLDR's RTL scripts",
      direction(t) {
        const tag = tags(t);
        const s = tag.find('script') ?? tag.language()?.script();
        return s ? dirOfScript(s.format()) : 'ltr';
      },
    },
    'bcp-47 + bcp-47-normalize': {
      what: 'parse(bcp47Normalize(t)): script subtag, else a hand-kept RTL language list',
      direction(t) {
        const p = parse(bcp47Normalize(t));
        if (p.script) return dirOfScript(p.script[0].toUpperCase() + p.script.slice(1).toLowerCase());
        return RTL_LANGUAGES.has(p.language) ? 'rtl' : 'ltr';
      },
    },
    'rtl-detect': {
      what: 'getLangDir(t)',
      direction: (t) => rtlDetect.getLangDir(t),
    },
    '@formatjs/intl-locale': {
      what: "new Locale(t).maximize().script (the Intl.Locale polyfill's own likely subtags), then CLDR's RTL scripts",
      direction: (t) => dirOfScript(new FormatjsLocale(t).maximize().script),
    },
  };
}

// Names: suggestions and "did you mean" by language name, for every profile
// (Registry#suggest, index.d.ts). The names live in a second, optional file,
// dist/names.json (built by tools/data/names.mjs; format in docs/data.md "The
// names file"), fetched on first use: the core snapshot has no room for them,
// and resolve() never needs them. Without the file everything else works;
// suggest() then rejects with a NamesError saying why and what to do.
//
// Search ignores case, diacritics and punctuation (fold()): "francais" finds
// Français, "foroyskt" Føroyskt, "tieng viet" Tiếng Việt.
import { fetchSnapshot } from './hydration.js';
import { NamesError } from './errors.js';

/** Where createRegistry looks for the names file unless told (option `names`). */
export const DEFAULT_NAMES_URL = new URL('./dist/names.json', import.meta.url);
const FORMAT = 1;
const MAX_BYTES = 4 * 1024 * 1024;
// A failed load is remembered this long, so a search box calling suggest() on
// every keystroke does not refetch a missing file each time.
const RETRY_AFTER_MS = 5000;

// Letters that do not decompose into a base letter and a mark, folded to the
// ASCII a typist would use; and apostrophes, which many autonyms spell several
// ways (Ch'a'teem, Chʼaʼteem). Everything else: NFKD, then the combining marks
// of Latin, Greek and Cyrillic dropped (not the vowel signs of Brahmic
// scripts: they are letters there).
const LETTERS = {
  'ß': 'ss', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'æ': 'ae', 'œ': 'oe', 'ı': 'i', 'ħ': 'h',
  'ŧ': 't', 'ŋ': 'ng', 'ə': 'e', 'ɛ': 'e', 'ɔ': 'o', 'ɨ': 'i', 'ʋ': 'v', 'ɓ': 'b', 'ɗ': 'd', 'ƙ': 'k', 'ƴ': 'y',
  'ʼ': '', '’': '', "'": '', 'ʻ': '', '‘': '',
};
const LETTER = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

/** `text` as names are compared: lower case, no diacritics, punctuation as single spaces. */
export function fold(text) {
  return text.toLowerCase().normalize('NFKD').replace(MARKS, '').replace(LETTER, (c) => LETTERS[c])
    .replace(SEPARATORS, ' ').trim();
}

// How a key matched, best first (Suggestion.match in index.d.ts is by kind).
const EXACT_CODE = 0, EXACT_NAME = 1, PREFIX = 2, WORD_PREFIX = 3, CONTAINS = 4;

/**
 * The searchable form of the names file's rows ([tag, english[], own[],
 * codes[]]): per row its keys, folded. Rows keep the file's order (major
 * languages first), which breaks ties.
 */
export class NameIndex {
  #rows;

  /** Throws a NamesError ('names-bad-file') when `doc` is not a names file of this format. */
  constructor(doc, url = '') {
    if (doc?.format !== FORMAT || !Array.isArray(doc.languages)) {
      throw new NamesError('names-bad-file', `${url || 'the names file'} is not a localecap names file of format ${FORMAT}`,
        'rebuild it with tools/build.sh (web/dist/names.json) and serve it with the same package version', url);
    }
    this.#rows = doc.languages.map(([tag, english = [], own = [], codes = []]) => {
      const keys = [];
      const add = (kind, text) => { const key = fold(text); if (key) keys.push({ kind, text, key }); };
      add('tag', tag);
      for (const c of codes) add('code', c);
      for (const n of english) add('name', n);
      for (const n of own) add('autonym', n);
      return { tag, name: english[0] ?? tag, autonym: own[0] ?? '', keys };
    });
  }

  /** Rows in the file. */
  get size() { return this.#rows.length; }

  /**
   * Up to `limit` rows for `text`, best first: its tag or a code, a name equal
   * to it, names starting with it, names with a word starting with it, names
   * containing it. Rows `accept(tag)` refuses are skipped.
   * @returns {{tag: string, name: string, autonym: string, matched: string, match: string}[]}
   */
  search(text, limit = 8, accept = () => true) {
    const q = fold(text);
    if (!q || limit <= 0) return [];
    const hits = [];
    for (let i = 0; i < this.#rows.length; i++) {
      const row = this.#rows[i];
      let best = null, score = CONTAINS + 1;
      for (const k of row.keys) {
        const s = scoreOf(k, q);
        if (s < score) { score = s; best = k; }
      }
      if (best !== null) hits.push({ score, i, row, best });
    }
    hits.sort((a, b) => a.score - b.score || a.i - b.i);
    const out = [];
    for (const h of hits) {
      if (out.length >= limit) break;
      if (!accept(h.row.tag)) continue;
      out.push({ tag: h.row.tag, name: h.row.name, autonym: h.row.autonym, matched: h.best.text, match: h.best.kind });
    }
    return out;
  }
}

function scoreOf(k, q) {
  const { key } = k;
  if (key === q) return k.kind === 'tag' || k.kind === 'code' ? EXACT_CODE : EXACT_NAME;
  if (k.kind === 'tag' || k.kind === 'code') return key.startsWith(q) ? PREFIX : CONTAINS + 1;
  if (key.startsWith(q)) return PREFIX;
  const at = key.indexOf(q);
  if (at < 0) return CONTAINS + 1;
  return key[at - 1] === ' ' || key.includes(` ${q}`, at) ? WORD_PREFIX : CONTAINS;
}

/**
 * Loads the names file once per instance, on first use. A failed load rejects
 * with a NamesError and is retried by a call made RETRY_AFTER_MS later.
 */
export class NamesLoader {
  #url;
  #loading = null;
  #failedAt = 0;

  /** @param {string} url  absolute URL of the names file (http:, https:, or file: in Node) */
  constructor(url) { this.#url = url; }

  /** @returns {Promise<NameIndex>} */
  index() {
    if (this.#loading !== null && !(this.#failedAt && Date.now() - this.#failedAt >= RETRY_AFTER_MS)) return this.#loading;
    this.#failedAt = 0;
    this.#loading = load(this.#url).catch((e) => {
      this.#failedAt = Date.now();
      throw e;
    });
    return this.#loading;
  }
}

// The one fetch implementation (hydration.js: timeouts, a size cap, file: URLs
// in Node), without signatures: names never change what resolve() answers.
async function load(url) {
  const r = await fetchSnapshot(url, { retries: 1, maxBytes: MAX_BYTES });
  if (r.bytes === null) {
    const why = r.message || r.reason || 'no response';
    throw new NamesError('names-unavailable', `the names file ${url} could not be loaded (${why})`,
      'serve web/dist/names.json beside the module (it ships in the package), or pass createRegistry({ names: URL }); resolve() works without it', url);
  }
  let doc;
  try {
    doc = JSON.parse(new TextDecoder().decode(r.bytes));
  } catch (e) {
    throw new NamesError('names-bad-file', `${url} is not JSON (${e.message})`,
      'rebuild it with tools/build.sh (web/dist/names.json)', url);
  }
  return new NameIndex(doc, url);
}

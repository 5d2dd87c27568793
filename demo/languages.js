// The list of every language the live snapshot knows, for the Explore panel
// and for suggestions by English name when the names file is unavailable
// (resolve.js; registry.suggest() is the search otherwise).
//
// The public API has no "list all profiles" call, and the page needs none: every
// language subtag is 2 or 3 letters (RFC 5646 §2.2.1; 4-letter subtags are
// reserved, 5–8 letter ones unused), so resolving all 18,252 of them through
// resolve() finds every language profile the snapshot holds. Each unknown code
// falls back to the root profile ('und') and is skipped; codes that canonicalize
// to the same language (iw → he) land on the same frozen profile and are listed
// once. It is a few tens of milliseconds of resolve() calls, done in slices so
// the page stays responsive, and always agrees with the live snapshot version.

const A = 97;
const SLICE = 1500; // codes per task: a few ms each

function* codes() {
  for (let i = 0; i < 26; i++) for (let j = 0; j < 26; j++) yield String.fromCharCode(A + i, A + j);
  for (let i = 0; i < 26; i++) for (let j = 0; j < 26; j++) for (let k = 0; k < 26; k++) yield String.fromCharCode(A + i, A + j, A + k);
}

const nextTask = () => new Promise((r) => setTimeout(r, 0));

/**
 * Resolves every 2–3 letter code; returns [{tag, name, profile, aliases}] sorted
 * by English name, one entry per distinct profile (profile.tag is the key).
 */
export async function enumerateLanguages(registry) {
  const byProfile = new Map();
  let n = 0;
  const version = registry.version;
  for (const code of codes()) {
    const p = registry.resolve(code);
    const match = registry.lastMatch;
    if (match !== 'root' && p.tag !== 'und') {
      const e = byProfile.get(p);
      if (e) e.aliases.push(code);
      else byProfile.set(p, { tag: p.tag, name: p.name || p.tag, profile: p, aliases: [code] });
    }
    if (++n % SLICE === 0) {
      await nextTask();
      if (registry.version !== version) return enumerateLanguages(registry); // a swap landed: start over
    }
  }
  const list = [...byProfile.values()];
  for (const e of list) {
    e.search = `${e.name} ${e.tag} ${e.aliases.join(' ')}`.toLowerCase();
  }
  // Named languages first (CLDR has English names for about a thousand), then the rest by code.
  const named = (e) => (e.name !== e.tag ? 0 : 1);
  list.sort((a, b) => named(a) - named(b) || a.name.localeCompare(b.name, 'en') || (a.tag < b.tag ? -1 : 1));
  return list;
}

/**
 * Up to `limit` languages for `text`: the language whose tag it is, then names
 * and tags starting with it, then names containing it (list order: by name).
 */
export function suggest(list, text, limit = 8) {
  const q = text.trim().toLowerCase().replace(/_/g, '-');
  if (!q) return [];
  const exact = [], starts = [], contains = [];
  for (const e of list) {
    const name = e.name.toLowerCase(), tag = e.tag.toLowerCase();
    if (tag === q || name === q) exact.push(e);
    else if (name.startsWith(q) || tag.startsWith(q)) { if (starts.length < limit) starts.push(e); }
    else if (contains.length < limit && e.search.includes(q)) contains.push(e);
  }
  return [...exact, ...starts, ...contains].slice(0, limit);
}

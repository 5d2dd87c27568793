// The names file (tools/data/names.mjs → web/dist/names.json) and its search
// (web/names.js): every profile is found by its English name, every autonym
// of CLDR and SIL langtags is in the file and finds its language, search
// ignores case and diacritics, and a names file that cannot be had gives a
// NamesError with a code, a message and a suggestion. Reads the build outputs
// of tools/build.sh; the autonym coverage check needs ../shared/data/langtags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readCsv } from '../../tools/data/csv.mjs';
import { NameIndex, NamesLoader, fold } from '../../web/names.js';
import { LocalecapError } from '../../web/errors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const namesPath = `${root}build/data/names.json`;
const dataPath = `${root}build/data/localecap-data.json`;
const autonymsPath = process.env.LOCALECAP_LANGTAGS_DIR ? `${process.env.LOCALECAP_LANGTAGS_DIR}/autonyms.csv`
  : `${root}../shared/data/langtags/autonyms.csv`;
const built = existsSync(namesPath) && existsSync(dataPath);
const skip = built ? false : `no ${namesPath} (run tools/build.sh)`;
const doc = built ? JSON.parse(readFileSync(namesPath, 'utf8')) : null;
const index = built ? new NameIndex(doc) : null;
const finds = (text, tag, limit = 8) => index.search(text, limit).some((s) => s.tag === tag);

test('fold ignores case, diacritics, punctuation and letters typed without their stroke', () => {
  assert.equal(fold('Français'), 'francais');
  assert.equal(fold('TIẾNG VIỆT'), 'tieng viet');
  assert.equal(fold('Føroyskt'), 'foroyskt');
  assert.equal(fold('Straße'), 'strasse');
  assert.equal(fold('Wilamowicean: wymysiöeryś'), 'wilamowicean wymysioerys');
  assert.equal(fold('łatgalīšu'), 'latgalisu');
  assert.equal(fold("Ch'a'teem  Chʼaʼteem"), 'chateem chateem');
  assert.equal(fold('Ελληνικά'), 'ελληνικα');
  assert.equal(fold('zh_Hant'), fold('zh-Hant'));
  assert.equal(fold('हिन्दी'), 'हिन्दी'.normalize('NFKD')); // Brahmic vowel signs are letters: kept
});

test('every profile is in the names file and found by its English name', { skip }, () => {
  const data = JSON.parse(readFileSync(dataPath, 'utf8'));
  assert.equal(doc.languages.length, data.profiles.length);
  const missing = data.profiles.filter((p) => !finds(p.name, p.tag)).map((p) => `${p.tag} (${p.name})`);
  assert.deepEqual(missing, [], `${missing.length} of ${data.profiles.length} profiles not found by English name`);
});

test('every name in the language itself finds its language', { skip }, () => {
  const missing = [];
  let n = 0;
  for (const [tag, , own] of doc.languages) {
    for (const name of own) {
      n++;
      if (!finds(name, tag, 25)) missing.push(`${tag}: ${name}`);
    }
  }
  assert.ok(n > 4000, `${n} autonyms`);
  assert.deepEqual(missing, []);
});

test('every SIL langtags autonym and CLDR own name of a profiled language is in the file', { skip: skip || (!existsSync(autonymsPath) && `no ${autonymsPath}`) }, () => {
  const byCode = new Map();
  for (const [tag, , own, codes] of doc.languages) for (const c of [tag, ...codes]) if (!byCode.has(c)) byCode.set(c, own.map(fold));
  const missing = [];
  let n = 0;
  for (const r of readCsv(autonymsPath)) {
    const own = byCode.get(r.ISO_639);
    if (!own || !r.Print_Name.trim()) continue; // no profile (CLDR folds the code into none), or no name
    n++;
    if (!own.includes(fold(r.Print_Name))) missing.push(`${r.ISO_639}: ${r.Print_Name}`);
  }
  assert.ok(n > 3400, `${n} SIL autonym rows matched a profile`);
  assert.deepEqual(missing, []);
  const own = (tag) => doc.languages.find((r) => r[0] === tag)[2][0];
  assert.equal(own('fr'), 'français');
  assert.equal(own('sr-Latn'), 'srpski');
  assert.equal(own('ja'), '日本語');
});

test('search without diacritics or case finds the language first', { skip }, () => {
  const first = (text) => index.search(text, 1)[0]?.tag;
  const cases = {
    francais: 'fr', ESPANOL: 'es', 'español': 'es', deutsch: 'de', 'norsk bokmal': 'nb', foroyskt: 'fo',
    'tieng viet': 'vi', islenska: 'is', turkce: 'tr', 'ελληνικα': 'el', 'русский': 'ru', '日本語': 'ja',
    castilian: 'es', mandarin: 'zh', iw: 'he', eng: 'en', 'zh_hant': 'zh-Hant', hawaiian: 'haw',
  };
  for (const [text, tag] of Object.entries(cases)) assert.equal(first(text), tag, text);
  assert.ok(finds("ch'a'teem", 'acr') && finds('chateem', 'acr'), 'apostrophes ignored');
  const s = index.search('francais', 1)[0];
  assert.deepEqual({ ...s }, { tag: 'fr', name: 'French', autonym: 'français', matched: 'français', match: 'autonym' });
  assert.deepEqual(index.search('', 5), []);
  assert.deepEqual(index.search('zzzzqqq', 5), []);
});

test('a names file that cannot be had rejects with a NamesError (code, message, suggestion) and is retried later', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/bad.json') { res.writeHead(200); res.end('{"format": 99, "languages": []}'); return; }
    if (req.url === '/notjson') { res.writeHead(200); res.end('<html>'); return; }
    res.writeHead(404); res.end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const expectError = async (url, code) => {
      const e = await new NamesLoader(url).index().then(() => null, (err) => err);
      assert.ok(e instanceof LocalecapError, `${url}: ${e}`);
      assert.equal(e.name, 'NamesError');
      assert.equal(e.code, code);
      assert.ok(e.message.includes(url), e.message);
      assert.ok(e.suggestion.length > 10, e.suggestion);
      return e;
    };
    assert.match((await expectError(`${base}/names.json`, 'names-unavailable')).message, /HTTP 404/);
    await expectError(`${base}/bad.json`, 'names-bad-file');
    await expectError(`${base}/notjson`, 'names-bad-file');
    await expectError(pathToFileURL(`${root}build/no-such-names.json`).href, 'names-unavailable');
    // A failure is remembered for a few seconds: the same promise, no refetch on every keystroke.
    const loader = new NamesLoader(`${base}/names.json`);
    const first = loader.index();
    await first.catch(() => {});
    assert.equal(loader.index(), first);
  } finally {
    server.close();
  }
  // Offline: nothing listens.
  const closed = `http://127.0.0.1:${server.address()?.port ?? 9}/names.json`;
  const e = await new NamesLoader(closed).index().then(() => null, (err) => err);
  assert.equal(e?.code, 'names-unavailable');
});

test('the names file loads from a file: URL in Node', { skip }, async () => {
  const ix = await new NamesLoader(pathToFileURL(namesPath).href).index();
  assert.equal(ix.size, doc.languages.length);
});

// Node ESM consumer of the installed tarball: node main.mjs FILE_URL HTTP_URL
// loads the shipped snapshot, then update()s from a file: URL and over HTTP,
// and suggests a language by autonym from the shipped names file.
// Prints one JSON line with what it saw.
import { createRegistry, LocaleTagError } from 'localecap';

const [fileUrl, httpUrl] = process.argv.slice(2);
const reg = await createRegistry();
const seen = { mode: reg.mode, start: reg.version, ar: reg.resolve('ar-EG').direction };
seen.fromFile = await reg.update(fileUrl);
seen.fromHttp = await reg.update(httpUrl);
seen.notModified = await reg.update(httpUrl); // the same ETag: a 304
seen.stats = reg.stats();
seen.suggested = (await reg.suggest('francais', { limit: 1 }))[0]?.tag;
try { reg.resolve('en_US', { strict: true }); } catch (e) { seen.strict = e instanceof LocaleTagError ? e.suggestion : String(e); }
reg.dispose();
console.log(JSON.stringify(seen));

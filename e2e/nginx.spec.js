// A real static origin (issue 18 §2): nginx, with docs/nginx.conf (the README's
// config), serves a page, the package and the output of
// `node tools/serve.mjs --export`; a cross-origin isolated page watches
// latest.lcs with signatures from the .sig files (a static host sends no
// signature header). New versions are "uploaded" by copying an export in, in
// the README's order: the hashed file and its .sig, then latest.lcs.sig, then
// latest.lcs (and latest.json).
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedSigner, snapshotWithVersion } from '../tools/serve.mjs';
import { NGINX_CONF, startNginx } from './nginx-server.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
// TEST-ONLY Ed25519 seed: public, fixed. Never sign real snapshots with a committed seed.
const TEST_SEED = 'c3'.repeat(32);
const KEY = seedSigner(TEST_SEED).publicKey;
const POLL_MS = 1000;

let nginx, dir, root;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'localecap-origin-'));
  chmodSync(dir, 0o755); // nginx's workers read it (as nobody when not root)
  writeFileSync(join(dir, 'seed.hex'), TEST_SEED);
  root = join(dir, 'www');
  // The page and the package next to the snapshots, as one origin.
  mkdirSync(join(root, 'e2e'), { recursive: true });
  copyFileSync(join(repo, 'e2e/pages/harness.html'), join(root, 'e2e/harness.html'));
  cpSync(join(repo, 'web'), join(root, 'web'), { recursive: true });
  exportVersion(1, root);
  nginx = await startNginx(root);
});

test.afterAll(async () => {
  await nginx?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** `node tools/serve.mjs --export` of the shipped snapshot as registry_version `version`, signed. */
function exportVersion(version, into = join(dir, `export-${version}`)) {
  const file = join(dir, `v${version}.lcs`);
  writeFileSync(file, snapshotWithVersion(readFileSync(join(repo, 'web/dist/localecap.lcs')), version));
  execFileSync(process.execPath, ['tools/serve.mjs', '--export', into, '--snapshot', file, '--sign-key', join(dir, 'seed.hex')],
    { cwd: repo, encoding: 'utf8' });
  return { from: join(into, 'snapshots'), hash: JSON.parse(readFileSync(join(into, 'snapshots/latest.json'), 'utf8')).hash };
}

// nginx's ETag is the file's modification time (in seconds) and size, and
// versions of one snapshot have the same size: a latest.lcs replaced within
// the same second as the one before would keep its ETag (README).
let lastLatestWrite = 0;
async function copyIn({ from, hash }, names) {
  for (const name of names.map((n) => n.replace('HASH', hash))) {
    if (name === 'latest.lcs') {
      while (Math.floor(Date.now() / 1000) === lastLatestWrite) await new Promise((done) => setTimeout(done, 50));
      lastLatestWrite = Math.floor(Date.now() / 1000);
    }
    // As the README advises: copy to a temporary name, then rename into place.
    copyFileSync(join(from, name), join(root, 'snapshots', `.${name}.tmp`));
    renameSync(join(root, 'snapshots', `.${name}.tmp`), join(root, 'snapshots', name));
  }
}
const IN_ORDER = ['HASH.lcs', 'HASH.lcs.sig', 'latest.lcs.sig', 'latest.lcs', 'latest.json'];

// Requests for latest.lcs in nginx's access log after line `from`: their statuses.
const latestStatuses = (from) => nginx.accessLog().slice(from)
  .map((l) => /"GET \/snapshots\/latest\.lcs HTTP[^"]*" (\d{3})/.exec(l)?.[1]).filter(Boolean).map(Number);

test('nginx sends the README\'s headers: isolation on every response, immutable hashed snapshots, no-cache + ETag + 304 for latest.lcs', async () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  expect(readme, 'README shows docs/nginx.conf verbatim').toContain(readFileSync(NGINX_CONF, 'utf8').trim());
  const hash = JSON.parse(readFileSync(join(root, 'snapshots/latest.json'), 'utf8')).hash;
  const get = (path, headers = {}) => fetch(`${nginx.url}${path}`, { headers });
  for (const path of ['/e2e/harness.html', '/web/index.js', '/web/dist/localecap.wasm', `/snapshots/${hash}.lcs`, '/snapshots/latest.lcs']) {
    const r = await get(path);
    expect(r.status, path).toBe(200);
    expect(r.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
    expect(r.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
  }
  expect((await get('/web/dist/localecap.wasm')).headers.get('content-type')).toBe('application/wasm');
  for (const path of [`/snapshots/${hash}.lcs`, `/snapshots/${hash}.lcs.sig`]) {
    expect((await get(path)).headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
  }
  for (const path of ['/snapshots/latest.lcs', '/snapshots/latest.lcs.sig', '/snapshots/latest.json']) {
    const r = await get(path);
    expect(r.headers.get('cache-control'), path).toBe('no-cache');
    const etag = r.headers.get('etag');
    expect(etag, path).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect((await get(path, { 'If-None-Match': etag })).status, path).toBe(304);
  }
  expect((await get('/e2e/harness.html')).headers.get('cache-control')).toBeNull();
});

test('watch() against nginx: 304s while nothing changes, a new export swaps within one poll, a half-uploaded pair is refused once and then taken; signatures from .sig files (threads mode)', async ({ page }) => {
  test.setTimeout(60_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${nginx.url}/e2e/harness.html`);
  await page.waitForFunction(() => document.title === 'ready');
  const start = await page.evaluate(async (key) => {
    const reg = window.reg = await window.localecapModule.createRegistry({ snapshotUrl: '/snapshots/latest.lcs', publicKeys: [key] });
    window.events = [];
    for (const type of ['swap', 'reject']) reg.addEventListener(type, (e) => window.events.push({ type, ...e.detail }));
    return { mode: reg.mode, isolated: crossOriginIsolated, version: reg.version };
  }, KEY);
  expect(start).toEqual({ mode: 'threads', isolated: true, version: 1 });
  const stats = () => page.evaluate(() => window.reg.stats());
  const version = () => page.evaluate(() => window.reg.version);

  // Nothing changes: every poll is a 304.
  const logStart = nginx.accessLog().length;
  await page.evaluate((intervalMs) => { window.reg.watch('/snapshots/latest.lcs', { intervalMs }); }, POLL_MS);
  await expect.poll(async () => (await stats()).notModified, { timeout: 5 * POLL_MS }).toBeGreaterThanOrEqual(2);
  expect(latestStatuses(logStart).every((s) => s === 304)).toBe(true);
  expect(await version()).toBe(1);

  // A new export, copied in the README's order: the first poll after it swaps.
  const v2 = exportVersion(2);
  const beforeCopy = nginx.accessLog().length;
  await copyIn(v2, IN_ORDER);
  await page.waitForFunction(() => window.reg.version === 2, null, { timeout: 3 * POLL_MS });
  expect(latestStatuses(beforeCopy)).toEqual([200]);

  // latest.lcs uploaded, its .sig not yet: refused once (the live version
  // serves on), taken on the next poll once the .sig is there.
  const v3 = exportVersion(3);
  await copyIn(v3, ['HASH.lcs', 'HASH.lcs.sig', 'latest.lcs', 'latest.json']);
  await page.waitForFunction(() => window.events.some((e) => e.type === 'reject'), null, { timeout: 3 * POLL_MS });
  await copyIn(v3, ['latest.lcs.sig']);
  expect(await version()).toBe(2);
  await page.waitForFunction(() => window.reg.version === 3, null, { timeout: 3 * POLL_MS });
  const events = await page.evaluate(() => window.events.map(({ type, version, reason }) => ({ type, version, reason })));
  expect(events).toEqual([
    { type: 'swap', version: 2, reason: undefined },
    { type: 'reject', version: 2, reason: 'snapshot-bad-signature' },
    { type: 'swap', version: 3, reason: undefined },
  ]);
  const s = await stats();
  expect(s).toMatchObject({ version: 3, rejects: 1, rejectsByReason: { 'snapshot-bad-signature': 1 } });
  expect(s.notModified).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});

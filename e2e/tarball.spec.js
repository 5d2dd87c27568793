// The package as users get it (issue 18 §1): `npm pack` (its prepack builds
// what ships), then the tarball installed into fresh projects in a temporary
// folder outside the repository — no links, no access to the repository's
// node_modules — each one proving a consumer works:
//   - a Vite app (`vite build`), served with and without COOP/COEP (threads and
//     single mode), with a module Worker it creates;
//   - a static page with an import map, no bundler;
//   - Node ESM, with update() from a file: URL and over HTTP;
//   - TypeScript: every export compiles under --strict, a wrong call does not.
// Consumer sources: e2e/consumers/. Sizes are printed (README "Sizes").
import { test, expect } from '@playwright/test';
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { snapshotWithVersion, startServer } from '../tools/serve.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const repoPackage = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

// What the tarball may hold: the module, its types, the builds, the snapshot and its
// licences, and the package's own documents. Nothing else (no sources, tests, build trees).
const SHIPPED = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^web\/(?!testing\.js$)[a-z0-9-]+\.js$/, /^web\/index\.d\.ts$/,
  /^web\/dist\/localecap(-single)?\.(mjs|wasm)$/, /^web\/dist\/localecap\.worker\.js$/, /^web\/dist\/abi\.js$/, /^web\/dist\/localecap\.lcs$/, /^web\/dist\/names\.json$/,
  /^web\/dist\/licenses\/[A-Za-z0-9.-]+\.(txt|md)$/];

// A child's environment without the npm_* variables of an outer `npm test`,
// so npm in a consumer project sees only that project.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function run(cmd, args, cwd, { ok = true } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 300_000 });
  if (ok && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

let dir, tarball, packed, server;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dir = mkdtempSync(join(tmpdir(), 'localecap-consumers-'));
  // npm pack runs the prepack script (tools/build.sh): what ships is built from this tree.
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], repo).stdout);
  tarball = join(dir, packed.filename);
  console.log(`tarball: ${packed.filename}: ${packed.size.toLocaleString('en')} B packed, ` +
    `${packed.unpackedSize.toLocaleString('en')} B unpacked, ${packed.entryCount} files`);

  // Each consumer is its own project; npm takes vite from its cache when it can.
  const project = (name, deps) => {
    const at = join(dir, name);
    cpSync(join(repo, 'e2e/consumers', name), at, { recursive: true });
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...deps], at);
    return at;
  };
  const viteApp = project('vite-app', [`vite@${repoPackage.devDependencies.vite}`]);
  run(join(viteApp, 'node_modules/.bin/vite'), ['build'], viteApp);
  const nodeApp = project('node-app', []);
  server = await startServer({
    port: 0, quiet: true,
    mounts: [{ prefix: '/vite-app/', root: join(viteApp, 'dist') }, { prefix: '/import-map/', root: nodeApp }],
  });
});

test.afterAll(async () => {
  await server?.app.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds only what users need, and npm publish --dry-run is clean', () => {
  const paths = packed.files.map((f) => f.path);
  expect(paths.filter((p) => !SHIPPED.some((re) => re.test(p)))).toEqual([]);
  for (const must of ['web/index.js', 'web/index.d.ts', 'web/dist/localecap.wasm', 'web/dist/localecap-single.wasm',
    'web/dist/localecap.lcs', 'web/dist/names.json', 'web/dist/licenses/README.md', 'LICENSE']) expect(paths).toContain(must);
  const licences = readFileSync(join(repo, 'web/dist/licenses/README.md'), 'utf8');
  for (const source of ['CLDR', 'WALS', 'Glottolog', 'SIL', 'AUTOTYP']) expect(licences).toContain(source);
  for (const field of ['repository', 'keywords', 'engines', 'license']) expect(repoPackage[field], field).toBeTruthy();
  // Scripts were run by `npm pack` above. Logged out, npm can only warn that publishing needs a login.
  const dry = run('npm', ['publish', '--dry-run', '--ignore-scripts'], repo);
  const warnings = dry.stderr.split('\n').filter((l) => /npm (warn|error)/i.test(l) && !/requires you to be logged in/.test(l));
  expect(warnings).toEqual([]);
  expect(dry.stderr + dry.stdout).toContain(`localecap@${repoPackage.version}`);
});

for (const plain of [false, true]) {
  const mode = plain ? 'single' : 'threads';
  test(`Vite app from the tarball, and the module Worker it creates (${mode} mode)`, async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(new URL(`${plain ? '/plain' : ''}/vite-app/index.html`, server.url).href);
    await expect(page.locator('#out')).toHaveText(new RegExp(`^${mode} ar rtl v\\d+$`));
    await expect(page.locator('#worker')).toHaveText(new RegExp(`^${mode} he rtl v\\d+$`));
    expect(errors).toEqual([]);
  });
}

test('a static page with an import map loads the installed package (threads mode)', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('/import-map/index.html', server.url).href);
  await expect(page.locator('#out')).toHaveText(/^threads fa rtl v\d+$/);
  expect(errors).toEqual([]);
});

test('Node ESM imports the installed package and update()s from file: and over HTTP', async () => {
  const shipped = readFileSync(join(dir, 'node-app/node_modules/localecap/web/dist/localecap.lcs'));
  const start = shipped.readBigUInt64LE(24);
  const file = join(dir, 'newer.lcs');
  writeFileSync(file, snapshotWithVersion(shipped, Number(start) + 5));
  const http = server.store.publish(snapshotWithVersion(shipped, Number(start) + 9)); // now latest.lcs
  // Asynchronously: this process serves the HTTP half.
  const r = await promisify(execFile)(process.execPath, ['main.mjs', pathToFileURL(file).href, new URL('/snapshots/latest.lcs', server.url).href],
    { cwd: join(dir, 'node-app'), env: cleanEnv, timeout: 60_000 });
  const seen = JSON.parse(r.stdout);
  expect(seen).toMatchObject({ mode: 'single', start: Number(start), ar: 'rtl', fromFile: Number(start) + 5,
    fromHttp: http.version, notModified: http.version, strict: 'en-US', suggested: 'fr' });
  expect(seen.stats).toMatchObject({ swaps: 3, notModified: 1, rejects: 0 });
});

test('TypeScript --strict: a sample using every export compiles against the shipped index.d.ts; a wrong call does not', () => {
  const at = join(dir, 'node-app');
  const tsc = join(repo, 'node_modules/typescript/bin/tsc'); // the pinned devDependency
  const sample = readFileSync(join(at, 'all-exports.ts'), 'utf8');
  const dts = readFileSync(join(at, 'node_modules/localecap/web/index.d.ts'), 'utf8');
  const exported = [...dts.matchAll(/^export (?:declare )?(?:type|interface|class|function) (\w+)/gm)].map((m) => m[1]);
  expect(exported.length).toBeGreaterThan(10);
  expect(exported.filter((name) => !new RegExp(`\\b${name}\\b`).test(sample)), 'exports the sample does not use').toEqual([]);
  const good = run(process.execPath, [tsc, '-p', 'tsconfig.json'], at, { ok: false });
  expect(good.status, good.stdout + good.stderr).toBe(0);
  const bad = run(process.execPath, [tsc, '-p', 'tsconfig.wrong.json'], at, { ok: false });
  expect(bad.status).not.toBe(0);
  expect(bad.stdout).toMatch(/wrong-call\.ts\(5,\d+\): error TS2345/); // a number is not a string
  expect(bad.stdout).toMatch(/wrong-call\.ts\(6,\d+\): error TS2540/); // direction is read-only
});

// tools/serve.mjs cannot be driven from another site or read outside its
// folders (issue 16 §5), in Node against servers started here: path
// traversal, the admin token, Origin, Host (DNS rebinding), the start-up
// refusals and the snapshot cap.
import { test, expect } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN_HEADER, startServer } from '../tools/serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// One raw HTTP request: the path is sent as written (no URL normalisation).
function raw(port, path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end(body ?? (method === 'POST' ? '{}' : undefined));
  });
}

let server;
test.beforeAll(async () => {
  server = await startServer({ port: 0, admin: true, quiet: true, keep: 3 });
  server.port = new URL(server.url).port;
});
test.afterAll(async () => server.app.close());

test('path traversal: ../, %2e%2e, absolute paths and symlinks out of a served folder are 404', async () => {
  const secretDir = mkdtempSync(join(tmpdir(), 'localecap-secret-'));
  const mounted = mkdtempSync(join(tmpdir(), 'localecap-mount-'));
  let other;
  try {
    writeFileSync(join(secretDir, 'secret.txt'), 'SECRET-CONTENT');
    writeFileSync(join(mounted, 'inside.txt'), 'inside');
    symlinkSync(join(secretDir, 'secret.txt'), join(mounted, 'secret-link.txt'));
    symlinkSync(secretDir, join(mounted, 'secret-dir'));
    other = await startServer({ port: 0, quiet: true, mounts: [{ prefix: '/m/', root: mounted }] });
    const port = new URL(other.url).port;
    const attempts = [
      '/web/../package.json', '/web/%2e%2e/package.json', '/web/%2E%2E%2Fpackage.json', '/e2e/..%2f..%2fpackage.json',
      '/web/..\\package.json', '//etc/passwd', '/web//etc/passwd', '/web/%2fetc%2fpasswd', '/plain/web/../../package.json',
      '/m/secret-link.txt', '/plain/m/secret-link.txt', '/m/secret-dir/secret.txt',
    ];
    for (const path of attempts) {
      const r = await raw(port, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body, path).not.toMatch(/"devDependencies"|root:x:0|SECRET-CONTENT/);
    }
    expect((await raw(port, '/web/index.js')).status).toBe(200); // what is inside is served
    expect((await raw(port, '/m/inside.txt')).body).toBe('inside');
  } finally {
    await other?.app.close();
    rmSync(mounted, { recursive: true, force: true });
    rmSync(secretDir, { recursive: true, force: true });
  }
});

test('admin needs the per-run token, which only this server\'s own page carries', async () => {
  const post = (headers) => raw(server.port, '/admin/fault', { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
  expect((await post({})).status).toBe(401);
  expect((await post({ [ADMIN_TOKEN_HEADER]: 'wrong' })).status).toBe(401);
  expect((await post({ [ADMIN_TOKEN_HEADER]: server.adminToken.slice(0, -1) + (server.adminToken.endsWith('x') ? 'y' : 'x') })).status).toBe(401);
  expect((await post({ [ADMIN_TOKEN_HEADER]: server.adminToken })).status).toBe(200);
  expect(server.adminToken.length).toBeGreaterThanOrEqual(32);
  const page = await raw(server.port, '/');
  expect(page.body).toContain(`<meta name="localecap-admin-token" content="${server.adminToken}">`);
  // Another run, another token.
  const other = await startServer({ port: 0, admin: true, quiet: true });
  expect(other.adminToken).not.toBe(server.adminToken);
  await other.app.close();
  // Without --admin there is no admin API and no token in the page.
  const plain = await startServer({ port: 0, quiet: true });
  const port = new URL(plain.url).port;
  expect((await raw(port, '/admin/bump', { method: 'POST', headers: { [ADMIN_TOKEN_HEADER]: '' } })).status).toBe(404);
  expect((await raw(port, '/')).body).not.toContain('localecap-admin-token');
  await plain.app.close();
});

test('a foreign Origin is refused on admin requests, even with the token', async () => {
  const headers = { [ADMIN_TOKEN_HEADER]: server.adminToken, 'content-type': 'application/json' };
  const post = (origin) => raw(server.port, '/admin/fault', { method: 'POST', headers: { ...headers, ...(origin ? { origin } : {}) } });
  expect((await post('https://evil.example')).status).toBe(403);
  expect((await post(`http://127.0.0.1.evil.example:${server.port}`)).status).toBe(403);
  expect((await post('null')).status).toBe(403);
  expect((await post(`http://127.0.0.1:${server.port}`)).status).toBe(200); // the demo page's own origin
  expect((await post(`http://localhost:${server.port}`)).status).toBe(200);
});

test('a foreign Host (DNS rebinding) is refused for every path', async () => {
  for (const path of ['/', '/snapshots/latest.lcs', '/web/index.js']) {
    expect((await raw(server.port, path, { headers: { host: `rebind.evil.example:${server.port}` } })).status, path).toBe(421);
  }
  const r = await raw(server.port, '/admin/bump', { method: 'POST', headers: { host: `evil.example:${server.port}`, [ADMIN_TOKEN_HEADER]: server.adminToken } });
  expect(r.status).toBe(421);
  expect((await raw(server.port, '/', { headers: { host: `127.0.0.1:${Number(server.port) + 1}` } })).status).toBe(421);
  expect((await raw(server.port, '/', { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
});

test('--admin refuses a non-loopback address and --sign-key', async () => {
  await expect(startServer({ port: 0, host: '0.0.0.0', admin: true, quiet: true })).rejects.toThrow(/loopback/);
  await expect(startServer({ port: 0, admin: true, quiet: true, signKey: '/nonexistent' })).rejects.toThrow(/--sign-key/);
});

test('the server keeps at most --keep snapshots, the newest among them', async () => {
  const headers = { [ADMIN_TOKEN_HEADER]: server.adminToken, 'content-type': 'application/json' };
  const hashes = [];
  for (let i = 0; i < 6; i++) hashes.push(JSON.parse((await raw(server.port, '/admin/bump', { method: 'POST', headers })).body).hash);
  const stats = JSON.parse((await raw(server.port, '/stats')).body);
  expect(stats.versions.map((v) => v.hash)).toEqual(hashes.slice(-3));
  expect((await raw(server.port, `/snapshots/${hashes[0]}.lcs`)).status).toBe(404);
  expect((await raw(server.port, `/snapshots/${hashes[5]}.lcs`)).status).toBe(200);
});

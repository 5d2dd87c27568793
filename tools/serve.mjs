#!/usr/bin/env node
// `localecap serve`: the development server and snapshot origin (fastify).
//
//   /                       the demo playground (demo/)
//   /web/                   the ES module and its wasm builds (web/)
//   /e2e/                   test pages (e2e/pages/)
//   /demo-data/             the playground's build outputs (build/demo/: samples.json)
//   /bench/, /bench-build/  the benchmark pages (bench/browser/) and the contenders bundled
//                           for them (build/bench/): `npm run bench` runs this server
//   /plain/…                any of the above WITHOUT cross-origin isolation headers
//   /csp/…                  any of the above with STRICT_CSP on every response (the page's
//                           and its workers'), for browsers a test cannot add headers in
//                           (how a page that is not cross-origin isolated looks)
//   /snapshots/<hash>.lcs   every snapshot version, content-addressed and immutable:
//                           Cache-Control: public, max-age=31536000, immutable
//   /snapshots/latest.lcs   the newest snapshot's bytes; ETag = "<hash>", no-cache,
//                           304 on a matching If-None-Match
//   /snapshots/latest       JSON pointer {hash, version, url, bytes}, same ETag and 304
//   /snapshots/<hash>.lcs.sig, /snapshots/latest.lcs.sig
//                           with --sign-key: the 64-byte Ed25519 detached signature (as
//                           localecap-pack --sign-key writes it); snapshot responses also carry
//                           it as the header Localecap-Signature (base64). 404 when unsigned.
//   /health                 {"ok": true}
//   /stats                  JSON: versions served, requests by route and status, bytes sent
//   --admin only (tests, the demo's hot-swap control), each request with the header
//   Localecap-Admin-Token: <the per-run token printed at start; the demo page / carries it
//   in <meta name="localecap-admin-token">>, and no foreign Origin:
//   POST /admin/bump        publishes a copy of the newest snapshot with registry_version + 1;
//                           with JSON {data: 'update' | 'base'}: the demo's data-update snapshot
//                           (build/demo/update.lcs, from demo/tools/make-update.mjs) or the
//                           starting snapshot's data, with registry_version + 1 (409 if missing)
//   POST /admin/fault       {kind, count?, stallMs?}: the next `count` (default: all) requests
//                           for latest.lcs fail as `kind`: 404 | 500 | stall | truncate |
//                           flip | format | stale | badsig (a wrong signature) | endless (a body
//                           that never ends) | none (clears)
//   POST /admin/sign        {seed: hex | null, header?: true}: sign with this Ed25519 seed from now
//                           on (null: serve unsigned); header false: only the .sig files, like a
//                           static host
//
// Every response carries ISOLATION_HEADERS (COOP/COEP/CORP; except under /plain/)
// so pages are cross-origin isolated (SharedArrayBuffer, hence wasm threads). This
// is the project's one HTTP server: the playground, the e2e tests, the benchmark
// and the soak all run it (in-process through startServer, or as a command).
//
// Hardening (issue 16 §5): every request must name this server in its Host
// header (127.0.0.1, localhost or [::1] with its port: a DNS-rebinding page
// names its own host and gets 421); a request with an Origin other than this
// server's is refused (403) on /admin/; /admin/ needs the random per-run token
// (401 without it); with --admin the server refuses to start on a non-loopback
// address or with --sign-key (it would sign whatever a bump republishes);
// static files resolve (symlinks included) inside their folder or 404; it
// keeps at most --keep snapshots (default KEEP_VERSIONS), the newest among them.
//
// The same layout works on any static host or CDN: `--export DIR` writes it
// (snapshots/<hash>.lcs, snapshots/latest.lcs, snapshots/latest.json); see README.
//
// Usage: node tools/serve.mjs [serve] [--port N] [--host H] [--snapshot FILE] [--admin] [--export DIR]
//                             [--sign-key SEED_FILE]   (the key file of localecap-pack --generate-key)
//                             [--keep N]               (snapshots kept, default 64)
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dirname, join, sep } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Header field offsets, from src/snapshot/format_v2.h.
const FORMAT_VERSION_OFFSET = 8;
const REGISTRY_VERSION_OFFSET = 24;
const HEADER_SIZE = 144; // src/snapshot/format_v2.h Header
const IMMUTABLE = 'public, max-age=31536000, immutable';
// A development origin, not an archive: it keeps the newest KEEP_VERSIONS versions
// (the soak and the benchmark publish 10–20 a second; older hashed URLs then 404).
const KEEP_VERSIONS = 64;

/** The strict policy of e2e/pages/csp/: no inline script, no eval, Trusted Types. */
export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; require-trusted-types-for 'script'";

/** What makes a page cross-origin isolated (and lets it embed this origin's files). */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The content address of a snapshot file: the first 32 hex digits of its SHA-256. */
export function snapshotHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** A copy of snapshot `bytes` with another registry_version (outside the hashed range: still valid). */
export function snapshotWithVersion(bytes, version) {
  const next = Buffer.from(bytes);
  next.writeBigUInt64LE(BigInt(version), REGISTRY_VERSION_OFFSET);
  return next;
}

export const SIGNATURE_HEADER = 'Localecap-Signature';

/**
 * An Ed25519 signer from a 32-byte seed (64 hex digits, whitespace ignored:
 * the key file format of localecap-pack). publicKey: raw, hex.
 */
export function seedSigner(seedHex) {
  const seed = Buffer.from(seedHex.replace(/\s+/g, ''), 'hex');
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 64 hex digits');
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): a fixed 16-byte prefix.
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return { sign: (bytes) => sign(null, bytes, key), publicKey: spki.subarray(spki.length - 32).toString('hex') };
}

export const ADMIN_TOKEN_HEADER = 'Localecap-Admin-Token';

/** The published snapshots: the newest `keep` versions by hash, and which one is latest. */
class SnapshotStore {
  constructor(bytes, keep = KEEP_VERSIONS) {
    this.byHash = new Map();
    this.keep = keep;
    this.publish(bytes);
  }
  publish(bytes) {
    const hash = snapshotHash(bytes);
    const version = Number(bytes.readBigUInt64LE(REGISTRY_VERSION_OFFSET));
    this.latest = { hash, version, bytes, etag: `"${hash}"` };
    this.byHash.delete(hash); // re-published: it moves to the newest end
    this.byHash.set(hash, this.latest);
    for (const old of this.byHash.keys()) { // oldest first (Map order); latest is last
      if (this.byHash.size <= this.keep) break;
      this.byHash.delete(old);
    }
    return this.latest;
  }
  /** Publishes `from` (default: the latest bytes) as registry_version latest + 1. */
  bump(from = this.latest.bytes) {
    return this.publish(snapshotWithVersion(from, this.latest.version + 1));
  }
  pointer() {
    const { hash, version, bytes } = this.latest;
    return { hash, version, url: `/snapshots/${hash}.lcs`, bytes: bytes.length };
  }
}

// A broken copy of `bytes` for fault injection, or null for faults that are not about the body.
function faultyBody(kind, store) {
  const b = Buffer.from(store.latest.bytes);
  switch (kind) {
    case 'truncate': return b.subarray(0, Math.floor(b.length / 2));
    case 'flip': b[HEADER_SIZE + Math.floor((b.length - HEADER_SIZE) / 2)] ^= 0x5a; return b;
    case 'format': b.writeUInt32LE(99, FORMAT_VERSION_OFFSET); return b;
    case 'stale': return snapshotWithVersion(store.latest.bytes, Math.max(0, store.latest.version - 1));
    default: return null;
  }
}

/** Whether `host` (an address or a name) is this machine only. */
export function isLoopback(host) {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/**
 * Starts the server. `mounts`: more folders to serve, [{prefix: '/x/', root: DIR}]
 * (tests serve apps built outside the repository this way), also under /plain/.
 * Resolves with {app, url, store, adminToken} (`port: 0`: any free port, in `url`;
 * adminToken: null without `admin`).
 */
export async function startServer({
  port = 8080, host = '127.0.0.1', snapshot, admin = false, quiet = false, signKey, keep = KEEP_VERSIONS, mounts = [],
} = {}) {
  if (admin && !isLoopback(host)) {
    throw new Error(`--admin serves only on a loopback address (127.0.0.1, ::1, localhost), not ${host}: anyone who can reach it could publish snapshots`);
  }
  if (admin && signKey) {
    throw new Error('--admin and --sign-key do not go together: every bump would sign (republished, possibly old) data under a newer version; sign snapshots offline (localecap-pack --sign-key) and serve them without --admin');
  }
  if (!Number.isSafeInteger(keep) || keep < 1) throw new Error(`--keep must be a positive integer, got ${keep}`);
  const store = new SnapshotStore(readFileSync(snapshot ?? join(root, 'web/dist/localecap.lcs')), keep);
  const adminToken = admin ? randomBytes(24).toString('base64url') : null;
  // Signing: a signer (or null: unsigned), and whether the signature also goes in a header.
  let signing = { signer: signKey ? seedSigner(readFileSync(signKey, 'utf8')) : null, header: true };
  const dataSets = { base: store.latest.bytes, update: join(root, 'build/demo/update.lcs') };
  const stats = { started: new Date().toISOString(), requests: {}, bytesSent: 0, notModified: 0 };
  let fault = { kind: 'none', remaining: 0, stallMs: 5000 };
  mkdirSync(join(root, 'build/demo'), { recursive: true });
  mkdirSync(join(root, 'build/bench'), { recursive: true });

  const app = Fastify({
    logger: false,
    // /plain/x is served like /x, but without the isolation headers; /csp/x with STRICT_CSP.
    rewriteUrl: (req) => {
      for (const prefix of ['plain', 'csp']) {
        if (req.url.startsWith(`/${prefix}/`)) { req[prefix] = true; return req.url.slice(prefix.length + 1); }
      }
      return req.url;
    },
  });
  // Host and Origin (DNS rebinding, cross-site requests) and the admin token.
  // The Host check guards servers on a loopback address, which other sites
  // can otherwise reach through a browser by rebinding a name to 127.0.0.1.
  let hosts = new Set();
  const loopback = isLoopback(host);
  app.addHook('onRequest', async (req, reply) => {
    if (loopback && !hosts.has(req.headers.host)) {
      return reply.code(421).send({ error: `this server answers only to ${[...hosts].join(', ')} (Host: ${req.headers.host})` });
    }
    if (!req.url.startsWith('/admin/')) return;
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) {
      return reply.code(403).send({ error: `cross-origin admin request from ${origin} refused` });
    }
    const token = Buffer.from(String(req.headers[ADMIN_TOKEN_HEADER.toLowerCase()] ?? ''));
    const want = Buffer.from(adminToken ?? '');
    if (!adminToken || token.length !== want.length || !timingSafeEqual(token, want)) {
      return reply.code(adminToken ? 401 : 404).send({ error: adminToken ? `missing or wrong ${ADMIN_TOKEN_HEADER}` : 'no admin endpoint (start with --admin)' });
    }
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.raw.plain) reply.headers(ISOLATION_HEADERS);
    if (req.raw.csp) reply.header('Content-Security-Policy', STRICT_CSP);
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'static';
    const key = `${req.method} ${route} ${reply.statusCode}`;
    stats.requests[key] = (stats.requests[key] ?? 0) + 1;
  });
  // The demo page, with the admin token for its hot-swap buttons: same-origin
  // script reads it; other sites cannot (no CORS, and Host is checked).
  const demoPage = (req, reply) => {
    let html = readFileSync(join(root, 'demo/index.html'), 'utf8');
    if (adminToken) html = html.replace('<head>', `<head>\n  <meta name="localecap-admin-token" content="${adminToken}">`);
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  };
  app.get('/', demoPage);
  app.get('/index.html', demoPage);
  const serveFolder = (folder, prefix, first = false) => app.register(fastifyStatic, {
    root: folder, prefix, index: first ? false : undefined, decorateReply: first,
    allowedPath: (path) => insideFolder(folder, path),
  });
  await serveFolder(join(root, 'demo'), '/', true);
  await serveFolder(join(root, 'web'), '/web/');
  await serveFolder(join(root, 'e2e/pages'), '/e2e/');
  await serveFolder(join(root, 'build/demo'), '/demo-data/');
  await serveFolder(join(root, 'bench/browser'), '/bench/');
  await serveFolder(join(root, 'build/bench'), '/bench-build/');
  for (const m of mounts) await serveFolder(m.root, m.prefix);

  // `signature`: what to send as the signature header (default: the real one, when signing).
  const sendSnapshot = (reply, s, cacheControl, signature = signing.signer?.sign(s.bytes)) => {
    stats.bytesSent += s.bytes.length;
    if (signature && signing.header) {
      reply.header(SIGNATURE_HEADER, Buffer.from(signature).toString('base64'))
        .header('Access-Control-Expose-Headers', SIGNATURE_HEADER);
    }
    return reply.header('ETag', s.etag).header('Cache-Control', cacheControl)
      .type('application/octet-stream').send(s.bytes);
  };
  const sendSignature = (reply, s) => {
    if (!s || !signing.signer) return reply.code(404).send({ error: 'no signature' });
    return reply.header('Cache-Control', 'no-cache').type('application/octet-stream').send(signing.signer.sign(s.bytes));
  };

  app.get('/health', async () => ({ ok: true }));
  app.get('/stats', async () => ({
    ...stats,
    latest: store.pointer(),
    versions: [...store.byHash.values()].map(({ hash, version, bytes }) => ({ hash, version, bytes: bytes.length })),
  }));

  app.get('/snapshots/latest', async (req, reply) => {
    const { etag } = store.latest;
    reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === etag) { stats.notModified++; return reply.code(304).send(); }
    return store.pointer();
  });

  app.get('/snapshots/latest.lcs', async (req, reply) => {
    if (fault.remaining > 0) {
      fault.remaining--;
      const kind = fault.kind;
      if (kind === '404' || kind === '500') return reply.code(Number(kind)).send({ error: `injected ${kind}` });
      if (kind === 'stall') {
        await new Promise((done) => setTimeout(done, fault.stallMs));
        return sendSnapshot(reply, store.latest, 'no-cache');
      }
      if (kind === 'badsig') {
        // A well-formed signature, but of other bytes (or by nobody, when unsigned).
        const other = Buffer.from(store.latest.bytes);
        other[other.length - 1] ^= 1;
        const wrong = signing.signer ? signing.signer.sign(other) : createHash('sha512').update(other).digest();
        return sendSnapshot(reply, store.latest, 'no-cache', wrong);
      }
      if (kind === 'endless') return reply.type('application/octet-stream').header('Cache-Control', 'no-cache').send(endlessBody(req));
      const body = faultyBody(kind, store);
      return sendSnapshot(reply, { bytes: body, etag: `"${snapshotHash(body)}"` }, 'no-cache');
    }
    const latest = store.latest;
    if (req.headers['if-none-match'] === latest.etag) {
      stats.notModified++;
      return reply.header('ETag', latest.etag).header('Cache-Control', 'no-cache').code(304).send();
    }
    return sendSnapshot(reply, latest, 'no-cache');
  });

  app.get('/snapshots/latest.lcs.sig', async (req, reply) => sendSignature(reply, store.latest));

  app.get('/snapshots/:file', async (req, reply) => {
    const m = /^([0-9a-f]{32})\.lcs(\.sig)?$/.exec(req.params.file);
    const s = m && store.byHash.get(m[1]);
    if (m?.[2]) return sendSignature(reply, s);
    if (!s) return reply.code(404).send({ error: 'no such snapshot' });
    if (req.headers['if-none-match'] === s.etag) { stats.notModified++; return reply.code(304).send(); }
    return sendSnapshot(reply, s, IMMUTABLE);
  });

  if (admin) {
    app.post('/admin/bump', async (req, reply) => {
      const data = req.body?.data;
      let from = store.latest.bytes;
      if (data === 'base') from = dataSets.base;
      else if (data === 'update') {
        try { from = readFileSync(dataSets.update); } catch {
          return reply.code(409).send({ error: `no ${dataSets.update}: run node demo/tools/make-update.mjs` });
        }
      } else if (data !== undefined) return reply.code(400).send({ error: `unknown data '${data}'` });
      const s = store.bump(from);
      return { version: s.version, hash: s.hash, data: data ?? 'same' };
    });
    app.post('/admin/sign', async (req) => {
      const { seed = null, header = true } = req.body ?? {};
      signing = { signer: seed ? seedSigner(seed) : null, header };
      return { publicKey: signing.signer?.publicKey ?? null, header };
    });
    app.post('/admin/fault', async (req) => {
      const { kind = 'none', count, stallMs = 5000 } = req.body ?? {};
      fault = { kind, remaining: kind === 'none' ? 0 : count ?? Infinity, stallMs };
      return { kind, count: fault.remaining };
    });
  }

  await app.listen({ port, host });
  const actual = app.server.address().port;
  const names = new Set([host, '127.0.0.1', 'localhost', '[::1]'].map((h) => (h === '::1' ? '[::1]' : h)));
  hosts = new Set([...names].map((h) => `${h}:${actual}`));
  const url = `http://${host === '::1' ? '[::1]' : host}:${actual}/`;
  if (!quiet) {
    console.log(`localecap serve: ${url} (snapshot v${store.latest.version}, ${store.latest.hash})`);
    if (adminToken) console.log(`localecap serve: admin token for this run: ${adminToken} (header ${ADMIN_TOKEN_HEADER})`);
  }
  return { app, url, store, adminToken };
}

// Whether the file `path` (as the static route names it) lies inside `folder`
// once every symlink is resolved; a path that does not exist passes (404 follows).
function insideFolder(folder, path) {
  let real;
  try { real = realpathSync(join(folder, path)); } catch { return true; }
  const top = realpathSync(folder);
  return real === top || real.startsWith(top + sep);
}

// A response body that never ends (fault 'endless'): 64 KiB chunks until the
// client goes away (or, as a backstop, 1 GiB).
function endlessBody(req) {
  const chunk = Buffer.alloc(64 * 1024, 0x4c);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= 1 << 30) { this.push(null); return; }
      sent += chunk.length;
      setImmediate(() => this.push(chunk));
    },
  });
  req.raw.on('close', () => body.destroy());
  return body;
}

/**
 * Writes the static-host layout of `snapshot` into `dir` (see README: any
 * static host or CDN); with `signKey`, the .sig file next to each snapshot.
 */
export function exportStatic(snapshot, dir, signKey) {
  const bytes = readFileSync(snapshot);
  const store = new SnapshotStore(bytes);
  mkdirSync(join(dir, 'snapshots'), { recursive: true });
  writeFileSync(join(dir, 'snapshots', `${store.latest.hash}.lcs`), bytes);
  writeFileSync(join(dir, 'snapshots', 'latest.lcs'), bytes);
  if (signKey) {
    const signature = seedSigner(readFileSync(signKey, 'utf8')).sign(bytes);
    writeFileSync(join(dir, 'snapshots', `${store.latest.hash}.lcs.sig`), signature);
    writeFileSync(join(dir, 'snapshots', 'latest.lcs.sig'), signature);
  }
  writeFileSync(join(dir, 'snapshots', 'latest.json'), JSON.stringify(store.pointer(), null, 2) + '\n');
  return store.pointer();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      snapshot: { type: 'string' },
      admin: { type: 'boolean', default: false },
      export: { type: 'string' },
      'sign-key': { type: 'string' },
      keep: { type: 'string' },
    },
  });
  if (values.export) {
    const p = exportStatic(values.snapshot ?? join(root, 'web/dist/localecap.lcs'), values.export, values['sign-key']);
    const sig = values['sign-key'] ? `,${p.hash}.lcs.sig,latest.lcs.sig` : '';
    console.log(`localecap serve: wrote ${values.export}/snapshots/{${p.hash}.lcs,latest.lcs,latest.json${sig}}`);
  } else {
    startServer({
      port: Number(values.port ?? process.env.PORT ?? 8080),
      host: values.host ?? '127.0.0.1',
      snapshot: values.snapshot,
      admin: values.admin,
      signKey: values['sign-key'],
      keep: values.keep === undefined ? undefined : Number(values.keep),
    }).catch((e) => {
      console.error(`localecap serve: ${e.message}`);
      process.exit(1);
    });
  }
}

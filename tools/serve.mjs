#!/usr/bin/env node
// localecap's development server and snapshot origin (fastify).
//
//   /            → the demo playground (demo/)
//   /web/        → the ES module and its wasm build (web/)
//   /snapshots/latest.lcs  the current snapshot, ETag = content hash, 304 on If-None-Match
//   /health      → {"ok":true}
//   POST /admin/bump  (only with --admin; tests and the demo's hot-swap control)
//                → serves a copy of the snapshot with registry_version + 1
//
// Every response carries COOP/COEP/CORP so pages are cross-origin isolated
// (SharedArrayBuffer, hence wasm threads).
//
// Usage: node tools/serve.mjs [--port N] [--snapshot FILE] [--admin]   (PORT env also works)
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Header field offsets, from src/snapshot/format_v1.h.
const REGISTRY_VERSION_OFFSET = 24;

export async function startServer({ port = 8080, host = '127.0.0.1', snapshot, admin = false, quiet = false } = {}) {
  let bytes = readFileSync(snapshot ?? join(root, 'web/dist/localecap.lcs'));
  let etag = etagOf(bytes);

  const app = Fastify({ logger: false });
  app.addHook('onSend', async (req, reply) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
  });
  await app.register(fastifyStatic, { root: join(root, 'demo'), prefix: '/' });
  await app.register(fastifyStatic, { root: join(root, 'web'), prefix: '/web/', decorateReply: false });

  app.get('/health', async () => ({ ok: true }));
  app.get('/snapshots/latest.lcs', async (req, reply) => {
    reply.header('ETag', etag).header('Cache-Control', 'no-cache').type('application/octet-stream');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(bytes);
  });
  if (admin) {
    app.post('/admin/bump', async () => {
      const next = Buffer.from(bytes);
      const version = next.readBigUInt64LE(REGISTRY_VERSION_OFFSET) + 1n;
      next.writeBigUInt64LE(version, REGISTRY_VERSION_OFFSET);
      bytes = next;
      etag = etagOf(bytes);
      return { version: Number(version) };
    });
  }

  await app.listen({ port, host });
  const url = `http://${host}:${app.server.address().port}/`;
  if (!quiet) console.log(`localecap demo: ${url}`);
  return { app, url };
}

function etagOf(b) {
  return `"${createHash('sha256').update(b).digest('hex').slice(0, 32)}"`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      snapshot: { type: 'string' },
      admin: { type: 'boolean', default: false },
    },
  });
  startServer({
    port: Number(values.port ?? process.env.PORT ?? 8080),
    host: values.host ?? '127.0.0.1',
    snapshot: values.snapshot,
    admin: values.admin,
  }).catch((e) => {
    console.error(`localecap serve: ${e.message}`);
    process.exit(1);
  });
}

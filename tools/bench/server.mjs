// The benchmark's own HTTP server (fastify), with the same cross-origin
// isolation headers as tools/serve.mjs (COOP/COEP/CORP) so pages get
// SharedArrayBuffer and the threads build:
//
//   /web/…                  the ES module and its wasm builds (web/)
//   /bench/…                the benchmark pages (bench/browser/)
//   /bench-build/…          the bundled npm contenders (build/bench/)
//   /snapshots/latest.lcs   the shipped snapshot; ETag, no-cache, 304 on If-None-Match
//   POST /swaps {intervalMs} publishes a copy with registry_version + 1 every
//                           intervalMs on a server timer (0 stops), so a watching
//                           registry swaps continuously; answers {version, published}
//
// It is separate from tools/serve.mjs because that server has no route for
// bench/ and cannot get one once it listens; snapshot hashing is shared.
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotHash } from '../serve.mjs';

const REGISTRY_VERSION_OFFSET = 24; // src/snapshot/format_v1.h, outside the hashed range

export async function startBenchServer({ root, port, host = '127.0.0.1' }) {
  const base = readFileSync(join(root, 'web/dist/localecap.lcs'));
  let latest;
  const publish = (version) => {
    const bytes = Buffer.from(base);
    bytes.writeBigUInt64LE(BigInt(version), REGISTRY_VERSION_OFFSET);
    latest = { version, bytes, etag: `"${snapshotHash(bytes)}"` };
  };
  publish(Number(base.readBigUInt64LE(REGISTRY_VERSION_OFFSET)));
  let timer = null, published = 0;

  const app = Fastify({ logger: false });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Embedder-Policy', 'require-corp');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    return payload;
  });
  await app.register(fastifyStatic, { root: join(root, 'web'), prefix: '/web/' });
  await app.register(fastifyStatic, { root: join(root, 'bench/browser'), prefix: '/bench/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(root, 'build/bench'), prefix: '/bench-build/', decorateReply: false });
  app.get('/favicon.ico', async (req, reply) => reply.code(204).send());
  app.get('/snapshots/latest.lcs', async (req, reply) => {
    const s = latest;
    reply.header('ETag', s.etag).header('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === s.etag) return reply.code(304).send();
    return reply.type('application/octet-stream').send(s.bytes);
  });
  app.post('/swaps', async (req) => {
    const { intervalMs = 0 } = req.body ?? {};
    clearInterval(timer);
    timer = null;
    if (intervalMs > 0) {
      published = 0;
      timer = setInterval(() => { publish(latest.version + 1); published++; }, intervalMs);
    }
    return { version: latest.version, published };
  });
  app.addHook('onClose', async () => clearInterval(timer));
  await app.listen({ port, host });
  return { app, url: `http://${host}:${port}` };
}

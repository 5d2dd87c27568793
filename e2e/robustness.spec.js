// What a caller, a listener or a hostile origin cannot do to a registry
// (issue 16 §6), in Node, where an uncaught exception or an unhandled
// rejection ends the process: update()/watch() never throw synchronously,
// dispose() after failures leaves no unhandled rejection, a throwing listener
// becomes an 'error' event, file: URLs and .sig downloads are capped.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { snapshotBytes } from './support.js';
import { withHeader } from './pages/snapshot-header.js';

const withVersion = (version) => withHeader(snapshotBytes(), { version });

// Runs `body`, then collects what escaped: unhandled rejections and uncaught exceptions.
async function escapes(body) {
  const seen = [];
  const onRejection = (e) => seen.push(`unhandled rejection: ${e?.message ?? e}`);
  const onException = (e) => seen.push(`uncaught exception: ${e?.message ?? e}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  try {
    await body();
    await new Promise((done) => setTimeout(done, 100)); // rejections are reported after a turn
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  }
  return seen;
}

test('update() and watch() never throw synchronously; dispose() after failures leaves no unhandled rejection', async () => {
  const { createRegistry } = await import('localecap');
  const seen = await escapes(async () => {
    const reg = await createRegistry();
    const calls = {
      badUrl: () => reg.update('http://[not a url'),
      badSignature: () => reg.update(snapshotBytes(), { signature: 42 }),
      badSource: () => reg.update(undefined),
      watchBadUrl: () => reg.watch('http://[not a url'),
      watchBadSignal: () => reg.watch('file:///nonexistent.lcs', { signal: {} }),
    };
    const outcomes = {};
    for (const [name, call] of Object.entries(calls)) {
      let p;
      try { p = call(); } catch (e) { outcomes[name] = `threw ${e.name}`; continue; }
      outcomes[name] = await p.then(() => 'resolved', (e) => `rejected ${e.name}`);
    }
    expect(outcomes).toEqual({
      badUrl: 'rejected TypeError', badSignature: 'rejected TypeError', badSource: 'rejected TypeError',
      watchBadUrl: 'rejected TypeError', watchBadSignal: 'rejected TypeError',
    });
    const pending = reg.update('file:///nonexistent.lcs'); // held, then disposed
    reg.dispose();
    expect(await pending.then(() => 'resolved', (e) => e.reason ?? e.message)).toMatch(/disposed|fetch-http-status/);
    // A registry whose first snapshot fails is disposed inside createRegistry.
    expect(await createRegistry({ snapshotUrl: 'file:///nonexistent.lcs' }).then(() => 'created', (e) => e.reason)).toBe('fetch-http-status');
  });
  expect(seen).toEqual([]);
});

test("a throwing listener becomes an 'error' event and never breaks a swap or ends the process", async () => {
  const { createRegistry } = await import('localecap');
  const seen = await escapes(async () => {
    const reg = await createRegistry();
    const errors = [], swaps = [];
    reg.addEventListener('swap', () => { throw new Error('listener bug'); });
    reg.addEventListener('swap', (e) => swaps.push(e.detail.version)); // later listeners still run
    reg.addEventListener('error', (e) => errors.push(e.detail));
    expect(await reg.update(withVersion(7))).toBe(7);
    expect(swaps).toEqual([7]);
    expect(errors).toEqual([expect.objectContaining({ reason: 'listener-threw', type: 'swap', message: expect.stringMatching(/listener bug/) })]);
    // removeEventListener finds wrapped listeners; a throwing 'error' listener is only logged.
    const counted = [];
    const count = (e) => counted.push(e.detail.version);
    reg.addEventListener('swap', count);
    reg.addEventListener('swap', count); // the same listener twice is one listener
    expect(await reg.update(withVersion(8))).toBe(8);
    reg.removeEventListener('swap', count);
    reg.addEventListener('error', () => { throw new Error('error listener bug'); });
    expect(await reg.update(withVersion(9))).toBe(9);
    expect(counted).toEqual([8]);
    expect(reg.version).toBe(9);
    reg.dispose();
  });
  expect(seen).toEqual([]);
});

test('file: URLs are read within the cap (/dev/zero is refused at once)', async () => {
  const { createRegistry } = await import('localecap');
  const reg = await createRegistry();
  try {
    const t0 = Date.now();
    const r = await reg.update('file:///dev/zero', { maxSnapshotBytes: 1 << 20 }).then(() => 'accepted', (e) => e.reason);
    expect(r).toBe('snapshot-too-large');
    expect(Date.now() - t0).toBeLessThan(10_000);
  } finally {
    reg.dispose();
  }
});

test('an oversized .sig download is cancelled, not read to its end', async () => {
  const { createRegistry } = await import('localecap');
  const { seedSigner } = await import('../tools/serve.mjs');
  const signer = seedSigner('a1'.repeat(32));
  const bytes = withVersion(5);
  let sigClosed = false, sigBytesSent = 0;
  const server = createServer((req, res) => {
    if (req.url === '/s.lcs') return res.end(bytes);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' }); // no Content-Length: streamed
    const chunk = Buffer.alloc(64 * 1024, 1);
    const push = () => {
      if (sigClosed || sigBytesSent > 256 << 20) return res.end();
      sigBytesSent += chunk.length;
      if (res.write(chunk)) setImmediate(push); else res.once('drain', push);
    };
    res.on('close', () => { sigClosed = true; });
    push();
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}/s.lcs`;
  const original = snapshotBytes();
  const reg = await createRegistry({ snapshot: original, signature: signer.sign(original), publicKeys: [signer.publicKey], retries: 0 });
  try {
    const r = await reg.update(url).then(() => 'accepted', (e) => e.reason);
    expect(r).toBe('snapshot-bad-signature');
    await expect.poll(() => sigClosed, { timeout: 5000 }).toBe(true);
    expect(sigBytesSent).toBeLessThan(16 << 20); // cut off, not read to the server's end
  } finally {
    reg.dispose();
    server.close();
  }
});

test('reg.version is unsigned: a version of 3,000,000,000 reads back exactly', async () => {
  const { createRegistry } = await import('localecap');
  const reg = await createRegistry();
  try {
    expect(await reg.update(withVersion(3_000_000_000))).toBe(3_000_000_000);
    expect(reg.version).toBe(3_000_000_000); // was negative: an i32 export
    expect(reg.stats().version).toBe(3_000_000_000);
  } finally {
    reg.dispose();
  }
});

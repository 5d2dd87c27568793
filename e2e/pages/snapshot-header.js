// Release fields of a snapshot's header, for tests (src/snapshot/format_v2.h
// Header offsets; docs/snapshot-format.md). They are outside the content hash,
// so a test can patch them into a real snapshot and it still validates. Runs
// in Node and in pages (/e2e/snapshot-header.js).
const VERSION = 24;
const ISSUED_AT = 112;
const EXPIRES_AT = 120;
const CHANNEL = 128;
const CHANNEL_BYTES = 16;

/**
 * A copy of `bytes` (a snapshot: Uint8Array or Buffer) with the given fields
 * replaced and the others kept: version, issuedAt, expiresAt (numbers or
 * BigInts), channel (ASCII, NUL-padded).
 */
export function withHeader(bytes, { version, issuedAt, expiresAt, channel } = {}) {
  const b = new Uint8Array(bytes);
  const view = new DataView(b.buffer);
  if (version !== undefined) view.setBigUint64(VERSION, BigInt(version), true);
  if (issuedAt !== undefined) view.setBigUint64(ISSUED_AT, BigInt(issuedAt), true);
  if (expiresAt !== undefined) view.setBigUint64(EXPIRES_AT, BigInt(expiresAt), true);
  if (channel !== undefined) {
    b.fill(0, CHANNEL, CHANNEL + CHANNEL_BYTES);
    for (let i = 0; i < channel.length; i++) b[CHANNEL + i] = channel.charCodeAt(i);
  }
  return b;
}

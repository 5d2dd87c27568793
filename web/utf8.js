// Strings out of wasm memory. TextDecoder refuses views of shared memory in
// Chromium (threads build), and what is read here is short and mostly ASCII,
// so these loops are both what works and what is fast.

/** The UTF-8 bytes `bytes[at .. at+length)` as a string; a malformed sequence becomes U+FFFD. */
export function decodeUtf8(bytes, at, length) {
  let s = '';
  const end = at + length;
  for (let i = at; i < end;) {
    const b = bytes[i++];
    let c;
    if (b < 0x80) c = b;
    else if (b >= 0xc0 && b < 0xe0 && i < end) c = ((b & 0x1f) << 6) | (bytes[i++] & 0x3f);
    else if (b >= 0xe0 && b < 0xf0 && i + 1 < end) { c = ((b & 0x0f) << 12) | ((bytes[i] & 0x3f) << 6) | (bytes[i + 1] & 0x3f); i += 2; }
    else if (b >= 0xf0 && i + 2 < end) {
      c = ((b & 0x07) << 18) | ((bytes[i] & 0x3f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      i += 3;
    } else c = 0xfffd;
    s += String.fromCodePoint(c);
  }
  return s;
}

/** The NUL-terminated ASCII text at `bytes[at]`, at most `max` bytes. */
export function readAscii(bytes, at, max) {
  let s = '';
  for (let i = 0; i < max; i++) {
    const c = bytes[at + i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

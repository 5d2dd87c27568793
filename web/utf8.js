// UTF-8 bytes → string, as the WHATWG Encoding Standard's decoder does it
// (what TextDecoder gives): each ill-formed sequence becomes U+FFFD, one per
// maximal subpart (Unicode §3.9), and decoding goes on. It never throws, so a
// profile string can never make resolve() throw (issue 16 §4); the snapshot
// reader refuses text that is not UTF-8 anyway (snapshot-bad-text).
//
// Not TextDecoder itself: Chromium's refuses views of shared memory, and the
// profile strings are read straight from wasm memory; they are short and
// mostly ASCII, so this loop is no slower.

/** Decodes `length` bytes of `bytes` from `at`. */
export function decodeUtf8(bytes, at, length) {
  let s = '';
  const end = at + length;
  for (let i = at; i < end;) {
    const b = bytes[i];
    if (b < 0x80) {
      s += String.fromCharCode(b);
      i++;
      continue;
    }
    // Lead byte: how many continuation bytes, and the range of the first (Table 3-7).
    let need = 0, cp = 0, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else { s += '\ufffd'; i++; continue; }
    let j = i + 1;
    for (; need > 0; need--, j++) {
      const c = j < end ? bytes[j] : -1;
      if (c < lo || c > hi) break; // the bad byte is not consumed: it starts the next sequence
      cp = (cp << 6) | (c & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    s += need === 0 ? String.fromCodePoint(cp) : '\ufffd';
    i = j;
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

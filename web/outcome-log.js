// Reads the outcome log (wasm/abi.h): the records the hydration side appends
// for every snapshot it was offered, read straight from wasm memory on the
// thread that owns the module's JS, without allocating in wasm or calling it.
//
// Reading protocol (seqlock-like, the writer's side is wasm/runtime.cpp):
// `head` is the sequence number of the last complete record; record n lives
// in ring slot n % RING_SIZE, and its `seq` must read n before and after the
// fields are copied, else the writer lapped the reader and the record is lost.
import { OUTCOME_LOG as LOG } from './dist/abi.js';
import { readAscii } from './utf8.js';
import { versionFromWords } from './trust.js';

export class OutcomeLogReader {
  #address;   // byte address of the log
  #u32;       // Uint32Array over wasm memory
  #u8;
  #seen;      // sequence number of the last record read

  constructor(address, buffer) {
    this.#address = address;
    this.views(buffer);
    this.#seen = Atomics.load(this.#u32, (address + LOG.HEAD) >>> 2); // what came before is not ours
  }

  /** New views of wasm memory `buffer` (after it grew). */
  views(buffer) {
    this.#u32 = new Uint32Array(buffer);
    this.#u8 = new Uint8Array(buffer);
  }

  /** The u32 index of `head` (what Atomics.waitAsync waits on). */
  get headWord() { return (this.#address + LOG.HEAD) >>> 2; }

  /**
   * Calls onRecord({request, kind, code, version, offered, status, attempts,
   * micros, message}) for every record newer than the last one read, in
   * order, and onLost() for each one overwritten before it could be read.
   */
  drain(onRecord, onLost) {
    const u32 = this.#u32;
    const head = Atomics.load(u32, this.headWord);
    while (this.#seen !== head) {
      const seq = (this.#seen + 1) >>> 0;
      this.#seen = seq;
      const at = this.#address + LOG.RING + (seq % LOG.RING_SIZE) * LOG.RECORD_BYTES; // byte address of the record
      const word = (field) => (at + field) >>> 2;
      if (Atomics.load(u32, word(LOG.SEQ)) !== seq) { onLost(); continue; }
      const rec = {
        request: u32[word(LOG.REQUEST)], kind: u32[word(LOG.KIND)], code: u32[word(LOG.CODE)],
        version: versionFromWords(u32[word(LOG.VERSION)], u32[word(LOG.VERSION_HIGH)]),
        offered: versionFromWords(u32[word(LOG.OFFERED)], u32[word(LOG.OFFERED_HIGH)]), status: u32[word(LOG.HTTP_STATUS)], attempts: u32[word(LOG.ATTEMPTS)],
        micros: u32[word(LOG.MICROS)], message: readAscii(this.#u8, at + LOG.MESSAGE, LOG.MESSAGE_BYTES),
      };
      if (Atomics.load(u32, word(LOG.SEQ)) !== seq) { onLost(); continue; }
      onRecord(rec);
    }
  }
}

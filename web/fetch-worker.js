// The single build's fetch Worker: runs the hydration module (hydration.js)
// off the page's main thread when SharedArrayBuffer is unavailable.
//
// Page → Worker: hydration commands (Hydrator), and {op: 'offered', id, live}
// answering an offer. Worker → Page: the sink's calls,
//   {sink: 'offer', id, request, bytes, status, attempts}   bytes transferred, not copied
//   {sink: 'report', request, kind, reason, status, attempts, message}
// which the page hands to the wasm module (wasmSink); an offer waits for its
// answer, so the next command runs only once the page has published or refused.
import { Hydrator } from './hydration.js';

const answers = new Map(); // offer id → resolve(live)
let nextOffer = 1;

const hydrator = new Hydrator({
  offer(request, bytes, status, attempts) {
    const id = nextOffer++;
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    self.postMessage({ sink: 'offer', id, request, bytes: whole, status, attempts }, [whole.buffer]);
    return new Promise((resolve) => answers.set(id, resolve));
  },
  report(request, kind, reason, status, attempts, message) {
    self.postMessage({ sink: 'report', request, kind, reason, status, attempts, message });
  },
});

self.onmessage = ({ data }) => {
  if (data.op !== 'offered') {
    hydrator.handle(data);
    return;
  }
  answers.get(data.id)?.(data.live);
  answers.delete(data.id);
};

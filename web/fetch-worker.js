// The single build's fetch Worker: keeps the network off the page's main
// thread when SharedArrayBuffer is unavailable. One message in
// {request, url, etag, timeoutMs, retries, backoffMs, maxBytes, keys,
// requireSignature}, one message out (fetchSnapshot's result plus request and
// url: the bytes, size-capped and signature-checked, or the reason they were
// refused), with the bytes transferred, not copied.
import { fetchSnapshot } from './fetcher.js';

self.onmessage = async ({ data }) => {
  const r = await fetchSnapshot(data.url, data);
  self.postMessage({ ...r, request: data.request, url: data.url }, r.bytes ? [r.bytes] : []);
};

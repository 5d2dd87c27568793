// The single build's fetch Worker: keeps the network off the page's main
// thread when SharedArrayBuffer is unavailable. One message in
// {request, url, etag, timeoutMs, retries, backoffMs}, one message out
// (fetchSnapshot's result plus request and url), with the bytes transferred,
// not copied.
import { fetchSnapshot } from './fetcher.js';

self.onmessage = async ({ data }) => {
  const r = await fetchSnapshot(data.url, data);
  self.postMessage({ ...r, request: data.request, url: data.url }, r.bytes ? [r.bytes] : []);
};

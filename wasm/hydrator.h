// The hydration thread (threads build only): one pthread whose JavaScript
// fetches snapshots with web/fetcher.js (the one fetch implementation of every
// mode), verifies their signatures with WebCrypto, and hands the verified bytes
// to C++ on that same thread to validate and publish.
//
// Why JavaScript on the pthread: fetching with a size cap needs a streamed
// body, and WebCrypto is asynchronous; a blocking C++ loop around a
// synchronous XHR can do neither. So the pthread's start routine installs an
// event-driven JS loop in its Worker (wasm/hydrator_thread.js) and returns to
// the JS event loop (emscripten_exit_with_live_runtime); from then on the
// thread runs only when an event (a command, a fetch chunk, a timer) arrives.
//
// Thread contract:
//   * submit() is called by the thread that owns the module's JS (the page's
//     main thread, or a Worker's). It never blocks: it writes one slot of a
//     single-producer/single-consumer queue, bumps the queue's tail word, wakes
//     waiters on it (Atomics.notify), and returns false if the queue is full.
//     The first call starts the pthread (the pool is pre-sized: no waiting).
//   * The pthread's JS loop waits for the tail word to move with
//     Atomics.waitAsync (never a blocking wait), pops commands with
//     lc_hydrator_pop(), and runs them one at a time, in order.
//   * Everything that touches the snapshot bytes — fetch, signature check,
//     copy into wasm memory (lc_buffer on the pthread: wasm/snapshot_buffer.h), validate, publish,
//     reclaim — happens on the pthread. Bytes never pass through the page's
//     main thread. Outcomes go to the outcome log (wasm/abi.h), never to
//     a callback into the page. The pthread is the registry's only publisher
//     and the outcome log's only writer.
//
// Commands are JSON text (the page writes them, the pthread's JS reads them):
//   {op:'update', request, url, fetcher, timeoutMs, retries, backoffMs, maxBytes, keys, requireSignature}
//   {op:'watch', …the same…, intervalMs}   {op:'stopWatch'}   {op:'shutdown'}
//   {op:'bytes', request, buffer, length, signature, keys, requireSignature}  (buffer: lc_buffer's, the pthread takes it)
//   {op:'reject', request, reason, message}   (a refusal the page decided, recorded by the only log writer)
#pragma once

#include <cstdint>
#include <string>

namespace localecap::wasm {

// Queues one command (JSON, see above). False if the queue is full.
bool submit(std::string command);

// Starts the hydration pthread if it is not running (the first submit() does
// too). Never waits: the thread's Worker loads in the background.
void start_hydration();

// Whether the hydration pthread was started (from then on it is the only
// publisher and the outcome log's only writer).
bool hydration_started();

}  // namespace localecap::wasm

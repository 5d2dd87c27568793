// The hydration thread (threads build only): one pthread whose JavaScript runs
// the hydration module, web/hydration.js — the same module the single build's
// fetch Worker and Node run: fetch, signature check (WebCrypto), ETags,
// retries, watch polls — and hands the bytes to C++ on that same thread
// (lc_offer, lc_report: wasm/control.cpp), which validates, applies the
// publish policy (Registry::offer) and logs the outcome.
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
//     It does not start the pthread: start_hydration() does, once the page's
//     first snapshot is live (web/registry.js), so spawning its Worker never
//     delays the first answer; commands queued before then wait for it.
//   * The pthread's JS loop waits for the tail word to move with
//     Atomics.waitAsync (never a blocking wait), pops commands with
//     lc_hydrator_pop(), and hands them to the Hydrator (hydration.js), which
//     runs them one at a time, in order.
//   * Everything that touches the snapshot bytes — fetch, signature check,
//     copy into wasm memory (lc_buffer on the pthread: wasm/snapshot_buffer.h), validate, publish,
//     reclaim — happens on the pthread. Bytes never pass through the page's
//     main thread. Outcomes go to the outcome log (wasm/abi.h), never to
//     a callback into the page. Once started, the pthread is the registry's only
//     publisher and the outcome log's only writer (the page's thread offers
//     createRegistry's first snapshot, before it starts).
//
// Commands are JSON text (the page writes them, the pthread's JS reads them):
// the Hydrator's commands (web/hydration.js), each with `hydration`, the URL
// of hydration.js to import; a 'bytes' command carries, instead of the bytes,
// `buffer` and `length`: an lc_buffer the page filled, which the pthread takes.
#pragma once

#include <cstdint>
#include <string>

namespace localecap::wasm {

// Queues one command (JSON, see above). False if the queue is full.
bool submit(std::string command);

// Starts the hydration pthread if it is not running. Never waits: the
// thread's Worker loads in the background, then runs what was queued.
void start_hydration();

// Whether the hydration pthread was started (from then on it is the only
// publisher and the outcome log's only writer).
bool hydration_started();

}  // namespace localecap::wasm

// The hydration worker (threads build only): one pthread that fetches,
// validates and publishes snapshots, driven by commands from the page.
//
// Thread contract:
//   * submit_*() are called by the thread that owns the module's JS (the page's
//     main thread, or a Worker's). They never block: each writes one slot of a
//     single-producer/single-consumer queue, wakes the worker with a futex
//     notify, and returns false if the queue is full. The first call starts the
//     worker thread (the pthread pool is pre-sized, so that does not wait).
//   * Everything that can block — HTTP, backoff sleeps, validation, freeing old
//     snapshots — happens on the worker. Outcomes are reported through the
//     outcome log (wasm/outcomes.h), never by calling back into the page.
//   * The worker is the registry's only publisher.
//
// Ownership: submit_bytes() takes a malloc'd buffer; the worker frees it.
#pragma once

#include <cstdint>
#include <string>

namespace localecap::wasm {

struct FetchPolicy {
  uint32_t timeout_ms = 10000;  // per attempt; 0 = none
  uint32_t retries = 2;         // extra attempts after a network error, timeout, 5xx or 429
  uint32_t backoff_ms = 250;    // wait before retry k is backoff_ms << (k - 1)
};

// Fetches `url` once (If-None-Match with the last ETag seen for it) and
// reports the outcome under `request`.
bool submit_update(uint32_t request, std::string url, FetchPolicy policy);
// Validates and publishes `length` bytes at `bytes` (malloc'd; the worker frees them).
bool submit_bytes(uint32_t request, uint8_t* bytes, uint32_t length);
// Polls `url` now and then every `interval_ms`, replacing any previous watch.
// The first poll reports under `request`, later ones under 0.
bool submit_watch(uint32_t request, std::string url, uint32_t interval_ms, FetchPolicy policy);
bool submit_stop_watch();
// Ends the worker after the command in progress.
bool submit_shutdown();

}  // namespace localecap::wasm

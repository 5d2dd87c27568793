// The hydration worker (threads build): a pthread that fetches the snapshot
// URL with Emscripten's synchronous Fetch API, validates and publishes it,
// then polls with If-None-Match so an unchanged snapshot costs a 304.
//
// Thread contract: start_watch() is called on the page's main thread and only
// creates the thread (the pthread pool is pre-sized, so this never waits).
// Every blocking call — the fetch, the sleep — happens on the worker.
#include "wasm/hydrator.h"

#include <emscripten/fetch.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "wasm/runtime.h"

namespace localecap::wasm {

namespace {

std::atomic<uint32_t> g_watch_generation{0};

// The ETag response header, or "" if none.
std::string etag_of(emscripten_fetch_t* f) {
  std::string headers(emscripten_fetch_get_response_headers_length(f) + 1, '\0');
  emscripten_fetch_get_response_headers(f, headers.data(), headers.size());
  for (size_t pos = 0; pos < headers.size();) {
    size_t end = headers.find("\r\n", pos);
    if (end == std::string::npos) end = headers.size();
    std::string line = headers.substr(pos, end - pos);
    if (line.size() > 5 && strncasecmp(line.c_str(), "etag:", 5) == 0) {
      size_t v = line.find_first_not_of(' ', 5);
      return v == std::string::npos ? "" : line.substr(v);
    }
    pos = end + 2;
  }
  return "";
}

// One conditional GET. Publishes on 200 with a valid, newer snapshot.
void fetch_once(const std::string& url, std::string& etag) {
  auto& stats = hydration_stats();
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strcpy(attr.requestMethod, "GET");
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY | EMSCRIPTEN_FETCH_SYNCHRONOUS;
  attr.timeoutMSecs = 10000;
  const char* headers[] = {"If-None-Match", etag.c_str(), nullptr};
  if (!etag.empty()) attr.requestHeaders = headers;
  emscripten_fetch_t* f = emscripten_fetch(&attr, url.c_str());
  if (!f) return;
  stats.fetches.fetch_add(1, std::memory_order_relaxed);
  if (f->status == 304) {
    stats.not_modified.fetch_add(1, std::memory_order_relaxed);
  } else if (f->status == 200) {
    std::vector<uint8_t> bytes(f->data, f->data + f->numBytes);
    if (hydrate(std::move(bytes)) == ErrorCode::kOk) etag = etag_of(f);
  } else {
    stats.last_error.store(static_cast<uint32_t>(ErrorCode::kFetchFailed), std::memory_order_relaxed);
    stats.rejects.fetch_add(1, std::memory_order_relaxed);
  }
  emscripten_fetch_close(f);
}

}  // namespace

void start_watch(std::string url, uint32_t interval_ms) {
  const uint32_t generation = g_watch_generation.fetch_add(1) + 1;
  std::thread([url = std::move(url), interval_ms, generation] {
    std::string etag;
    while (g_watch_generation.load() == generation) {
      fetch_once(url, etag);
      if (interval_ms == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    }
  }).detach();
}

void stop_watch() { g_watch_generation.fetch_add(1); }

}  // namespace localecap::wasm

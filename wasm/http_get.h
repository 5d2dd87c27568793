// One blocking HTTP GET for the hydration pthread (threads build only).
//
// Runs a synchronous XMLHttpRequest in the pthread's own Worker scope, so the
// response bytes go from the network straight into wasm memory owned by the
// caller; the page's main thread never sees them. Unlike Emscripten's Fetch
// API in synchronous mode, it honours a timeout (sync XHR may time out in a
// Worker, never in a Window) and reports it as such.
//
// Thread: a pthread only (blocks; a sync XHR on the main thread is forbidden).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace localecap::wasm {

struct HttpResponse {
  int status = 0;         // HTTP status; 0 if there was no response
  bool timed_out = false;
  std::string etag;       // the ETag response header, "" if none
  std::vector<uint8_t> body;  // only for 200
};

// GETs `url` with If-None-Match: `etag` (when not empty), giving up after
// `timeout_ms` (0: no timeout).
HttpResponse http_get(const std::string& url, const std::string& etag, uint32_t timeout_ms);

}  // namespace localecap::wasm

#include "wasm/http_get.h"

#include <emscripten/emscripten.h>

// The JS halves run in the calling pthread's Worker. The response waits in
// Module.lcHttp between the calls so C++ allocates the destination itself.

// Returns the HTTP status, -1 on a network error, -2 on timeout.
EM_JS(int, lc_js_http_get, (const char* url, const char* etag, uint32_t timeout_ms), {
  Module["lcHttp"] = null;
  var xhr = new XMLHttpRequest();
  try {
    xhr.open("GET", UTF8ToString(url), false);
    xhr.responseType = "arraybuffer";
    if (timeout_ms) xhr.timeout = timeout_ms;
    var tag = UTF8ToString(etag);
    if (tag) xhr.setRequestHeader("If-None-Match", tag);
    xhr.send();
  } catch (e) {
    return e && e.name === "TimeoutError" ? -2 : -1;
  }
  var body = xhr.status === 200 && xhr.response ? new Uint8Array(xhr.response) : new Uint8Array(0);
  Module["lcHttp"] = { body: body, etag: xhr.getResponseHeader("ETag") || "" };
  return xhr.status;
});

EM_JS(uint32_t, lc_js_http_body_length, (), {
  return Module["lcHttp"] ? Module["lcHttp"].body.length : 0;
});

EM_JS(uint32_t, lc_js_http_etag_length, (), {
  return Module["lcHttp"] ? Module["lcHttp"].etag.length : 0;
});

// Copies the body and the ETag (ASCII by RFC 9110) into wasm memory, then forgets them.
EM_JS(void, lc_js_http_take, (uint8_t* body, char* etag), {
  var r = Module["lcHttp"];
  Module["lcHttp"] = null;
  if (!r) return;
  HEAPU8.set(r.body, body);
  for (var i = 0; i < r.etag.length; i++) HEAPU8[etag + i] = r.etag.charCodeAt(i) & 0x7f;
});

namespace localecap::wasm {

HttpResponse http_get(const std::string& url, const std::string& etag, uint32_t timeout_ms) {
  HttpResponse r;
  const int status = lc_js_http_get(url.c_str(), etag.c_str(), timeout_ms);
  if (status < 0) {
    r.timed_out = status == -2;
    return r;
  }
  r.status = status;
  r.body.resize(lc_js_http_body_length());
  r.etag.resize(lc_js_http_etag_length());
  lc_js_http_take(r.body.data(), r.etag.data());
  return r;
}

}  // namespace localecap::wasm

// Hydration worker control (threads build only). See hydrator.cpp.
#pragma once

#include <cstdint>
#include <string>

namespace localecap::wasm {

// Starts a worker thread that fetches `url` now and then every `interval_ms`
// (0: once), replacing any previous watch. Main thread; never blocks.
void start_watch(std::string url, uint32_t interval_ms);
// Stops the current watch after its in-flight fetch.
void stop_watch();

}  // namespace localecap::wasm

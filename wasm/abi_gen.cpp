// Prints the ES module of wasm/abi.h's definitions (wasm/abi_text.h) to
// stdout. Built with the same compiler as the wasm module, so the offsets it
// prints are the module's own; wasm/CMakeLists.txt runs it with node.
#include <cstdio>

#include "wasm/abi_text.h"

int main() {
  const std::string text = localecap::wasm::abi_module_text();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}

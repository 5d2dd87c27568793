// Test hooks, for localecap's own tests; not part of the package's API
// (not re-exported by index.js). testHooks(registry) gives
//   killHydration()     kills the hydration worker without telling anyone, as a crash would
//   pageAllocations()   heap allocations made in wasm memory on this thread so far (wasm/page_allocations.cpp)
export { testHooks } from './registry.js';

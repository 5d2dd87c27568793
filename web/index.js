// localecap — the ES module. See index.d.ts for the API and README.md for usage.
// One concern per module; this file only re-exports:
//   registry.js     createRegistry() and Registry (the API)
//   profile.js      the frozen Profile objects          outcome-log.js  what the hydration side reports
//   transports.js   how commands reach the hydration side, per mode
//   hydration.js    fetch, size cap, signature check, ETags, retries, watch: the one hydration module
//   fetch-worker.js the single build's fetch Worker (runs hydration.js)   policy.js  fetch/trust options
//   trust.js        rollback options, persistence hook
//   errors.js       LocalecapError and its subclasses   utf8.js         strings out of wasm memory
//   names.js        suggest(): the names file and its search
//   follow.js       Workers that follow the page: connect() and createRegistry({ source })
//   loader.js       which wasm build, and loading it    trusted.js      Trusted Types for worker URLs
//   dist/abi.js     the wasm/JS binary interface, generated from wasm/abi.h
//
// Every module is imported here, though only two are re-exported: a browser
// fetches a module's imports only after it has that module, so this makes the
// whole graph one round trip deep instead of four, and loader.js (which starts
// the wasm download and compile) runs that much sooner (README "Benchmarks",
// cold start). Bundlers flatten the graph anyway.
import './loader.js';
import './hydration.js';
import './dist/abi.js';
import './events.js';
import './follow.js';
import './keys.js';
import './names.js';
import './outcome-log.js';
import './policy.js';
import './profile.js';
import './transports.js';
import './trusted.js';
import './utf8.js';
export { createRegistry, Registry } from './registry.js';
export { localStorageAdapter } from './trust.js';
export {
  HydrationError, LocaleTagError, LocalecapError, NamesError, RegistryDisposedError, SnapshotRejectedError,
} from './errors.js';

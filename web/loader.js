// Loads one of the two wasm builds.
//   threads: dist/localecap.{mjs,wasm,worker.js} — pthreads, needs crossOriginIsolated
//   single:  dist/localecap-single.{mjs,wasm}    — no threads, any page, Node
// Every file is named with `new URL('./dist/…', import.meta.url)` so that
// bundlers (Vite, webpack 5, Rollup) see and emit them, and so the files are
// found wherever the package is served from; Emscripten's own lookups go
// through locateFile and mainScriptUrlOrBlob, which get the same URLs.

import { allowScriptURL, scriptURL } from './trusted.js';

const FILES = {
  threads: {
    glue: new URL('./dist/localecap.mjs', import.meta.url),
    wasm: new URL('./dist/localecap.wasm', import.meta.url),
    worker: new URL('./dist/localecap.worker.js', import.meta.url),
  },
  single: {
    glue: new URL('./dist/localecap-single.mjs', import.meta.url),
    wasm: new URL('./dist/localecap-single.wasm', import.meta.url),
  },
};

/** The snapshot shipped with the package. */
export const DEFAULT_SNAPSHOT_URL = new URL('./dist/localecap.lcs', import.meta.url);

export const IS_NODE = typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined' && typeof importScripts === 'undefined' && typeof WorkerGlobalScope === 'undefined';

/** 'threads' if this context can run wasm threads, else 'single'. */
export function detectMode() {
  return !IS_NODE && globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function'
    ? 'threads' : 'single';
}

// Started when this module is evaluated, i.e. when the page imports
// localecap: the glue's import and the streaming compile of the wasm for the
// mode this context would pick, so both overlap the page's own start-up and
// the first snapshot's download instead of following createRegistry().
// loadModule() takes them when its mode matches. A failure here is not
// reported: loadModule() then loads the build itself and reports its error.
const early = IS_NODE ? null : startLoading(detectMode());

function startLoading(mode) {
  const files = FILES[mode];
  const quiet = (promise) => promise.catch(() => null);
  return {
    mode,
    glue: quiet(import(/* @vite-ignore */ files.glue.href)),
    wasm: typeof WebAssembly.compileStreaming === 'function'
      ? quiet(WebAssembly.compileStreaming(fetch(files.wasm.href, { credentials: 'same-origin' }))) : Promise.resolve(null),
  };
}

/** Instantiates the build for `mode` and resolves with the Emscripten module. */
export async function loadModule(mode) {
  const files = FILES[mode];
  const started = early?.mode === mode ? early : null;
  const glue = (started && await started.glue) ?? await import(/* @vite-ignore */ files.glue.href);
  const compiled = started && await started.wasm;
  const worker = files.worker && await sameOriginUrl(files.worker.href);
  const options = {
    // The pthread worker script goes to `new Worker()`: a TrustedScriptURL under Trusted Types.
    locateFile: (name) => (name.endsWith('.wasm') ? files.wasm.href : name.endsWith('.worker.js') ? scriptURL(worker) : name),
    mainScriptUrlOrBlob: files.glue.href,
  };
  if (IS_NODE) {
    // The glue is built for web and worker; in Node it only needs the bytes.
    const fsName = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ fsName);
    options.wasmBinary = await readFile(files.wasm);
  }
  if (!compiled) return glue.default(options);
  // Emscripten's hook for a module compiled elsewhere: it hands over the
  // imports and takes the instance (and the module, which it posts to the
  // pthread's Worker). Emscripten cannot be told of a failure from here, so
  // it rejects this promise instead.
  let failed;
  const failure = new Promise((_, reject) => { failed = reject; });
  options.instantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), failed);
    return {};
  };
  return Promise.race([glue.default(options), failure]);
}

// Bundlers inline small assets as data: URLs (Vite does for the 2 KB pthread
// worker script). A Worker from a data: URL has an opaque origin and cannot
// load the glue it needs; a blob: URL keeps the page's origin.
async function sameOriginUrl(href) {
  if (!href.startsWith('data:')) return allowScriptURL(href);
  return allowScriptURL(URL.createObjectURL(await (await fetch(href)).blob()));
}

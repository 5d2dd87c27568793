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

/** Instantiates the build for `mode` and resolves with the Emscripten module. */
export async function loadModule(mode) {
  const files = FILES[mode];
  const { default: create } = await import(/* @vite-ignore */ files.glue.href);
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
  return create(options);
}

// Bundlers inline small assets as data: URLs (Vite does for the 2 KB pthread
// worker script). A Worker from a data: URL has an opaque origin and cannot
// load the glue it needs; a blob: URL keeps the page's origin.
async function sameOriginUrl(href) {
  if (!href.startsWith('data:')) return allowScriptURL(href);
  return allowScriptURL(URL.createObjectURL(await (await fetch(href)).blob()));
}

// The hydration pthread's JavaScript (threads build; linked with --js-library).
// Thread contract and queue: wasm/hydrator.h.
//
// Only glue: the hydration itself — fetch, signature check, ETags, retries,
// watch scheduling, commands one at a time in order — is web/hydration.js,
// the same module the single build's fetch Worker and Node run. This file
// imports it by URL (the page passes the URL it resolved against its own
// module, so bundlers that rename files still work), hands it the commands
// the page queued, and gives it the sink into this module (wasmSink: bytes
// copied into the heap on this thread, validated and published by lc_offer on
// this thread; the page never sees them).
//
// It waits for the command queue's tail word to move with Atomics.waitAsync
// (never a blocking wait) and pops the commands (lc_hydrator_pop).
mergeInto(LibraryManager.library, {
  lc_js_hydrator_run: function (tailAddress) {
    var word = tailAddress >> 2;
    var stopped = false;
    var hydration = null; // import(hydration.js) → {hydrator, sink}
    // This module's exports as wasmSink wants them (HEAPU8 never changes: fixed memory).
    var module = {
      HEAPU8: HEAPU8, _lc_buffer: _lc_buffer, _lc_buffer_data: _lc_buffer_data, _lc_buffer_free: _lc_buffer_free,
      _lc_heap_available: _lc_heap_available, _lc_offer: _lc_offer, _lc_text: _lc_text, _lc_report: _lc_report,
    };
    var pending = Promise.resolve(); // commands wait for the module's import, in order

    function load(url) {
      if (!hydration) {
        hydration = import(/* @vite-ignore */ url).then(function (h) {
          var sink = h.wasmSink(module);
          return { hydrator: new h.Hydrator(sink), sink: sink };
        });
      }
      return hydration;
    }
    // A command for the Hydrator; 'bytes' carries an lc_buffer the page filled
    // (its one copy into the heap), which the sink offers as it is.
    function handle(c) {
      pending = pending.then(function () { return load(c.hydration); }).then(function (h) {
        if (c.op === 'bytes') c.bytes = h.sink.adopt(c.buffer, c.length);
        h.hydrator.handle(c);
      }, function (e) {
        // hydration.js could not be imported: the page's watchdog reports
        // its requests (hydration-unresponsive).
        err('localecap hydration thread: ' + (e && e.stack || e));
        if (c.op === 'bytes') _lc_buffer_free(c.buffer);
      });
      if (c.op === 'shutdown') stopped = true;
    }
    // The tail is read before popping, so a command pushed after the last pop
    // makes the wait return at once ('not-equal') instead of being missed.
    function next() {
      if (stopped) return;
      var seen = Atomics.load(HEAP32, word);
      for (var p = _lc_hydrator_pop(); p; p = _lc_hydrator_pop()) handle(JSON.parse(UTF8ToString(p)));
      if (stopped) return;
      if (typeof Atomics.waitAsync === 'function') {
        var r = Atomics.waitAsync(HEAP32, word, seen);
        if (r.async) r.value.then(next); else setTimeout(next, 0);
      } else {
        setTimeout(next, 10);
      }
    }
    next();
  },
});

// The hydration pthread's JavaScript (threads build; linked with --js-library).
// Thread contract and command format: wasm/hydrator.h.
//
// Runs only in the hydration pthread's Worker. It waits for the command
// queue's tail word to move with Atomics.waitAsync (never a blocking wait),
// pops the commands, and runs them one at a time in order, so update()
// requests are answered in the order they were made (web/index.js relies on
// that). Fetching, retries, backoff, timeouts, the size cap and signature
// checks are web/fetcher.js, imported here by URL (the page passes the URL it
// resolved against its own module, so bundlers that rename files still work).
// Verified bytes are copied into wasm memory here (malloc on this thread) and
// published by lc_hydrator_hydrate on this thread; the page never sees them.
mergeInto(LibraryManager.library, {
  lc_js_hydrator_run__deps: ['malloc', 'free'],
  lc_js_hydrator_run: function (tailAddress) {
    // Outcome kinds by name (wasm/abi.h kOutcomeKindNames).
    var REJECT = 'reject', NOT_MODIFIED = 'not-modified', CANCELLED = 'cancelled';
    var word = tailAddress >> 2;
    var chain = Promise.resolve(); // the command running now, then the ones after it
    var stopped = false;
    var abort = new AbortController(); // aborts fetches in flight at shutdown
    var etags = new Map(); // by URL: the next request for it is conditional
    var fetcher = null;
    var watch = null;

    function cstr(s) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    }
    function record(request, kind, reason, status, attempts, message) {
      var k = cstr(kind), r = cstr(reason), m = cstr(message);
      _lc_hydrator_record(request, k, r, status, attempts, m);
      _free(k);
      _free(r);
      _free(m);
    }
    // Runs `task` after everything queued before it. A task that throws (say
    // fetcher.js could not be imported) still settles its request, as a
    // reject, and does not stop the ones after it.
    function enqueue(task, request) {
      chain = chain.then(function () { if (!stopped) return task(); }).catch(function (e) {
        err('localecap hydration thread: ' + (e && e.stack || e));
        if (request) record(request, REJECT, 'fetch-failed', 0, 0, 'hydration thread: ' + (e && e.message || e));
      });
    }
    function load(url) {
      if (!fetcher) fetcher = import(/* @vite-ignore */ url);
      return fetcher;
    }
    // Copies verified bytes into wasm memory on this thread (their one copy
    // into the heap) and publishes them; true if they are what is live now
    // (swapped in or unchanged).
    function hydrate(request, bytes, status, attempts) {
      var buffer = _lc_buffer(bytes.length);
      if (!buffer) {
        record(request, REJECT, 'snapshot-too-large', status, attempts,
          'the wasm heap cannot take ' + bytes.length + ' bytes (' + _lc_heap_available() + ' available)');
        return false;
      }
      HEAPU8.set(bytes, _lc_buffer_data(buffer));
      return _lc_hydrator_hydrate(request, buffer, status, attempts) === 1;
    }
    function fetchAndHydrate(request, c) {
      return load(c.fetcher).then(function (f) {
        var policy = Object.assign({}, c, { etag: etags.get(c.url) || '', signal: abort.signal });
        return f.fetchSnapshot(c.url, policy).then(function (r) {
          if (stopped) return;
          _lc_note_fetches(r.attempts);
          if (r.status === 200 && r.bytes && !r.reason) {
            if (hydrate(request, new Uint8Array(r.bytes), 200, r.attempts) && r.etag) etags.set(c.url, r.etag);
            return;
          }
          var o = f.outcomeOf(r, c.url);
          record(request, o.kind === 'not-modified' ? NOT_MODIFIED : REJECT, o.reason, r.status, r.attempts, o.message);
        });
      });
    }
    // Bytes the page put in wasm memory (update(bytes), a buffer from
    // lc_buffer): signature check, then publish.
    function hydrateBytes(c) {
      if (!c.keys || c.keys.length === 0) return _lc_hydrator_hydrate(c.request, c.buffer, 0, 0);
      return load(c.fetcher).then(function (f) {
        var at = _lc_buffer_data(c.buffer);
        return f.verifySnapshot(HEAPU8.slice(at, at + c.length), c.signature || null, c);
      }).then(function (refused) {
        if (!refused) return _lc_hydrator_hydrate(c.request, c.buffer, 0, 0);
        _lc_buffer_free(c.buffer);
        record(c.request, REJECT, refused.reason, 0, 0, refused.message);
      });
    }

    // One poll at a time; the next is due intervalMs after the last settled.
    // The first poll answers the watch() request, later ones request 0.
    function startWatch(c) {
      var w = { request: c.request, stopped: false, timer: 0 };
      watch = w;
      var poll = function () {
        if (w.stopped) return;
        var request = w.request;
        w.request = 0;
        return fetchAndHydrate(request, c).then(function () {
          if (!w.stopped) w.timer = setTimeout(function () { enqueue(poll); }, c.intervalMs);
        });
      };
      enqueue(poll, w.request);
    }
    // A watch replaced or stopped before its first poll still owes the page
    // an outcome for the request that started it.
    function stopWatch() {
      var w = watch;
      if (!w) return;
      watch = null;
      w.stopped = true;
      clearTimeout(w.timer);
      if (w.request) {
        var request = w.request;
        enqueue(function () { record(request, CANCELLED, 'ok', 0, 0, 'watch replaced before its first poll'); });
      }
    }
    function handle(c) {
      switch (c.op) {
        case 'update': enqueue(function () { return fetchAndHydrate(c.request, c); }, c.request); break;
        case 'bytes': enqueue(function () { return hydrateBytes(c); }, c.request); break;
        case 'reject': enqueue(function () { record(c.request, REJECT, c.reason, 0, 0, c.message); }); break;
        case 'watch': stopWatch(); startWatch(c); break;
        case 'stopWatch': stopWatch(); break;
        case 'etag': etags.set(c.url, c.etag); break;
        case 'shutdown': stopWatch(); stopped = true; abort.abort(); break;
      }
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

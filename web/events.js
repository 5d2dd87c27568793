// An EventTarget whose listeners cannot hurt it (issue 16 §6).
//
// A listener that throws is reported as an 'error' event (detail: reason
// 'listener-threw', the event type, the message and the error itself) instead
// of escaping: in Node an error thrown by an EventTarget listener is rethrown
// as an uncaught exception and ends the process, and in a browser it goes to
// window.onerror; either way the registry's own work (settling the update()
// that caused a swap, the events after it) must go on. A throwing 'error'
// listener is reported with console.error, never by another event (no loops).
//
// Listeners are wrapped once per (type, listener, capture), so adding the same
// listener twice is still one listener and removeEventListener finds it.

export class GuardedEventTarget extends EventTarget {
  #wrapped = new Map(); // `${capture}:${type}` → WeakMap(listener → wrapper)

  addEventListener(type, listener, options) {
    if (listener === null || listener === undefined) return super.addEventListener(type, listener, options);
    const key = this.#key(type, options);
    let byListener = this.#wrapped.get(key);
    if (!byListener) this.#wrapped.set(key, (byListener = new WeakMap()));
    let wrapper = byListener.get(listener);
    if (!wrapper) {
      wrapper = (event) => {
        try {
          if (typeof listener === 'function') listener.call(this, event);
          else listener.handleEvent(event);
        } catch (error) {
          this.#listenerThrew(type, error);
        }
      };
      byListener.set(listener, wrapper);
    }
    return super.addEventListener(type, wrapper, options);
  }

  removeEventListener(type, listener, options) {
    const wrapper = listener && this.#wrapped.get(this.#key(type, options))?.get(listener);
    return super.removeEventListener(type, wrapper ?? listener, options);
  }

  #key(type, options) {
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    return `${capture}:${type}`;
  }

  #listenerThrew(type, error) {
    const message = `a '${type}' listener threw: ${error?.message ?? error}`;
    if (type === 'error') {
      console.error(`localecap: ${message}`, error);
      return;
    }
    this.dispatchEvent(new CustomEvent('error', { detail: { reason: 'listener-threw', type, message, error } }));
  }
}

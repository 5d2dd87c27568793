// The errors localecap throws and rejects with: one hierarchy, every error a
// LocalecapError with a stable, machine-readable `.code` (the same names as
// the C++ ErrorCode, web/dist/abi.js ERROR_NAMES, plus the runtime's own:
// 'disposed', 'hydration-unresponsive', 'outcome-lost', 'too-many-requests',
// 'threads-unavailable', 'abi-mismatch', 'webcrypto-unavailable' (publicKeys
// without Ed25519 in WebCrypto), and the names file's 'names-unavailable',
// 'names-bad-file').
//
// LocaleTagError must stay a RangeError (what Intl throws for a bad tag), and
// a class has one parent, so membership is a brand: `e instanceof
// LocalecapError` is true for every class here, LocaleTagError included.
// Arguments of the wrong type are TypeErrors, as in any JS API.

const BRAND = Symbol.for('localecap.error');

/** Base of every localecap error: `.code` says what went wrong. */
export class LocalecapError extends Error {
  /** @param {string} code @param {string} message @param {object} [fields] extra properties (reason, detail, …) */
  constructor(code, message, fields = {}) {
    super(`localecap: ${message}`);
    this.name = 'LocalecapError';
    this.code = code;
    Object.assign(this, fields);
  }

  // True for every branded error; subclasses test their own prototype chain.
  static [Symbol.hasInstance](value) {
    if (this !== LocalecapError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === 'object' && value[BRAND] === true;
  }
}
LocalecapError.prototype[BRAND] = true;

/** A tag that is not well-formed: resolve(tag, {strict: true}) and the tag functions. A RangeError, like Intl's. */
export class LocaleTagError extends RangeError {
  constructor(tag, { code, message, offset = -1, suggestion = '' }) {
    super(`localecap: '${tag}': ${message}` + (suggestion && !message.includes(suggestion) ? ` (did you mean '${suggestion}'?)` : ''));
    this.name = 'LocaleTagError';
    this.tag = tag;
    this.code = code;
    this.offset = offset;
    this.suggestion = suggestion;
  }
}
LocaleTagError.prototype[BRAND] = true;

/** Why update() rejected: the snapshot was refused and the live one keeps serving. `.code` and `.reason` are the same name. */
export class SnapshotRejectedError extends LocalecapError {
  constructor(detail) {
    super(detail.reason, `snapshot rejected (${detail.reason}): ${detail.message}`,
      { reason: detail.reason, suggestion: detail.suggestion ?? '', detail });
    this.name = 'SnapshotRejectedError';
  }
}

/**
 * The hydration side did not answer (it died or hangs: 'hydration-unresponsive'),
 * an outcome was overwritten before it was read ('outcome-lost'), or its queue
 * is full ('too-many-requests'). The live snapshot keeps serving.
 */
export class HydrationError extends LocalecapError {
  constructor(code, message) {
    super(code, message, { reason: code });
    this.name = 'HydrationError';
  }
}

/** The registry was disposed: pending promises reject with it, later calls throw it. Named 'AbortError', as fetch's. */
export class RegistryDisposedError extends LocalecapError {
  constructor() {
    super('disposed', 'this registry was disposed', { reason: 'disposed' });
    this.name = 'AbortError';
  }
}

/**
 * suggest() could not use the names file (web/names.js): 'names-unavailable'
 * (not fetched: offline, 404, too large) or 'names-bad-file' (not a names file
 * of this format). `.suggestion` says what to do, `.url` which file. Only
 * suggest() needs the file: the registry keeps serving.
 */
export class NamesError extends LocalecapError {
  constructor(code, message, suggestion, url) {
    super(code, message, { reason: code, suggestion, url });
    this.name = 'NamesError';
  }
}

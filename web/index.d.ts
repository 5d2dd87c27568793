// localecap — TypeScript declarations for web/index.js.

/** The inline base direction, as HTML `dir` and `Intl.Locale#getTextInfo()` use it. */
export type Direction = 'ltr' | 'rtl';
/** CSS `writing-mode` values. */
export type WritingMode = 'horizontal-tb' | 'vertical-rl' | 'vertical-lr';
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
export type MorphologyType = 'isolating' | 'agglutinative' | 'fusional' | 'polysynthetic' | 'unknown';

/**
 * A capability profile. Frozen (nested objects too); one object per profile per
 * snapshot version. Field sources and derivation rules: docs/data.md.
 */
export interface Profile {
  readonly tag: string;          // the profile's own tag, e.g. 'ar', 'zh-Hant'
  readonly maximized: string;    // e.g. 'ar-Arab-EG'; 'Zzzz' / 'ZZ' where unknown
  readonly language: string;     // 'ar'
  readonly script: string;       // ISO 15924; 'Zxxx' if unwritten, 'Zzzz' if unknown
  readonly region: string;       // ISO 3166 / UN M.49, 'ZZ' if unknown
  readonly name: string;         // English name
  readonly direction: Direction;             // safe for document.dir; 'ltr' for vertical scripts too
  readonly writingMode: WritingMode;         // CSS writing-mode; 'vertical-lr' for Mongolian script
  /** false for languages SIL langtags marks unwritten (script 'Zxxx'); true otherwise. */
  readonly written: boolean;
  readonly segmentation: 'space' | 'dictionary' | 'character' | 'syllable';
  readonly morphology: {
    readonly type: MorphologyType;
    /** 'observed': the language's own WALS values; 'inferred': its nearest WALS-attested
     *  relative's (never presented as observed); 'none': no data. */
    readonly source: 'observed' | 'inferred' | 'none';
    readonly relative: string | null;   // tag of the language whose WALS/AUTOTYP values are used
    readonly distance: number;          // Glottolog tree edges to it; 0 if observed
    /** 1 when observed; when inferred, the leave-one-out accuracy of inference at this
     *  tree distance (docs/data.md); 0 when the type is unknown. */
    readonly confidence: number;
    /** The derivation rule of docs/data.md that decided the type ('P1', 'I3', 'A2', 'F1', …; '-' if none). */
    readonly rule: string;
    /** WALS values the type rests on, by feature: 20A, 21A, 22A, 26A, 49A (value numbers). */
    readonly wals: Readonly<Partial<Record<'20A' | '21A' | '22A' | '26A' | '49A', number>>>;
    /** AUTOTYP 1.1 values the type rests on (only those with a datum). */
    readonly autotyp: Readonly<{
      nounIncorporation?: boolean; verbCategories?: number; verbFormatives?: number;
      exponence?: 'separative' | 'cumulative' | 'distributive'; flexivity?: boolean; nounPolyexponence?: boolean;
    }>;
    /** A creole, pidgin or mixed language: never inherits from its lexifier. */
    readonly creole: boolean;
    /** 'autotyp': AUTOTYP Genesis; 'glottolog': Glottolog's classification (or, for 3 languages, the name). */
    /** 'autotyp': AUTOTYP Genesis; 'glottolog': Glottolog's classification (or, for 3 languages, the name). */
    readonly creoleSource: 'autotyp' | 'glottolog' | null;
  };
  readonly plural: {
    readonly cardinal: readonly PluralCategory[];  // e.g. ['one', 'other']
    readonly ordinal: readonly PluralCategory[];
  };
  /** CLDR grammaticalFeatures of nominals; empty where CLDR has none. */
  readonly grammar: { readonly genders: readonly string[]; readonly cases: readonly string[] };
  /** Where each field came from. */
  readonly sources: {
    readonly maximized: 'cldr' | 'sil-langtags' | 'glottolog' | 'none';
    readonly direction: 'cldr-layout' | 'cldr-script' | 'unwritten' | 'none';
    readonly segmentation: 'script-rule' | 'none';
    readonly cardinal: 'cldr' | 'inherited' | 'root';
    readonly ordinal: 'cldr' | 'inherited' | 'root';
    readonly grammar: 'cldr' | 'cldr-inherited' | 'none';
    readonly morphology: 'observed' | 'inferred' | 'none';
  };
  /** registry_version of the snapshot it came from (exact: versions are at most 2^53 - 1). */
  readonly version: number;
}

/**
 * Hydration telemetry of one registry (stats()). The counters from `version`
 * to `retiredNotFreed` come from one place, the C++ registry's telemetry,
 * whichever thread or Worker fetched: the same sequence of calls gives the
 * same counts in every mode.
 */
export interface Stats {
  mode: 'threads' | 'single';
  /** registry_version of the live snapshot. */
  version: number;
  /** HTTP requests sent, retries included. */
  fetches: number;
  retries: number;
  /** 304 answers to conditional requests: nothing to do. */
  notModified: number;
  /** 200 answers carrying the live snapshot's own bytes: nothing to do. */
  unchanged: number;
  swaps: number;
  rejects: number;
  /** Refused snapshots by reason, e.g. { 'snapshot-bad-hash': 1 }. */
  rejectsByReason: Record<RejectReason | string, number>;
  lastError: RejectReason | string | null;
  /** Snapshot bytes offered for validation (fetched, or given to update()). */
  bytes: number;
  /** Time to validate and publish the last / slowest snapshot offered, on the hydration side. */
  lastHydrateMs: number;
  maxHydrateMs: number;
  /** Snapshots in memory: the live one plus retired ones readers may still hold. */
  liveSnapshots: number;
  retiredNotFreed: number;
  /** Guarded reads of the registry, every thread. */
  reads: number;
  /** Bytes of the wasm heap in use (malloc'd and not freed), every thread. */
  heapInUse: number;
  /** The wasm memory's size now (threads: fixed 16 MiB; single: 8 MiB at load, grows up to 64 MiB). */
  memoryBytes: number;
  /** The registry's maxSnapshotBytes after the clamp to what the heap can take. */
  maxSnapshotBytes: number;
  /** Tags resolve() remembers for the live version (a repeated tag is one Map.get); at most 4,096. */
  memoEntries: number;
  /** Profiles materialized as JS objects for the live version. */
  cachedProfiles: number;
  /** Outcome records overwritten before this thread read them (an 'error' event each). */
  lostOutcomes: number;
  /**
   * The hydration worker: 'ok'; 'unresponsive' once an update() got no outcome
   * within its policy's worst case plus a grace (it died or hangs; back to 'ok'
   * when it answers again); 'restarted' when single mode replaced its fetch
   * Worker. The live snapshot keeps serving throughout.
   */
  hydration: 'ok' | 'unresponsive' | 'restarted';
  /** update() requests that got no outcome in time (an 'error' event each, reason 'hydration-unresponsive'). */
  hydrationErrors: number;
}

/** Why a snapshot was refused (the ErrorCode name). */
export type RejectReason =
  | 'fetch-failed' | 'fetch-timeout' | 'fetch-http-status'
  | 'snapshot-too-small' | 'snapshot-too-large' | 'snapshot-bad-magic' | 'snapshot-bad-version'
  | 'snapshot-bad-length' | 'snapshot-bad-hash' | 'snapshot-bad-section' | 'snapshot-bad-offset'
  | 'snapshot-bad-index' | 'snapshot-bad-signature' | 'snapshot-unsigned' | 'snapshot-older-version'
  | 'snapshot-bad-text' | 'snapshot-bad-header' | 'snapshot-version-too-large'
  | 'snapshot-below-min-version' | 'snapshot-expired' | 'snapshot-too-old' | 'snapshot-wrong-channel';

/**
 * How a snapshot request is fetched and what is trusted. The same code
 * (web/hydration.js) runs in every mode: in the threads build's hydration
 * pthread, in the single build's fetch Worker, directly in Node. Given to
 * createRegistry() it is the registry's policy; given to update() or watch()
 * it applies to that request, and may only make the trust options stricter
 * (a subset of the keys, a smaller maxSnapshotBytes): a weaker one rejects
 * with a LocalecapError whose code is 'policy-downgrade', unless the registry was
 * created with allowPolicyOverride: true.
 */
export interface FetchOptions {
  /** Per attempt, covering the whole body. Default 10000. 0: none. */
  timeoutMs?: number;
  /** Extra attempts after a network error, a timeout, a 5xx or a 429. Default 2. */
  retries?: number;
  /** Wait before retry k is backoffMs * 2^(k-1). Default 250. */
  backoffMs?: number;
  /**
   * Ed25519 public keys a snapshot may be signed with: each the raw 32-byte
   * key as exactly 64 hex digits (what `localecap-pack --generate-key`
   * prints) or canonical standard base64 (44 characters with its '=');
   * nothing else, not even surrounding whitespace. Any key may match, so list
   * the old and the new key during a key rollover. Checked up front: a
   * malformed key, or one no signer could hold (a small-order point such as
   * the all-zero key, a non-canonical encoding, a point off the curve),
   * throws (TypeError / RangeError) before anything loads. Signatures with a
   * non-canonical S (≥ the group order) are refused. The signature of a fetched snapshot
   * is the `Localecap-Signature` response header (base64 of the 64-byte
   * detached signature) when present, else the file `<final URL>.sig`.
   * Verified with WebCrypto (`crypto.subtle`, Ed25519) before the bytes are
   * validated; a wrong one rejects with 'snapshot-bad-signature'.
   */
  publicKeys?: string[];
  /**
   * Refuse snapshots without a signature ('snapshot-unsigned'). Default: true
   * when publicKeys is given (the embedded default snapshot is unsigned, so
   * point snapshotUrl at a signed one). Needs publicKeys.
   */
  requireSignature?: boolean;
  /**
   * Largest snapshot accepted, in bytes (default 8 MiB). A fetched body is
   * read as a stream and cut off as soon as it exceeds this (a server sending
   * endless bytes cannot exhaust memory); update(bytes) checks it too.
   * Rejects with 'snapshot-too-large'. Clamped to what the wasm heap can take
   * (two snapshots at once, the live and the new): ≈ 7 MiB in threads mode
   * (16 MiB of fixed memory), ≈ 31 MiB in single mode (up to 64 MiB);
   * stats().maxSnapshotBytes says the value in force.
   */
  maxSnapshotBytes?: number;
}

/** update() options: fetch and trust policy, and for bytes their detached signature. */
export interface UpdateOptions extends FetchOptions {
  /** For update(bytes): the 64-byte Ed25519 signature of the bytes (or its base64). */
  signature?: ArrayBuffer | ArrayBufferView | string;
}

export interface CreateOptions extends UpdateOptions {
  /** Snapshot to load first; defaults to the snapshot shipped with the package. */
  snapshotUrl?: string | URL;
  /** Snapshot bytes to load first instead of a URL. */
  snapshot?: ArrayBuffer | ArrayBufferView;
  /** 'auto' (default): threads when cross-origin isolated, else single. */
  mode?: 'auto' | 'threads' | 'single';
  /**
   * Follow a page's registry instead of loading a snapshot (in a Worker: `self`,
   * or a MessagePort whose other end the page passed to Registry#connect):
   * createRegistry resolves once the page's live snapshot has arrived and is
   * live (it waits until the page connects), and every later swap of the page
   * follows without this registry fetching. Not with `snapshot`/`snapshotUrl`
   * (TypeError). update()/watch() still work, but the next swap of the page
   * replaces what they loaded only if it is newer.
   */
  source?: MessageEndpoint;
  /**
   * Let update() and watch() replace the trust options (publicKeys,
   * requireSignature, maxSnapshotBytes) for one call, weaker ones included.
   * Default false: a call may only make them stricter.
   */
  allowPolicyOverride?: boolean;
  /**
   * Refuse snapshots whose registry_version is below this
   * ('snapshot-below-min-version'). A safe integer (or BigInt) up to 2^53 - 1,
   * the largest version a snapshot may carry. Default 0.
   */
  minVersion?: number | bigint;
  /**
   * Refuse snapshots issued (header issued_at) more than this many seconds ago
   * ('snapshot-too-old'); one without an issue time counts as issued in 1970.
   * Default 0: no limit. Expired snapshots (expires_at passed) are refused
   * whatever the options ('snapshot-expired').
   */
  maxAgeSeconds?: number;
  /** Accept only snapshots of this release channel ('snapshot-wrong-channel'). Default: any. */
  channel?: string;
  /**
   * Remembers the highest version that went live per channel, so that after a
   * reload an older snapshot (a stale cache, a replay) is refused as below the
   * floor. Default none; localStorageAdapter() is one for pages.
   */
  persistence?: VersionPersistence;
  /**
   * The names file suggest() fetches on first use; defaults to the one shipped
   * with the package (web/dist/names.json, ≈ 110 KB gzip).
   */
  names?: string | URL;
}

/**
 * What carries the page's snapshots to a Worker: a Worker (page side), a
 * Worker's global scope (`self`, Worker side), or either end of a MessageChannel.
 */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/**
 * One language suggest() found. Frozen. `match` says which of its keys matched:
 * its tag, another code of it ('fra', 'iw'), an English name, or a name in the
 * language itself (CLDR, SIL langtags autonyms).
 */
export interface Suggestion {
  tag: string;
  /** English name ('French'). */
  name: string;
  /** Its name in the language itself ('français'); '' where neither CLDR nor SIL has one. */
  autonym: string;
  /** The name or code that matched, as spelt in the data ('Castilian', 'Føroyskt', 'iw'). */
  matched: string;
  match: 'tag' | 'code' | 'name' | 'autonym';
  /** What resolve(tag) answers now. */
  profile: Profile;
}

/** createRegistry({ persistence }): where the highest live version per channel is kept. */
export interface VersionPersistence {
  /** The version remembered for `channel` ('' = no channel), or null; may be async. */
  load(channel: string): number | null | Promise<number | null>;
  /** Called after every swap; a throw or rejection is an 'error' event ('persistence-failed'). */
  save(channel: string, version: number): void | Promise<void>;
}

/**
 * A VersionPersistence over Web Storage (default: localStorage), under
 * `${key}.${channel}` (key default 'localecap.version'); it only ever raises
 * the stored version.
 */
export declare function localStorageAdapter(options?: {
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  key?: string;
}): VersionPersistence;

export interface SwapDetail {
  /** registry_version now live (exact, at most 2^53 - 1). */
  version: number;
  /** registry_version live before. */
  previous: number;
  /**
   * The update() or watch() request it answers, numbered from 1 in call order
   * (createRegistry's first snapshot is 1); 0 for a watch's later polls. The
   * same in every mode.
   */
  request: number;
  hydrateMs: number;
}

export interface RejectDetail {
  reason: RejectReason | string;
  message: string;
  /** What a person can do about this reason ('' where the message says it all). */
  suggestion: string;
  /** Last HTTP status, 0 if none (or bytes given directly). */
  status: number;
  /** registry_version of the refused snapshot, 0 if it did not validate. */
  offered: number;
  /** The live version, which keeps serving. */
  version: number;
  attempts: number;
  /** As SwapDetail.request. */
  request: number;
}

export interface ErrorDetail {
  reason: 'outcome-lost' | 'fetch-worker' | 'hydration-unresponsive' | string;
  message: string;
  /** 'hydration-unresponsive': the update() request that timed out, and whether the worker was restarted. */
  request?: number;
  restarted?: boolean;
}

/** One error of a language tag, with where it is and what to write instead. */
export interface TagError {
  code: string;          // 'tag-bad-language', 'tag-underscore-separator', …
  message: string;       // for a person: "language subtag must be 2–3 or 5–8 letters"
  offset: number;        // byte offset in the input, -1 if none
  suggestion: string;    // e.g. 'en-US' for 'en_US'; '' if none
}

/** parse(tag): the parts of a well-formed tag (canonical casing), or the error. Frozen. */
export interface ParsedTag {
  input: string;
  tag: string | null;          // the tag in canonical casing, null on error
  language?: string | null;
  extlang?: string | null;
  script?: string | null;
  region?: string | null;
  variants?: readonly string[];
  extensions?: string | null;  // 'u-ca-gregory-x-foo'
  legacy?: boolean;            // an irregular grandfathered tag ('i-klingon')
  error: TagError | null;
}

/** explain(tag): how one input was understood. Allocates; for tools and the demo. */
export interface Explanation {
  input: string;
  canonical: string | null;
  /** Likely subtags added (the canonical tag if none apply); null only if `input` is not well-formed. */
  maximized: string | null;
  match: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root';
  fallbackChain: readonly string[];
  profile: Profile;
  error: TagError | null;
}

/**
 * Base of every error localecap throws or rejects with; `code` is a stable name
 * (the C++ ErrorCode names of web/dist/abi.js ERROR_NAMES, or one of the runtime's:
 * 'disposed', 'hydration-unresponsive', 'outcome-lost', 'too-many-requests',
 * 'threads-unavailable', 'abi-mismatch'). `e instanceof LocalecapError` is true for
 * every localecap error, LocaleTagError (a RangeError) included. Arguments of the
 * wrong type throw a plain TypeError.
 */
export declare class LocalecapError extends Error {
  readonly code: string;
}

/** Thrown by resolve(tag, { strict: true }) and the tag functions for a tag that is not well-formed. */
export declare class LocaleTagError extends RangeError {
  readonly name: 'LocaleTagError';
  readonly tag: string;
  readonly code: string;
  readonly offset: number;
  readonly suggestion: string;
}

/** Rejection of update(): the snapshot was refused; the live one keeps serving. `code === reason`. */
export declare class SnapshotRejectedError extends LocalecapError {
  readonly name: 'SnapshotRejectedError';
  readonly code: RejectReason | string;
  readonly reason: RejectReason | string;
  readonly detail: RejectDetail;
}

/** The hydration side did not answer, lost an outcome, or its queue is full; the live snapshot keeps serving. */
export declare class HydrationError extends LocalecapError {
  readonly name: 'HydrationError';
  readonly code: 'hydration-unresponsive' | 'outcome-lost' | 'too-many-requests';
  readonly reason: 'hydration-unresponsive' | 'outcome-lost' | 'too-many-requests';
}

/** Pending promises reject with it on dispose(), and later calls throw it. */
export declare class RegistryDisposedError extends LocalecapError {
  readonly name: 'AbortError';
  readonly code: 'disposed';
  readonly reason: 'disposed';
}

/**
 * suggest() could not use the names file: 'names-unavailable' (offline, HTTP
 * error, too large) or 'names-bad-file' (not a names file of this format).
 * Nothing else needs the file: resolve() and the rest keep working.
 */
export declare class NamesError extends LocalecapError {
  readonly name: 'NamesError';
  readonly code: 'names-unavailable' | 'names-bad-file';
  readonly reason: 'names-unavailable' | 'names-bad-file';
  /** What to do about it. */
  readonly suggestion: string;
  /** The names file's URL. */
  readonly url: string;
}

interface RegistryEventMap {
  swap: CustomEvent<SwapDetail>;
  reject: CustomEvent<RejectDetail>;
  error: CustomEvent<ErrorDetail>;
}

export declare class Registry extends EventTarget {
  /** Use createRegistry(). */
  private constructor();
  readonly mode: 'threads' | 'single';
  /**
   * registry_version of the live snapshot, 0 before any. Exact: a snapshot's
   * version is at most 2^53 - 1 (Number.MAX_SAFE_INTEGER); the reader refuses
   * larger ones ('snapshot-version-too-large'). So are every other version here.
   */
  readonly version: number;
  /** How the last resolve() on this thread matched. */
  readonly lastMatch: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root';
  /**
   * The frozen profile for `tag`, identical (===) for every input resolving to
   * it within one snapshot version; a repeated call allocates nothing. Never
   * throws for a string (bad input gets the root profile) unless `strict`, which
   * throws LocaleTagError for a tag that is not well-formed. TypeError for a non-string.
   */
  resolve(tag: string, options?: { strict?: boolean }): Profile;
  explain(tag: string): Explanation;
  /** Strict RFC 5646 parse; `error` is set (never thrown) for a tag that is not well-formed. */
  parse(tag: string): ParsedTag;
  /**
   * UTS #35 forms ('_' accepted); throw LocaleTagError for a tag that is not well-formed.
   * A well-formed tag without likely-subtags data maximizes and minimizes to its
   * canonical form ('sgn-BE-FR' → 'sfb'), as Intl.Locale does.
   */
  canonicalize(tag: string): string;
  maximize(tag: string): string;
  minimize(tag: string): string;
  stats(): Stats;
  /**
   * Languages whose name, autonym, tag or code matches `text`, best first (its
   * tag or a code, a name equal to it, names starting with it, a word starting
   * with it, names containing it; major languages first among equals), for
   * search boxes and "did you mean". Case, diacritics and punctuation are
   * ignored ('francais' finds Français, 'foroyskt' Føroyskt). Covers every
   * language of the snapshot; languages the live snapshot does not know are
   * left out. The first call fetches the names file (CreateOptions.names);
   * rejects with NamesError when it cannot be had (retried by a call a few
   * seconds later). `limit` defaults to 8.
   */
  suggest(text: string, options?: { limit?: number }): Promise<readonly Suggestion[]>;
  /**
   * Fetches a snapshot URL (conditionally) or takes snapshot bytes; resolves
   * with the live version once it is live (or was already: 304 / same bytes),
   * rejects with SnapshotRejectedError when refused.
   */
  update(source: string | URL | ArrayBuffer | ArrayBufferView, options?: UpdateOptions): Promise<number>;
  /**
   * Polls `url` (ETag / If-None-Match) every intervalMs (default 60000) in the
   * hydration worker, replacing any previous watch, until `signal` aborts or
   * dispose(). Resolves with the live version after the first poll.
   */
  watch(url: string | URL, options?: FetchOptions & { intervalMs?: number; signal?: AbortSignal }): Promise<number>;
  /**
   * Feeds `target` this registry's live snapshot now and after every swap, for
   * a registry created at the other end with createRegistry({ source }), so
   * both answer from the same version and only this one fetches. The bytes
   * are copied out of wasm memory and transferred, once per target per swap.
   * Returns the function that stops feeding `target`; dispose() stops all.
   * TypeError if `target` cannot carry messages.
   */
  connect(target: MessageEndpoint): () => void;
  /**
   * Stops the hydration worker; every later call throws (update/watch reject).
   * Pending update()/watch() promises reject with a RegistryDisposedError (name
   * 'AbortError', code and reason 'disposed'); no event is dispatched afterwards.
   */
  dispose(): void;
  addEventListener<K extends keyof RegistryEventMap>(type: K, listener: (ev: RegistryEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RegistryEventMap>(type: K, listener: (ev: RegistryEventMap[K]) => void, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/** Creates a registry; resolves once its first snapshot is live, rejects if it is refused. */
export declare function createRegistry(options?: CreateOptions): Promise<Registry>;

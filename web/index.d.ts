// localecap — TypeScript declarations for web/index.js.

/** A capability profile. Frozen; one object per profile per snapshot version. */
export interface Profile {
  readonly tag: string;          // the profile's own tag, e.g. 'ar'
  readonly maximized: string;    // e.g. 'ar-Arab-EG'
  readonly name: string;         // English name
  readonly script: string;       // ISO 15924
  readonly region: string;
  readonly direction: 'ltr' | 'rtl' | 'ttb';
  readonly lineOrder: 'ltr' | 'rtl' | 'ttb';
  readonly segmentation: 'space' | 'dictionary' | 'character' | 'syllable';
  readonly version: number;      // registry_version of the snapshot it came from
}

export interface Stats {
  version: number;
  fetches: number;
  notModified: number;
  swaps: number;
  rejects: number;
  lastError: string;
}

export interface CreateOptions {
  /** Snapshot to load first; defaults to the snapshot shipped with the package. */
  snapshotUrl?: string;
  timeoutMs?: number;
}

export declare class Registry extends EventTarget {
  readonly mode: 'threads' | 'single';
  readonly version: number;
  readonly lastMatch: 'exact' | 'canonical' | 'likely' | 'fallback' | 'root';
  /** Never throws for a string: bad input gets the root profile. Throws TypeError otherwise. */
  resolve(tag: string): Profile;
  stats(): Stats;
  /** Fetches once in the worker; resolves with the live version, rejects with the reason. */
  update(url: string, options?: { timeoutMs?: number }): Promise<number>;
  /** Polls in the worker with conditional requests; swaps when the snapshot changes. */
  watch(url: string, options?: { intervalMs?: number; signal?: AbortSignal }): void;
  dispose(): void;
}

export declare function createRegistry(options?: CreateOptions): Promise<Registry>;

// Compiles with `tsc --noEmit --strict` against the shipped index.d.ts
// (e2e/tarball.spec.js checks that it names every export of the package).
import {
  createRegistry, Registry, LocalecapError, LocaleTagError, SnapshotRejectedError, HydrationError, RegistryDisposedError, NamesError, localStorageAdapter,
  type Direction, type WritingMode, type PluralCategory, type MorphologyType, type Profile, type Stats,
  type RejectReason, type FetchOptions, type UpdateOptions, type CreateOptions,
  type SwapDetail, type RejectDetail, type ErrorDetail, type TagError, type ParsedTag, type Explanation, type Suggestion, type MessageEndpoint, type VersionPersistence,
} from 'localecap';

const fetchOptions: FetchOptions = { timeoutMs: 5000, retries: 1, backoffMs: 100, maxSnapshotBytes: 4 << 20 };
const updateOptions: UpdateOptions = { ...fetchOptions, signature: new Uint8Array(64) };
const createOptions: CreateOptions = {
  snapshotUrl: new URL('https://cdn.example.com/snapshots/latest.lcs'), mode: 'auto',
  publicKeys: ['6f'.repeat(32)], requireSignature: true, names: '/names.json', ...fetchOptions,
  minVersion: 2n ** 40n, maxAgeSeconds: 30 * 86400, channel: 'stable', persistence: localStorageAdapter(),
};
const persistence: VersionPersistence = localStorageAdapter({ storage: localStorage, key: 'app.localecap' });

export async function everything(bytes: ArrayBuffer): Promise<void> {
  const reg: Registry = await createRegistry(createOptions);
  const mode: 'threads' | 'single' = reg.mode;
  const version: number = reg.version;
  const p: Profile = reg.resolve('ar-EG');
  const dir: Direction = p.direction;
  const writing: WritingMode = p.writingMode;
  const plural: readonly PluralCategory[] = p.plural.cardinal;
  const morphology: MorphologyType = p.morphology.type;
  const match: Explanation['match'] = reg.lastMatch;
  const ex: Explanation = reg.explain('iw_IL');
  const parsed: ParsedTag = reg.parse('en_US');
  const error: TagError | null = parsed.error;
  const forms: string[] = [reg.canonicalize('iw-IL'), reg.maximize('zh-TW'), reg.minimize('zh-Hant-TW')];
  const stats: Stats = reg.stats();
  const reasons: Record<RejectReason | string, number> = stats.rejectsByReason;

  reg.addEventListener('swap', (e) => { const d: SwapDetail = e.detail; console.log(d.version, d.hydrateMs); });
  reg.addEventListener('reject', (e) => { const d: RejectDetail = e.detail; console.log(d.reason, d.offered); });
  reg.addEventListener('error', (e) => { const d: ErrorDetail = e.detail; console.log(d.reason, d.message); });

  const abort = new AbortController();
  const watched: number = await reg.watch('/snapshots/latest.lcs', { intervalMs: 60_000, signal: abort.signal, ...fetchOptions });
  abort.abort();
  try {
    const updated: number = await reg.update(bytes, updateOptions);
    console.log(updated);
  } catch (e) {
    if (e instanceof SnapshotRejectedError) { const r: RejectReason | string = e.reason; console.log(r, e.detail.status); }
    else if (e instanceof HydrationError) { const why: 'hydration-unresponsive' | 'outcome-lost' | 'too-many-requests' = e.reason; console.log(why); }
    else if (e instanceof RegistryDisposedError) { const code: 'disposed' = e.code; console.log(code); }
    else if (e instanceof LocalecapError) console.log(e.code);
  }
  try {
    reg.resolve('engl', { strict: true });
  } catch (e) {
    if (e instanceof LocaleTagError) console.log(e.code, e.offset, e.suggestion, e.tag);
  }
  try {
    const found: readonly Suggestion[] = await reg.suggest('francais', { limit: 3 });
    const first: { tag: string; autonym: string; match: Suggestion['match']; profile: Profile } | undefined = found[0];
    console.log(first?.tag, first?.autonym, first?.match, first?.profile.direction);
  } catch (e) {
    if (e instanceof NamesError) { const code: 'names-unavailable' | 'names-bad-file' = e.code; console.log(code, e.suggestion, e.url); }
  }
  const channel = new MessageChannel();
  const port: MessageEndpoint = channel.port1;
  const stop: () => void = reg.connect(port);
  stop();
  const follower: Registry = await createRegistry({ source: channel.port2, mode: 'single' });
  follower.dispose();
  console.log(mode, version, dir, writing, plural, morphology, match, ex.fallbackChain, error?.code, forms, reasons, watched);
  reg.dispose();
}

// The libFuzzer targets in fuzz/ and the committed seed corpus each starts
// from (fuzz/corpus/<dir>), for the short runs of `npm test`
// (tools/run-tests.mjs) and the long ones of `npm run fuzz` (tools/fuzz.mjs).
export const FUZZ_SEEDS = { tag_fuzz: 'tag', snapshot_fuzz: 'snapshot', resolve_fuzz: 'tag' };
// Flags both runners pass to every target.
export const FUZZ_FLAGS = ['-timeout=10', '-rss_limit_mb=2048', '-print_final_stats=1'];

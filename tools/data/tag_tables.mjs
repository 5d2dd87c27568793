// The key→value tables the tag component (src/tag) reads from a snapshot:
// likely subtags today; aliases, validity and names as src/tag grows.
// Returns {tableName: {key: value}} with the names of kTableNames in
// src/snapshot/format_v1.h. Deterministic: keys sorted.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

export function tagTables() {
  const likely = require('cldr-core/supplemental/likelySubtags.json').supplemental.likelySubtags;
  return {
    likelySubtags: sorted(likely),
  };
}

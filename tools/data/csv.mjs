// Reads a CLDF CSV table (WALS, Glottolog) into an array of row objects keyed
// by the header line. Thin wrapper over csv-parse so every reader agrees on
// quoting and encoding (a leading byte-order mark is dropped: SIL's autonyms.csv has one).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export function readCsv(path) {
  return parse(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true });
}

// Morphological type: the derivation rules over a language's own WALS and
// AUTOTYP values, inference from the nearest attested relative in the
// Glottolog tree, and the leave-one-out evaluation that states how often such
// an inference is right (docs/data.md, "Morphology"). Rule names (P1, I1, …)
// are the ones docs/data.md tabulates; tests/data/morphology-golden.json
// checks the result against textbook labels.

// F = WALS 20A fusion, E = 21A exponence, S = 22A inflectional synthesis of the
// verb, A = 26A prefixing/suffixing, C = 49A number of cases (value numbers);
// NI = AUTOTYP noun incorporation, VF = formatives of the maximally inflected
// verb, FLEX = any flexivity, NPX = polyexponence in nouns.
// Returns { type, rule }; the first rule that matches wins.
export function deriveType(w = {}, a = {}) {
  const F = w['20A'], E = w['21A'], S = w['22A'], A = w['26A'], C = w['49A'];
  const NI = a.nounIncorporation, VF = a.verbFormatives;
  const concatenative = F === 1 || F === 5 || F === 6 || F === 7;
  // Polysynthetic: nouns incorporate into a synthetic verb (P1: AUTOTYP noun
  // incorporation with 4+ verb categories in WALS or 5+ formatives in the
  // AUTOTYP maximal verb: Greenlandic, Chukchi, Cree, Ainu), or a very long
  // verb without incorporation (P2: 10+ categories per verb in WALS or 13+
  // formatives in AUTOTYP: Abkhaz, Lakota; Georgian and Quechua, with 8–9, are not).
  if (NI === true && ((S !== undefined && S >= 3) || (VF !== undefined && VF >= 5))) return { type: 'polysynthetic', rule: 'P1' };
  if ((S !== undefined && S >= 6) || (VF !== undefined && VF >= 13)) return { type: 'polysynthetic', rule: 'P2' };
  // Isolating: formatives are separate words (F 2 exclusively isolating, 4
  // tonal/isolating), or verbs carry at most one category and nouns no case
  // (S 1, C 1), or little affixation (A 1) with at most 2–3 verb categories
  // and no fusion coded other than isolating/concatenative.
  if (F === 2 || F === 4) return { type: 'isolating', rule: 'I1' };
  if (S === 1 && (C === undefined || C === 1)) return { type: 'isolating', rule: 'I2' };
  if (A === 1 && (F === undefined || F === 7) && (S === undefined || S <= 2)) return { type: 'isolating', rule: 'I3' };
  // Agglutinative by a large case system built by concatenation (10+ cases),
  // even when one formative is cumulative (Finnish).
  if (concatenative && C === 8) return { type: 'agglutinative', rule: 'A1' };
  // Fusional: case fused with number, referentiality or TAM (E 2–4), or ablaut (F 6).
  if ((E >= 2 && E <= 4) || F === 6) return { type: 'fusional', rule: 'F1' };
  // Fusional, a heuristic for suffixing languages without case and moderate
  // verb synthesis, whose verbs are mostly person/number/TAM portmanteaus
  // (Romance, Germanic); before A2 so Spanish is not agglutinative on 21A alone.
  if (concatenative && C === 1 && (E === 1 || E === 5) && (A === 2 || A === 3) && (S === 2 || S === 3))
    return { type: 'fusional', rule: 'F2' };
  // Agglutinative: concatenative, one category per formative (E 1), or no case
  // but a synthetic verb (E 5 and S >= 3).
  if (concatenative && (E === 1 || (E === 5 && S !== undefined && S >= 3))) return { type: 'agglutinative', rule: 'A2' };
  // Concatenative, no case exponence and little verb synthesis (English).
  if (concatenative && E === 5) return { type: 'fusional', rule: 'F3' };
  // Where WALS decides nothing: AUTOTYP polyexponence in nouns (one formative
  // for case and number, the AUTOTYP counterpart of 21A 2) is fusion (Latin,
  // Italian, Arabic). A heuristic: agglutinative languages can have it too
  // (Turkish, Finnish: decided by WALS first), docs/data.md lists what it gets wrong.
  if (a.nounPolyexponence === true) return { type: 'fusional', rule: 'F4' };
  return { type: 'unknown', rule: '-' };
}

// Tree-distance buckets of the leave-one-out table: [low, high] edges.
export const BUCKETS = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 255]];
const bucketOf = (d) => BUCKETS.findIndex(([lo, hi]) => d >= lo && d <= hi);
// A bucket is used only if its accuracy beats the majority-class baseline by
// MARGIN, over at least MIN_N hidden languages, and the Wilson score lower
// bound of its accuracy at WILSON_Z standard errors is still above the
// baseline: a small bucket (n = 10) must beat guessing by more than its own
// sampling noise. z = 1 (one standard error, ≈ 84% one-sided), not 1.645:
// at 95% the 1–2 bucket (n = 26) fails too, and the nearest relatives'
// inferences would be withheld for want of evaluation data, not because they
// are worse (docs/data.md gives the numbers).
export const MARGIN = 0.1;
export const MIN_N = 10;
export const WILSON_Z = 1;

/**
 * The Wilson score interval's lower bound for `correct` successes of `n`
 * trials at `z` standard errors (0 when n is 0). Unlike p − z·SE it stays in
 * [0, 1] and is sensible for small n and p near 0 or 1.
 */
export function wilsonLower(correct, n, z) {
  if (n === 0) return 0;
  const p = correct / n, z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

// Nearest attested relatives in the Glottolog tree. `attested`: [{ key,
// glottocode, weight, group, type }], weight = how many WALS and AUTOTYP values
// the language has. Returns nearest(glottocode, group, exclude) → { key, type,
// distance } | null: among the attested languages of the same group (creoles
// only from creoles, others only from non-creoles) other than `exclude`, those
// at the fewest tree edges vote, each with its weight; the heaviest type wins
// (ties: the type of the language with most values, then the smaller key), and
// `key` is that type's language with most values.
export function relativesFinder(parent, attested) {
  const inSubtree = { creole: new Map(), other: new Map() };  // node → [{ x, d }]
  for (const x of attested) {
    const table = inSubtree[x.group];
    let node = x.glottocode;
    for (let d = 0; node; d++, node = parent.get(node)) {
      if (!table.has(node)) table.set(node, []);
      table.get(node).push({ x, d });
    }
  }
  const byRank = (a, b) => b.weight - a.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return (glottocode, group, exclude) => {
    const dist = new Map();  // key → [x, distance]
    let node = glottocode;
    for (let k = 0; node; k++, node = parent.get(node)) {
      for (const { x, d } of inSubtree[group].get(node) ?? []) {
        if (x.key === exclude || d + k === 0) continue;
        if (!dist.has(x.key) || dist.get(x.key)[1] > d + k) dist.set(x.key, [x, d + k]);
      }
    }
    if (dist.size === 0) return null;
    const min = Math.min(...[...dist.values()].map(([, d]) => d));
    const at = [...dist.values()].filter(([, d]) => d === min).map(([x]) => x);
    const votes = new Map();  // type → [weight, best-ranked language]
    for (const x of at.sort(byRank)) {
      const [w, first] = votes.get(x.type) ?? [0, x];
      votes.set(x.type, [w + x.weight, first]);
    }
    const [type, [, best]] = [...votes].reduce((w, v) => (v[1][0] > w[1][0] ? v : w));
    return { key: best.key, type, distance: min };
  };
}

// Leave-one-out: hide each attested language, infer it from the others exactly
// as unattested languages are inferred (`nearest`), and count per distance
// bucket how often the type comes out right, beside the majority-class
// baseline scored on the same languages.
// Returns [{ bucket: 'lo–hi', lo, hi, n, correct, accuracy, lower, baseline, usable }]
// (lower: wilsonLower of the accuracy at WILSON_Z).
export function leaveOneOut(attested, nearest) {
  const rows = BUCKETS.map(([lo, hi]) => ({ lo, hi, n: 0, correct: 0, types: {} }));
  for (const x of attested) {
    const r = nearest(x.glottocode, x.group, x.key);
    if (!r) continue;
    const row = rows[bucketOf(r.distance)];
    const truth = x.type;
    row.n++;
    row.correct += r.type === truth;
    row.types[truth] = (row.types[truth] ?? 0) + 1;
  }
  // The majority-class baseline: always answer the type most attested
  // languages have, scored on the same hidden languages as the bucket.
  const all = {};
  for (const x of attested) all[x.type] = (all[x.type] ?? 0) + 1;
  const majority = Object.keys(all).sort((a, b) => all[b] - all[a] || (a < b ? -1 : 1))[0];
  return rows.map(({ lo, hi, n, correct, types }) => {
    const accuracy = n ? correct / n : 0;
    const baseline = n ? (types[majority] ?? 0) / n : 0;
    const lower = wilsonLower(correct, n, WILSON_Z);
    return {
      bucket: hi === 255 ? `${lo}+` : `${lo}–${hi}`, lo, hi, n, correct,
      accuracy: round(accuracy), lower: round(lower), baseline: round(baseline),
      usable: n >= MIN_N && accuracy >= baseline + MARGIN && lower > baseline,
    };
  });
}

const round = (x) => Math.round(x * 1000) / 1000;

// The leave-one-out row for a distance.
export const rowFor = (table, distance) => table[bucketOf(distance)];

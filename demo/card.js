// The profile card: what localecap says about one input. Fields that the live
// snapshot's profiles do not carry yet (morphology, plurals, grammar, sources)
// are feature-detected and simply left out, so the card never breaks as the
// data grows.
import { fill, h } from './dom.js';
import { pluralExamples, sampleText } from './intl.js';

const MATCH_HELP = {
  exact: 'the input is a tag in the index',
  canonical: 'found after canonicalizing (aliases, case, separators)',
  likely: 'found after adding likely subtags',
  fallback: 'found by falling back along the chain',
  root: 'nothing matched: the root profile',
};

/** Renders `explanation` (reg.explain(input)) into `root`; `nameOf(tag)` names a relative. */
export function renderCard(root, explanation, nameOf = () => '') {
  const e = explanation;
  const p = e.profile;
  const rows = [];
  const row = (field, label, value, note) => rows.push(
    h('dt', {}, label),
    h('dd', { dataset: { field } }, value, note ? h('span', { class: 'note' }, note) : null),
  );

  row('tag', 'profile', h('code', {}, p.tag), p.name && p.name !== p.tag ? ` ${p.name}` : null);
  row('canonical', 'canonical', h('code', {}, e.canonical ?? '—'));
  row('maximized', 'maximized', h('code', {}, e.maximized ?? p.maximized), source(p, 'maximized'));
  row('script', 'script', h('code', {}, p.script), scriptName(p.script));
  row('direction', 'direction', p.direction, source(p, 'direction'));
  if (p.writingMode) row('writingMode', 'writing mode', p.writingMode);
  if (p.written === false) row('written', 'written', 'no', ' SIL langtags marks this language unwritten (script Zxxx)');
  row('segmentation', 'segmentation', p.segmentation, source(p, 'segmentation'));
  if (p.morphology) row('morphology', 'morphology', morphology(p.morphology, nameOf));
  if (p.plural) row('plural', 'plurals', plurals(p));
  if (p.grammar && (p.grammar.genders?.length || p.grammar.cases?.length)) row('grammar', 'grammar', grammar(p.grammar));
  row('match', 'match', h('span', { class: `match match-${e.match}` }, e.match), ` ${MATCH_HELP[e.match] ?? ''}`);
  row('chain', 'fallback chain', chain(e.fallbackChain ?? [], p.tag, e.match));

  const sample = sampleText(p, e);
  fill(root,
    h('h3', { class: 'card-title' }, p.name || p.tag, ' ', h('span', { class: 'version-chip', title: 'registry_version of the snapshot this profile came from' }, `v${p.version}`)),
    // A vertical script's sample is set vertically (CSS writing-mode from the profile).
    sample ? h('p', { class: 'sample', lang: sample.lang, dir: p.direction, dataset: { field: 'sample' },
      style: p.writingMode && p.writingMode !== 'horizontal-tb' ? { writingMode: p.writingMode } : {} },
      sample.text, sample.letters ? h('span', { class: 'letters' }, sample.letters) : null,
      h('span', { class: 'sample-note', dir: 'ltr' }, sample.note)) : null,
    h('dl', { class: 'fields' }, rows),
  );
}

function source(p, field) {
  const s = p.sources?.[field];
  return s && s !== 'none' ? h('span', { class: 'source', title: 'where this field came from' }, s) : null;
}

// Inferred values below this leave-one-out accuracy are marked low confidence.
const LOW_CONFIDENCE = 0.7;

function morphology(m, nameOf) {
  const parts = [h('strong', {}, m.type)];
  if (m.source === 'observed') {
    parts.push(h('span', { class: 'source observed' }, m.type === 'unknown' ? 'observed values decide no type' : 'observed'));
  } else if (m.source === 'inferred') {
    const low = m.confidence !== undefined && m.confidence < LOW_CONFIDENCE;
    parts.push(h('span', { class: 'source inferred' }, 'inferred'),
      ` from `, relativeName(m.relative, nameOf), ' ', h('code', {}, m.relative ?? '?'),
      m.distance ? ` (${m.distance} step${m.distance === 1 ? '' : 's'} away in Glottolog)` : '',
      m.confidence !== undefined ? h('span', {
        class: `confidence${low ? ' low' : ''}`, dataset: { field: 'confidence' },
        title: 'how often inference at this tree distance is right (leave-one-out)',
      }, `${Math.round(m.confidence * 100)}% confidence${low ? ' — low' : ''}`) : null);
  } else parts.push(h('span', { class: 'source' }, 'no data'));
  if (m.rule && m.rule !== '-') parts.push(h('span', { class: 'rule', title: 'derivation rule, docs/data.md' }, `rule ${m.rule}`));
  const wals = m.wals && Object.entries(m.wals);
  if (wals?.length) parts.push(h('span', { class: 'wals' }, 'WALS ', wals.map(([f, v]) => `${f}=${v}`).join(' ')));
  const autotyp = m.autotyp && Object.entries(m.autotyp);
  if (autotyp?.length) parts.push(h('span', { class: 'wals' }, 'AUTOTYP ', autotyp.map(([f, v]) => `${f}=${v}`).join(' ')));
  if (m.creole) parts.push(h('span', { class: 'source' },
    `creole (${m.creoleSource === 'autotyp' ? 'AUTOTYP Genesis' : 'Glottolog'}): never inherits from its lexifier`));
  return parts;
}

function relativeName(tag, nameOf) {
  const name = tag ? nameOf(tag) : '';
  return name && name !== tag ? name : '';
}

function plurals(p) {
  const out = [];
  for (const kind of ['cardinal', 'ordinal']) {
    const cats = p.plural[kind];
    if (!cats?.length) continue;
    const examples = pluralExamples(p, kind, cats);
    out.push(h('div', { class: 'plural', dataset: { kind } }, h('span', { class: 'plural-kind' }, kind),
      cats.map((c) => h('span', { class: 'cat' }, c,
        examples?.[c]?.length ? h('small', {}, ` ${examples[c].join(', ')}`) : null))));
  }
  const s = p.sources?.cardinal;
  if (s === 'root') out.push(h('span', { class: 'note small' }, 'CLDR has no plural rules for this language: the root rules'));
  else if (s && s !== 'cldr') out.push(h('span', { class: 'note small' }, `plural rules: ${s}`));
  return out.length ? out : '—';
}

function grammar(g) {
  return [g.genders?.length ? h('div', {}, 'genders: ', g.genders.join(', ')) : null,
    g.cases?.length ? h('div', {}, 'cases: ', g.cases.join(', ')) : null];
}

// Each step of the chain is a tag, optionally followed by the resolver's note
// ('zh (script differs: skipped)'); the step that found the profile is marked.
function chain(tags, profileTag, match) {
  if (!tags.length) return '—';
  const steps = tags.map((t) => {
    const m = /^(\S+)\s+\((.*)\)$/.exec(t);
    return m ? { tag: m[1], note: m[2] } : { tag: t, note: '' };
  });
  let hit = steps.findIndex((s) => s.tag === profileTag && !s.note);
  if (hit < 0 && match !== 'root') hit = steps.findLastIndex((s) => !s.note);
  return h('ol', { class: 'chain' }, steps.map((s, i) => h('li', {
    class: [i === hit ? 'hit' : '', s.note ? 'skipped' : ''].join(' ').trim() || null,
    title: s.note || (i === hit ? 'the profile was found here' : null),
  }, h('code', {}, s.tag), s.note ? h('small', {}, ` ${s.note}`) : null)));
}

let scriptNames;
function scriptName(code) {
  try {
    scriptNames ??= new Intl.DisplayNames('en', { type: 'script', fallback: 'none' });
    const n = scriptNames.of(code);
    return n ? ` ${n}` : null;
  } catch { return null; }
}

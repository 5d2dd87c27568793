// Friendly errors: what is wrong with a tag, where (the offending subtag
// underlined), and the fix as a click-to-apply link.
import { fill, h } from './dom.js';

/** UTF-8 byte offset → UTF-16 index in `s` (the core reports byte offsets). */
export function charIndex(s, byteOffset) {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    if (bytes >= byteOffset) return i;
    const c = s.codePointAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c >= 0x10000) i++;
  }
  return s.length;
}

/**
 * Renders the error of `input` into `root` (empties it when there is none).
 * `explanation.error` means resolve() fell back to root; a parse-only error
 * (e.g. 'en_US', which resolve() accepts as a UTS #35 identifier) is shown as
 * a hint that strict BCP 47 would refuse it. `apply(text)` sets the input.
 * `byName` ({tag, name}: the input with its language subtag read as a
 * language's name, "francais" → fr-…, from registry.suggest()) is offered
 * where the parser has no fix, also for a well-formed tag of no known language.
 */
export function renderError(root, input, explanation, parsed, apply, byName = null) {
  // The strict parser is the authority on syntax and has the better messages
  // and suggestions; the resolver's own error says the input fell back to root.
  const error = parsed.error ?? explanation.error ?? null;
  if ((!error && !byName) || input === '') {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  const fatal = explanation.error !== null && explanation.error !== undefined;
  const suggestion = error?.suggestion || byName?.tag || '';
  root.hidden = false;
  root.className = fatal ? 'error fatal' : 'error hint';
  fill(root,
    error ? h('p', { class: 'error-title' }, fatal ? 'Not a valid language tag: ' : 'Resolved, but not strict BCP 47: ',
      h('span', { class: 'error-message', dataset: { code: error.code } }, withCode(error.message)))
      : h('p', { class: 'error-title' }, 'No language has this code: resolve() returned the root profile'),
    marked(input, error ? error.offset : 0),
    suggestion ? h('p', { class: 'suggestion' }, 'Did you mean ',
      h('button', { type: 'button', class: 'link', id: 'apply-suggestion', onclick: () => apply(suggestion) },
        h('code', {}, suggestion)), !error?.suggestion && byName ? ` (${byName.name})` : null, '?') : null,
    error ? h('p', { class: 'error-code' }, h('code', {}, error.code), fatal ? ' · resolve() returned the root profile; resolve(tag, {strict: true}) throws LocaleTagError' : '') : null,
  );
}

// The input with the subtag at `byteOffset` underlined (to the next separator).
function marked(input, byteOffset) {
  if (byteOffset === undefined || byteOffset < 0) return h('p', { class: 'marked' }, h('code', {}, input));
  const start = charIndex(input, byteOffset);
  let end = start;
  while (end < input.length && input[end] !== '-' && input[end] !== '_') end++;
  if (end === start) end = Math.min(input.length, start + 1);
  const bad = input.slice(start, end);
  return h('p', { class: 'marked', 'aria-label': `error at position ${start + 1}` },
    h('code', {}, input.slice(0, start),
      h('mark', { class: 'bad', title: `position ${start + 1}` }, bad || '\u2002'),
      input.slice(end)));
}

// 'subtag `123456789` is too long' → text with the `quoted` parts as <code>.
function withCode(message) {
  return message.split('`').map((part, i) => (i % 2 ? h('code', {}, part) : part));
}

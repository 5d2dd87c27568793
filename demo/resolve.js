// The Resolve panel: a tag input with suggestions from language names (an ARIA
// combobox), the profile card, friendly errors, and the comparison with the
// browser's Intl.
//
// Suggestions come from registry.suggest(): every language by English name,
// autonym or code, without diacritics (the names file, fetched on first use).
// If that file cannot be had, the panel says so and suggests from the English
// names of the enumerated language list (languages.js) instead.
import { $, h } from './dom.js';
import { suggest as suggestFromList } from './languages.js';
import { renderCard } from './card.js';
import { renderError } from './errors.js';
import { renderCompare } from './compare.js';

export class ResolvePanel {
  #reg; #input; #list; #card; #error; #compare; #status;
  #languages = [];
  #options = [];
  #active = -1;
  #compareTimer = 0;
  #query = 0; // the latest suggestion request: older answers are dropped

  constructor(registry) {
    this.#reg = registry;
    this.#input = $('#tag');
    this.#list = $('#suggestions');
    this.#card = $('#profile');
    this.#error = $('#tag-error');
    this.#compare = $('#compare');
    this.#status = $('#suggestions-status');
    this.#input.addEventListener('input', () => { this.#suggest(); this.show(); });
    this.#input.addEventListener('keydown', (e) => this.#key(e));
    this.#input.addEventListener('blur', () => setTimeout(() => this.#close(), 150));
    for (const b of document.querySelectorAll('[data-try]')) b.addEventListener('click', () => this.set(b.dataset.try));
  }

  /** The language list (for suggestions), once enumerated. */
  set languages(list) { this.#languages = list; }

  /** Sets the input to `tag` and shows it. */
  set(tag) {
    this.#input.value = tag;
    this.#close();
    this.show();
    this.#input.focus();
  }

  /** Re-renders for the current input against the live snapshot. */
  show() {
    const tag = this.#input.value;
    const e = this.#reg.explain(tag);
    renderCard(this.#card, e, (t) => this.#reg.resolve(t).name);
    const parsed = this.#reg.parse(tag);
    renderError(this.#error, tag, e, parsed, (t) => this.set(t));
    this.#didYouMean(tag, e, parsed);
    // Timing loops cost a few ms: run them once typing pauses.
    clearTimeout(this.#compareTimer);
    this.#compareTimer = setTimeout(() => renderCompare(this.#compare, this.#reg, tag, e), 120);
  }

  // A tag that fell back to root with no fix of the parser's: if its language
  // subtag reads as a language's name ("francais", "english"), offer that language.
  async #didYouMean(tag, explanation, parsed) {
    const error = parsed.error ?? explanation.error;
    if (explanation.match !== 'root' || error?.suggestion) return;
    const word = tag.split(/[-_]/)[0];
    const [best] = await this.#reg.suggest(word, { limit: 1 }).catch(() => []);
    if (!best || best.match === 'tag' || this.#input.value !== tag) return;
    const byName = { tag: best.tag + tag.slice(word.length).replace(/_/g, '-'), name: best.name };
    renderError(this.#error, tag, explanation, parsed, (t) => this.set(t), byName);
  }

  async #suggest() {
    const text = this.#input.value, query = ++this.#query;
    let options;
    try {
      options = await this.#reg.suggest(text);
      this.#status.hidden = true;
    } catch (e) {
      options = suggestFromList(this.#languages, text);
      this.#status.hidden = false;
      this.#status.textContent = `Search by autonym is unavailable (${e.code}): ${e.message}. Suggesting from English names only.`;
    }
    if (query !== this.#query) return; // the input changed meanwhile
    this.#options = options;
    this.#active = -1;
    // A tag it knows needs no menu over its own card.
    const q = text.trim().toLowerCase().replace(/_/g, '-');
    if (!options.length || options.some((o) => o.tag.toLowerCase() === q)) return this.#close();
    this.#list.replaceChildren(...options.map((o, i) => h('li', {
      id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', dataset: { tag: o.tag },
      onmousedown: (ev) => { ev.preventDefault(); this.set(o.tag); },
    }, h('span', { class: 'name' }, o.name,
      o.autonym && o.autonym !== o.name ? h('span', { class: 'autonym', lang: o.tag }, ` · ${o.autonym}`) : null,
      o.matched && o.matched !== o.name && o.matched !== o.autonym && o.match !== 'tag' ? h('span', { class: 'matched' }, ` (${o.matched})`) : null),
    h('code', {}, o.tag))));
    this.#list.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
  }

  #close() {
    this.#list.hidden = true;
    this.#active = -1;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#input.removeAttribute('aria-activedescendant');
  }

  #key(e) {
    if (this.#list.hidden) {
      if (e.key === 'ArrowDown') this.#suggest();
      return;
    }
    const n = this.#options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.#active = (this.#active + (e.key === 'ArrowDown' ? 1 : n - 1) + (this.#active < 0 && e.key === 'ArrowUp' ? 1 : 0)) % n;
      [...this.#list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.#active)));
      this.#input.setAttribute('aria-activedescendant', `suggestion-${this.#active}`);
    } else if (e.key === 'Enter' && this.#active >= 0) {
      e.preventDefault();
      this.set(this.#options[this.#active].tag);
    } else if (e.key === 'Escape') {
      this.#close();
    }
  }
}

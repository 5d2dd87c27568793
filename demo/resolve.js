// The Resolve panel: a tag input with suggestions from language names (an ARIA
// combobox), the profile card, friendly errors, and the comparison with the
// browser's Intl.
import { $, h } from './dom.js';
import { isListedTag, suggest } from './languages.js';
import { renderCard } from './card.js';
import { renderError } from './errors.js';
import { renderCompare } from './compare.js';

export class ResolvePanel {
  #reg; #input; #list; #card; #error; #compare;
  #languages = [];
  #options = [];
  #active = -1;
  #compareTimer = 0;

  constructor(registry) {
    this.#reg = registry;
    this.#input = $('#tag');
    this.#list = $('#suggestions');
    this.#card = $('#profile');
    this.#error = $('#tag-error');
    this.#compare = $('#compare');
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
    renderError(this.#error, tag, e, this.#reg.parse(tag), (t) => this.set(t));
    // Timing loops cost a few ms: run them once typing pauses.
    clearTimeout(this.#compareTimer);
    this.#compareTimer = setTimeout(() => renderCompare(this.#compare, this.#reg, tag, e), 120);
  }

  #suggest() {
    this.#options = suggest(this.#languages, this.#input.value);
    this.#active = -1;
    // A tag the list knows needs no menu over its own card.
    if (!this.#options.length || isListedTag(this.#languages, this.#input.value)) return this.#close();
    this.#list.replaceChildren(...this.#options.map((o, i) => h('li', {
      id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', dataset: { tag: o.tag },
      onmousedown: (ev) => { ev.preventDefault(); this.set(o.tag); },
    }, h('span', { class: 'name' }, o.name), h('code', {}, o.tag))));
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

// Tiny DOM helpers for the playground (no framework): element creation without
// innerHTML, so no markup is ever parsed from data (the page runs under a strict CSP).

/**
 * h('dd', {class: 'x', dataset: {field: 'f'}, onclick}, 'text', child…) → HTMLElement.
 * Attributes named on* become listeners; `dataset` and `style` objects are assigned;
 * null/undefined/false children are skipped.
 */
export function h(name, attrs = {}, ...children) {
  const el = document.createElement(name);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset' || k === 'style') Object.assign(el[k], v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** root.replaceChildren(…children) skipping null/undefined/false (which the DOM would print). */
export function fill(root, ...children) {
  root.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return root;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Runs fn at most once per animation frame, with the latest arguments. */
export function perFrame(fn) {
  let queued = false, args = [];
  return (...a) => {
    args = a;
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fn(...args); });
  };
}

// Trusted Types for the script URLs localecap hands to Worker constructors, so
// localecap works on pages that enforce `require-trusted-types-for 'script'`
// (e2e/csp.spec.js). A page that also restricts policy names with a
// `trusted-types` directive must list `localecap` there.
//
// The policy admits exactly the worker scripts the package named itself —
// each module registers its `new URL('./…', import.meta.url)` with
// allowScriptURL() when it is evaluated, so bundlers that rewrite those URLs
// still match — and throws for anything else. Where Trusted Types do not
// exist (Node, older browsers) URLs pass through as strings.

const allowed = new Set();
let policy;

/** Registers one of the package's own worker script URLs; returns it as a string. */
export function allowScriptURL(url) {
  const href = String(url);
  allowed.add(href);
  return href;
}

/** `url` as a TrustedScriptURL when Trusted Types exist (it must be registered), else as a string. */
export function scriptURL(url) {
  const href = String(url);
  const tt = globalThis.trustedTypes;
  if (!tt || typeof tt.createPolicy !== 'function') return href;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy('localecap', {
        createScriptURL: (s) => {
          if (allowed.has(s)) return s;
          throw new TypeError(`localecap: ${s} is not one of localecap's worker scripts`);
        },
      });
    } catch {
      policy = null; // the page's `trusted-types` directive does not allow 'localecap'
    }
  }
  return policy ? policy.createScriptURL(href) : href;
}

/**
 * `new Worker(url, options)` for the package's own worker scripts, with the URL
 * passed as a TrustedScriptURL. Modules import it under the global's name so
 * the call keeps the spelling bundlers recognise and bundle,
 * `new Worker(new URL('./x.js', import.meta.url), { type: 'module' })`.
 */
export function Worker(url, options) {
  return new globalThis.Worker(scriptURL(allowScriptURL(url)), options);
}

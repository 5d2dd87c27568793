// The strict-CSP page's script (e2e/csp.spec.js): records every CSP or
// Trusted Types violation, then uses localecap end to end — create a
// registry, resolve, update from a URL — and publishes what happened on
// window.cspResult for the test to check.
import { createRegistry } from '../../web/index.js';

const violations = [];
window.cspViolations = violations;
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
});

async function run() {
  const reg = await createRegistry();
  const ar = reg.resolve('ar-EG');
  const versionBefore = reg.version;
  const swaps = [];
  reg.addEventListener('swap', (e) => swaps.push(e.detail.version));
  await reg.update('/snapshots/latest.lcs');
  const after = reg.resolve('zh_Hant_TW');
  return {
    mode: reg.mode,
    isolated: globalThis.crossOriginIsolated === true,
    ar: { tag: ar.tag, direction: ar.direction },
    versionBefore,
    versionAfter: reg.version,
    swaps,
    zhHant: after.tag,
  };
}

run().then(
  (r) => { window.cspResult = r; },
  (e) => { window.cspResult = { error: String(e && e.stack ? e.stack : e) }; },
);

#!/usr/bin/env node
// Runs every test suite and prints one closing line: "N passed, N failed".
//   native     GoogleTest via ctest (g++ Debug)
//   asan       the same suites under ASan + UBSan (clang)
//   tsan       the same suites under TSan (clang)
//   fuzz       libFuzzer targets fuzz/*_fuzz.cpp under ASan + UBSan, 20 s each (one test per target)
//   wasm       the same suites compiled with emcc -pthread, run in node
//   data       node --test tests/data/: the data pipeline's promises (morphology goldens)
//   e2e        Playwright in Debian Chromium
// Exit status is non-zero if anything failed or nothing ran.
// Usage: node tools/run-tests.mjs [suite...]   (default: all)
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_FLAGS, FUZZ_SEEDS } from '../fuzz/targets.mjs';

const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const CTEST_SUITES = ['native-debug', 'asan', 'tsan', 'wasm'];
const selected = process.argv.slice(2);
const suites = [...CTEST_SUITES, 'fuzz', 'data', 'e2e'].filter((s) => selected.length === 0 || selected.includes(s));

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  return { ok: r.status === 0, out };
}

// Counts GoogleTest results from ctest -V output. A test binary that failed
// without reporting a failed test (a crash, a sanitizer abort) counts as one.
function countGtest(out, ctestOk) {
  const passed = (out.match(/\[ {7}OK \] \S+ \(/g) ?? []).length;
  const failed = (out.match(/\[ {2}FAILED {2}\] \S+ \(/g) ?? []).length;
  const skipped = (out.match(/\[ {2}SKIPPED \] \S+ \(/g) ?? []).length;
  return { passed, failed: failed || (ctestOk ? 0 : 1), skipped };
}

function ctestSuite(preset) {
  const cfg = existsSync(`build/${preset}/build.ninja`) ? { ok: true, out: '' } : run('cmake', ['--preset', preset]);
  const build = cfg.ok ? run('cmake', ['--build', '--preset', preset]) : cfg;
  if (!build.ok) {
    console.log(build.out.slice(-6000));
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const t = run('ctest', ['--test-dir', `build/${preset}`, '-V', '--timeout', '900']);
  const counts = countGtest(t.out, t.ok);
  const interesting = t.out.split('\n').filter((l) => /FAILED|SKIPPED|ERROR|Sanitizer|runtime error|PASSED|tests passed/.test(l));
  console.log(interesting.join('\n'));
  if (!t.ok) console.log(t.out.slice(-8000));
  return counts;
}

// Short, seeded libFuzzer runs of each target in fuzz/ (long runs: `npm run fuzz`,
// README "Hardening and fuzzing"); each target counts as one test. New inputs go to
// a scratch corpus under build/; the seeds in fuzz/corpus stay as committed.
// Total ≤ 60 s: FUZZ_TARGETS × FUZZ_SECONDS.
const FUZZ_TARGETS = Object.entries(FUZZ_SEEDS);
const FUZZ_SECONDS = 20;
function fuzzSuite() {
  const cfg = existsSync('build/fuzz/build.ninja') ? { ok: true, out: '' } : run('cmake', ['--preset', 'fuzz']);
  const build = cfg.ok ? run('cmake', ['--build', '--preset', 'fuzz']) : cfg;
  if (!build.ok) {
    console.log(build.out.slice(-6000));
    return { passed: 0, failed: FUZZ_TARGETS.length, skipped: 0 };
  }
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const [target, seeds] of FUZZ_TARGETS) {
    const scratch = `build/fuzz/corpus-${target}`;
    rmSync(scratch, { recursive: true, force: true });
    mkdirSync(scratch, { recursive: true });
    const r = run(`build/fuzz/fuzz/${target}`,
      [`-max_total_time=${FUZZ_SECONDS}`, '-seed=1', ...FUZZ_FLAGS, `-artifact_prefix=build/fuzz/${target}-`,
        scratch, `fuzz/corpus/${seeds}`]);
    console.log(r.out.split('\n').filter((l) => /DONE|stat::number_of_executed_units|ERROR|SUMMARY|property failed|runtime error/.test(l)).join('\n'));
    if (!r.ok) console.log(r.out.slice(-8000));
    counts[r.ok ? 'passed' : 'failed'] += 1;
  }
  return counts;
}

// node:test files in tests/data/ (they read build/data/localecap-data.json,
// written by tools/build.sh); its TAP summary gives the counts.
function dataSuite() {
  const r = run('node', ['--test', 'tests/data/']);
  console.log(r.out.split('\n').filter((l) => /^not ok|^# (pass|fail|skipped)|^# Subtest|ERR|assert/.test(l)).join('\n'));
  if (!r.ok) console.log(r.out.slice(-8000));
  const count = (k) => Number(r.out.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') || (r.ok ? 0 : 1), skipped: count('skipped') };
}

function e2eSuite() {
  const report = join(process.cwd(), 'build/e2e-results.json');
  rmSync(report, { force: true });
  const r = spawnSync('npx', ['playwright', 'test', '--config', 'e2e/playwright.config.js'], {
    env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    stdio: 'inherit',
  });
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const s = JSON.parse(readFileSync(report, 'utf8')).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected || (r.status === 0 ? 0 : 1), skipped: s.skipped };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
for (const suite of suites) {
  console.log(`\n=== ${suite} ===`);
  const c = suite === 'e2e' ? e2eSuite() : suite === 'fuzz' ? fuzzSuite() : suite === 'data' ? dataSuite() : ctestSuite(suite);
  lines.push(`  ${suite.padEnd(14)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  for (const k of Object.keys(totals)) totals[k] += c[k];
}
console.log('\nSummary by suite:\n' + lines.join('\n'));
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

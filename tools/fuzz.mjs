#!/usr/bin/env node
// Long libFuzzer runs of the targets in fuzz/ (README, "Hardening and fuzzing").
//
//   npm run fuzz -- [--minutes 60] [--targets tag,snapshot,resolve] [--parallel]
//                   [--log-dir DIR] [--out fuzz/results/latest.json]
//   npm run fuzz -- --wasm [--minutes 60] [--targets snapshot,resolve]
//   npm run fuzz -- --recheck [--out fuzz/results/latest.json]
//
// --wasm: the wasm32 build instead (what ships: 32-bit sizes and pointers). No
// libFuzzer there: tests/fuzz_replay replays each target's corpora (seeds, and
// the native runs' corpora) and then mutates them (the target's own
// structure-aware mutator where it has one) for --minutes per target, under
// node; a broken property traps and the run fails. npm test runs the same
// binaries for 5 s each.
//
// Builds the `fuzz` preset, copies the targets to build/fuzz-long/ (so that
// rebuilding build/fuzz during a long run does not touch running binaries),
// then runs each target for --minutes (one after another, or all at once with
// --parallel) on a persistent corpus build/fuzz-long/corpus-<target>, seeded
// from fuzz/corpus. A crash does not end the run: the input is kept
// (build/fuzz-long/<target>-crash-*) and the target is restarted for the
// remaining time. Prints, and writes as JSON, per
// target: executions, coverage (edges), features, corpus size, crashes.
// Timeouts: libFuzzer's -timeout is wall-clock time, and at the lowest
// priority on a loaded machine a target can be starved past it on any input.
// So at the end each timeout input is run again alone, same flags: it stays in
// `crashes` only if it times out (or fails) again, else it is listed under
// `timeoutsNotReproduced` with the rerun's time. --recheck does only that, for
// the report at --out (e.g. after a run made before this check existed).
// Each target's libFuzzer output goes to DIR/fuzz-<target>.log (default
// build/fuzz/logs). Run it at low priority on a shared machine:
//   nice -n 19 npm run fuzz -- --minutes 60 --parallel
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FUZZ_FLAGS, FUZZ_SEEDS } from '../fuzz/targets.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const minutes = Number(opt('minutes', '60'));
const targets = opt('targets', 'tag,snapshot,resolve').split(',');
const parallel = args.includes('--parallel');
const logDir = opt('log-dir', 'build/fuzz/logs');
const out = opt('out', 'fuzz/results/latest.json');
for (const t of targets) if (!FUZZ_SEEDS[`${t}_fuzz`]) throw new Error(`unknown target ${t} (tag, snapshot, resolve)`);
if (!(minutes > 0)) throw new Error('--minutes must be positive');

const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const LONG = 'build/fuzz-long';
if (args.includes('--wasm')) process.exit(fuzzWasm());
if (args.includes('--recheck')) process.exit(recheckReport());
if (!existsSync('build/fuzz/build.ninja')) spawnSync('cmake', ['--preset', 'fuzz'], { stdio: 'inherit', env });
if (spawnSync('cmake', ['--build', '--preset', 'fuzz'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
mkdirSync(logDir, { recursive: true });
mkdirSync(LONG, { recursive: true });
for (const t of targets) copyFileSync(`build/fuzz/fuzz/${t}_fuzz`, `${LONG}/${t}_fuzz`);

const parseProgress = (line, s) => {
  const m = line.match(/^#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)\/(\S+)/);
  if (m) Object.assign(s, { lastExecs: Number(m[1]), cov: Number(m[2]), ft: Number(m[3]), corpus: Number(m[4]), corpusSize: m[5] });
};

// One target for `seconds`, restarting after each crash; resolves to its figures.
async function runTarget(name) {
  const bin = `${LONG}/${name}_fuzz`;
  const corpus = `${LONG}/corpus-${name}`;
  mkdirSync(corpus, { recursive: true });
  const log = createWriteStream(`${logDir}/fuzz-${name}.log`);
  const s = { target: `${name}_fuzz`, execs: 0, cov: 0, ft: 0, corpus: 0, corpusSize: '', crashes: [], restarts: 0 };
  const deadline = Date.now() + minutes * 60_000;
  const started = new Date().toISOString();
  while (Date.now() < deadline - 5000) {
    const seconds = Math.floor((deadline - Date.now()) / 1000);
    const artifacts = () => readdirSync(LONG).filter((f) => f.startsWith(`${name}-`));
    const before = new Set(artifacts());
    s.lastExecs = 0;
    const code = await new Promise((resolve) => {
      const p = spawn(bin, [`-max_total_time=${seconds}`, ...FUZZ_FLAGS,
        `-artifact_prefix=${LONG}/${name}-`, corpus, `fuzz/corpus/${FUZZ_SEEDS[`${name}_fuzz`]}`], { env });
      let buf = '';
      p.stderr.on('data', (d) => {
        log.write(d);
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const l of lines) parseProgress(l, s);
      });
      p.stdout.on('data', (d) => log.write(d));
      p.on('close', resolve);
    });
    s.execs += s.lastExecs;
    const found = artifacts().filter((f) => !before.has(f));
    s.crashes.push(...found.map((f) => `${LONG}/${f}`));
    if (code === 0) break;
    if (found.length === 0) { s.error = `exited with ${code} without an artifact (see the log)`; break; }
    s.restarts += 1;
  }
  delete s.lastExecs;
  log.end();
  recheckTimeouts(s);
  Object.assign(s, { started, finished: new Date().toISOString(), minutes });
  console.log(`${s.target}: ${s.execs} execs, cov ${s.cov}, ft ${s.ft}, corpus ${s.corpus} (${s.corpusSize}), ` +
    `${s.crashes.length} crashes${s.crashes.length ? ': ' + s.crashes.join(' ') : ''}` +
    `, ${s.timeoutsNotReproduced.length} timeouts not reproduced`);
  return s;
}

// Runs each timeout input in `s.crashes` again alone (see the top): one that
// now finishes moves to s.timeoutsNotReproduced as { input, rerunMs }.
function recheckTimeouts(s) {
  const bin = `${LONG}/${s.target}`;
  const kept = [];
  s.timeoutsNotReproduced ??= [];
  for (const input of s.crashes) {
    if (!/-timeout-[0-9a-f]+$/.test(input)) { kept.push(input); continue; }
    const r = spawnSync(bin, [...FUZZ_FLAGS, input], { env, encoding: 'utf8' });
    const ms = /Executed .* in (\d+) ms/.exec(r.stderr)?.[1];
    if (r.status === 0 && ms !== undefined) s.timeoutsNotReproduced.push({ input, rerunMs: Number(ms) });
    else kept.push(input);
  }
  s.crashes = kept;
}

function recheckReport() {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  for (const s of report.results) {
    recheckTimeouts(s);
    console.log(`${s.target}: ${s.crashes.length} crashes, ${s.timeoutsNotReproduced.length} timeouts not reproduced`);
  }
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  return report.results.some((r) => r.crashes.length || r.error) ? 1 : 0;
}

const results = [];
if (parallel) results.push(...(await Promise.all(targets.map(runTarget))));
else for (const t of targets) results.push(await runTarget(t));

const report = {
  date: new Date().toISOString(),
  minutesPerTarget: minutes,
  parallel,
  host: { cpus: (await import('node:os')).cpus().length },
  results,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
console.log(`wrote ${out}`);
process.exit(results.some((r) => r.crashes.length || r.error) ? 1 : 0);

// `--wasm`: each target's replay binary mutates its corpora for `minutes`, one after another.
function fuzzWasm() {
  const wasmTargets = targets.filter((t) => t !== 'tag'); // tag_fuzz has no wasm32 replay (tests/fuzz_replay)
  const names = wasmTargets.map((t) => `${t}_fuzz_replay`);
  if (!existsSync('build/wasm/build.ninja')) spawnSync('cmake', ['--preset', 'wasm'], { stdio: 'inherit', env });
  if (spawnSync('cmake', ['--build', '--preset', 'wasm', '--target', ...names], { stdio: 'inherit', env }).status !== 0) return 1;
  let failed = 0;
  for (const name of names) {
    console.log(`${name}: ${minutes} min under node (wasm32)`);
    const r = spawnSync('node', ['--no-experimental-fetch', `build/wasm/tests/fuzz_replay/${name}.js`],
      { stdio: 'inherit', env: { ...env, LOCALECAP_FUZZ_SECONDS: String(minutes * 60) } });
    if (r.status !== 0) failed++;
  }
  return failed ? 1 : 0;
}

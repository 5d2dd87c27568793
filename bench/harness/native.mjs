// Builds and runs the native Google Benchmark suites (bench/*.cpp, target per
// file in bench/CMakeLists.txt) with --benchmark_format=json, so their results
// join the browser's in one report. A suite whose target is not in this tree
// yet (or fails to build) is reported as skipped with the reason, not fatal.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputSets } from './truth.mjs';

export const NATIVE_SUITES = ['registry_bench', 'tag_bench'];

const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
const toNs = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

export function runNative({ root, quick, snapshot, log }) {
  const out = {};
  if (!existsSync(join(root, 'build/native-release/build.ninja'))) {
    const c = spawnSync('cmake', ['--preset', 'native-release'], { cwd: root, env, encoding: 'utf8' });
    if (c.status !== 0) return Object.fromEntries(NATIVE_SUITES.map((s) => [s, { skipped: `cmake: ${c.stderr.slice(-400)}` }]));
  }
  for (const suite of NATIVE_SUITES) {
    if (!existsSync(join(root, 'bench', `${suite}.cpp`))) { out[suite] = { skipped: `bench/${suite}.cpp is not in this tree` }; continue; }
    log(`native: building ${suite}`);
    const b = spawnSync('cmake', ['--build', '--preset', 'native-release', '--target', suite], { cwd: root, env, encoding: 'utf8' });
    if (b.status !== 0) { out[suite] = { skipped: `build failed: ${(b.stdout + b.stderr).slice(-600)}` }; continue; }
    const json = join(root, 'build/bench', `${suite}.json`);
    const args = [`--benchmark_out=${json}`, '--benchmark_out_format=json'];
    if (quick) args.push('--benchmark_min_time=0.02');
    if (suite === 'registry_bench') {
      // The browser's non-canonical set, so native and browser rows time the same tags.
      const tagsFile = join(root, 'build/bench/noncanonical.txt');
      mkdirSync(join(root, 'build/bench'), { recursive: true });
      writeFileSync(tagsFile, `${inputSets().noncanonical.join('\n')}\n`);
      args.push(snapshot, tagsFile);
    }
    log(`native: running ${suite}${quick ? ' (quick)' : ''}`);
    const t0 = Date.now();
    const r = spawnSync(join(root, 'build/native-release/bench', suite), args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0 || !existsSync(json)) { out[suite] = { skipped: `run failed (${r.status}): ${(r.stderr || r.stdout).slice(-600)}` }; continue; }
    const data = JSON.parse(readFileSync(json, 'utf8'));
    const results = {};
    for (const bm of data.benchmarks) {
      if (bm.run_type && bm.run_type !== 'iteration') continue;
      const k = toNs[bm.time_unit ?? 'ns'];
      const counters = {};
      for (const [key, v] of Object.entries(bm)) {
        if (typeof v === 'number' && !['real_time', 'cpu_time', 'iterations', 'repetitions', 'repetition_index', 'threads',
          'family_index', 'per_family_instance_index'].includes(key)) counters[key] = v;
      }
      results[bm.name] = { realNs: bm.real_time * k, cpuNs: bm.cpu_time * k, iterations: bm.iterations, threads: bm.threads, counters };
    }
    // The suite's own closing ratio table, as printed.
    const table = r.stdout.split('\n').filter((l) => /Ratios|^(idle|writer)|non-canonical|guard alone|publish|ratio|×|x$/i.test(l));
    out[suite] = { context: data.context, seconds: (Date.now() - t0) / 1000, results, printed: table.slice(0, 40) };
  }
  return out;
}

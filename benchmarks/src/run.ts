// `pnpm bench --profile typical --pods 10000 [--json] [--save results/results.json]`
// The only file that touches process.argv and writes to the terminal.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILE_NAMES } from './generate.js';
import { type BenchResult, runBenchmark } from './measure.js';

const USAGE = `usage: pnpm bench --profile <name> --pods <n> [options]

  --profile <name>        ${PROFILE_NAMES.join(', ')}
  --pods <n>              pod count (1000, 10000, 50000, 150000)
  --policies <n>          exact policy count (default: the profile's, usually pods/10)
  --policy-ratio <r>      policies per pod instead (0.01, 0.1, 1)
  --seed <n>              generator seed (default 1)
  --runs <n>              timed runs per phase (default 5 up to 10k pods, 3 up to 50k, else 1)
  --reference-ms <n>      time budget for the reference sample (default 5000; above the
                          full-matrix size at least 10,000 pairs are compared whatever it takes)
  --full-agreement-pods <n>  compare every pair of the full matrix with the reference up to
                          this many pods (default 2000; about pods² x the reference's ms/pair)
  --json                  print one JSON object as the last line of stdout
  --save <file>           also merge the result into a JSON results file`;

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${value}`);
  return n;
}

function table(r: BenchResult): string {
  const rows: [string, string][] = [
    ['profile', `${r.profile} (seed ${r.seed})`],
    ['pods / policies / namespaces', `${r.pods} / ${r.policies} / ${r.namespaces}`],
    ['classes / port classes / IP atoms', `${r.classes} / ${r.portClasses} / ${r.ipAtoms}`],
    ['rows', `${r.lazy ? 'lazy' : 'eager'}, ${r.matrixMB} MB`],
    ['manifests', `${r.manifestMB} MB JSON`],
    ['parse', `${r.parseMs} ms`],
    [
      'compile',
      `cold ${r.compileColdMs} ms, warm median ${r.compileMs} ms (one run: ${r.compileCpuMs} ms CPU)`,
    ],
    ['point query p50 / p99', `${r.pointQueryP50Us} / ${r.pointQueryP99Us} µs`],
    ['row query (reachableFrom)', `${r.rowQueryUs} µs`],
    ['full pod matrix', `${r.fullMatrixMs} ms (${r.fullMatrixPort}, ${r.reachablePairs} pairs)`],
    [
      'connection list',
      r.connectionListMs === null
        ? `skipped (${r.workloads} workloads)`
        : `${r.connectionListMs} ms (${r.workloads} workloads)`,
    ],
    ['explain', `${r.explainUs} µs`],
    ['what-if: add one pod', `${r.whatIfAddPodUs} µs, then a query in ${r.whatIfQueryUs} µs`],
    [
      'peak RSS',
      `${r.peakRssCompileMB} MB after compiling, ${r.peakRssMB} MB for the whole run (8 GB heap)`,
    ],
    ['RSS / heap after GC', `${r.rssMB} / ${r.heapUsedMB} MB`],
    [
      'reference',
      `${r.fullMatrixPairsChecked ? `every pair of the matrix (${r.fullMatrixPairsChecked}), and ` : ''}${r.referencePairs} sampled pairs, ${r.referenceMsPerPair} ms/pair`,
    ],
    ['speedup over the reference', `${r.speedupFullMatrix}x (extrapolated)`],
    ['load average', `${r.loadAverage}`],
    ['agrees with reference', r.agree ? 'yes' : `NO: ${r.mismatch ?? ''}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

/** Merges a result into the results file, replacing an earlier run of the same shape. */
function save(path: string, result: BenchResult): void {
  const list: BenchResult[] = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
  const same = (r: BenchResult) =>
    r.profile === result.profile && r.pods === result.pods && r.policies === result.policies;
  const next = [...list.filter((r) => !same(r)), result];
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(next, null, 1)}\n`);
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      profile: { type: 'string' },
      pods: { type: 'string' },
      policies: { type: 'string' },
      'policy-ratio': { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      'reference-ms': { type: 'string' },
      'full-agreement-pods': { type: 'string' },
      json: { type: 'boolean' },
      save: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.profile || !values.pods) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 64;
  }
  const json = values.json ?? false;
  const started = performance.now();
  const policies = int(values.policies, 'policies');
  const policyRatio = int(values['policy-ratio'], 'policy-ratio');
  const seed = int(values.seed, 'seed');
  const runs = int(values.runs, 'runs');
  const referenceBudgetMs = int(values['reference-ms'], 'reference-ms');
  const fullAgreementPods = int(values['full-agreement-pods'], 'full-agreement-pods');
  const result = runBenchmark({
    profile: values.profile,
    pods: int(values.pods, 'pods') ?? 0,
    ...(policies === undefined ? {} : { policies }),
    ...(policyRatio === undefined ? {} : { policyRatio }),
    ...(seed === undefined ? {} : { seed }),
    ...(runs === undefined ? {} : { runs }),
    ...(referenceBudgetMs === undefined ? {} : { referenceBudgetMs }),
    ...(fullAgreementPods === undefined ? {} : { fullAgreementPods }),
    ...(json
      ? {}
      : {
          progress: (m: string) =>
            process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${m}\n`),
        }),
  });
  if (values.save) save(values.save, result);
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${table(result)}\n`);
  return result.agree ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}

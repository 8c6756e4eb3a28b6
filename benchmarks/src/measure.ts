// The measurement itself: one cluster, every phase, in one process. Phases run warm (a first
// untimed pass), report medians of several runs, and collect garbage between phases.

import { loadavg } from 'node:os';
import type { Cluster, Engine, ParseResult, PodRef, Traffic } from '@kube-reach/core';
import { compile, parseCluster, withManifests } from '@kube-reach/core';
import { type GenerateOptions, generateCluster } from './generate.js';
import { compareMatrixWithReference, compareWithReference, sampleQueries } from './sample.js';

export interface BenchResult {
  readonly profile: string;
  readonly pods: number;
  readonly policies: number;
  /** `default` (the profile's count), `ratio 0.01` or `explicit`. */
  readonly policyMode?: string;
  readonly seed: number;
  readonly namespaces: number;
  readonly classes: number;
  readonly portClasses: number;
  readonly ipAtoms: number;
  /** True when the engine holds rows lazily (its eager matrices would not fit the budget). */
  readonly lazy: boolean;
  readonly matrixMB: number;
  readonly manifestMB: number;
  readonly parseMs: number;
  /** The first compile in this process (cold code, nothing warmed up but parsing). */
  readonly compileColdMs?: number;
  /** Median of the warm compiles. */
  readonly compileMs: number;
  /** CPU time of one compile (process-wide, so it includes GC threads); less sensitive to load. */
  readonly compileCpuMs: number;
  readonly pointQueryP50Us: number;
  readonly pointQueryP99Us: number;
  readonly rowQueryUs: number;
  /** Pod-level answer for one port: `matrix(traffic)` and then `row(i)` for every pod. */
  readonly fullMatrixMs: number;
  readonly fullMatrixPort: string;
  readonly fullMatrixMethod: string;
  readonly reachablePairs: number;
  /** `connectivity('workload')`; null when there are too many workloads to list in time. */
  readonly connectionListMs: number | null;
  readonly workloads: number;
  readonly explainUs: number;
  /** Median time of `withManifests(engine, { add: [one pod] })` (parse, then `engine.with`). */
  readonly whatIfAddPodUs: number;
  /** Median time of one point query from the added pod, on the changed engine. */
  readonly whatIfQueryUs: number;
  /** Resident set size after compiling and a forced GC, the cluster and the engine alive. */
  readonly rssMB: number;
  /** Peak resident set size of the process (`resourceUsage().maxRSS`) after compiling. */
  readonly peakRssCompileMB?: number;
  /** Peak resident set size of the whole run (generation, matrix and reference included). */
  readonly peakRssMB?: number;
  readonly heapUsedMB: number;
  readonly referenceMsPerPair: number;
  readonly referencePairs: number;
  /** Reference time for all pods² pairs (per-pair time x pods²) over the engine's full matrix. */
  readonly speedupFullMatrix: number;
  readonly speedupMethod: string;
  /** The engine agreed with the reference on every pair compared (full matrix and sample). */
  readonly agree: boolean;
  /** Pod pairs of the full matrix compared with the reference (0 above `fullAgreementPods`). */
  readonly fullMatrixPairsChecked?: number;
  readonly mismatch?: string;
  readonly runs: number;
  readonly node: string;
  /** One-minute load average at the end: other work on the machine inflates wall times. */
  readonly loadAverage: number;
  readonly date: string;
}

export interface BenchOptions extends GenerateOptions {
  /** Timed runs per phase (median reported). */
  readonly runs?: number;
  /** Longest time the reference may take on its sample (beyond the 10,000 pairs minimum). */
  readonly referenceBudgetMs?: number;
  /** Up to this many pods, every pair of the full matrix is compared with the reference. */
  readonly fullAgreementPods?: number;
  readonly progress?: (message: string) => void;
}

const gc: () => void =
  (globalThis as { gc?: () => void }).gc ??
  (() => {
    /* run node with --expose-gc for clean phases */
  });

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Times `fn` `runs` times (after one untimed warm-up when `warm`), garbage-collecting between. */
function timed<T>(runs: number, warm: boolean, fn: () => T): { ms: number; value: T } {
  let value = warm ? fn() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

export function runBenchmark(options: BenchOptions): BenchResult {
  const say = options.progress ?? (() => undefined);
  const small = options.pods <= 10_000;
  const runs = options.runs ?? (small ? 5 : options.pods <= 50_000 ? 3 : 1);
  const seed = options.seed ?? 1;

  say(`generating ${options.profile} with ${options.pods} pods`);
  const generated = generateCluster({ ...options, seed });
  gc();

  say(`parsing ${mb(generated.bytes)} MB of JSON (${Math.min(runs, 3)} runs)`);
  const parsed = timed<ParseResult>(Math.min(runs, 3), false, () =>
    parseCluster(generated.sources, { maxBytes: 256 * 1024 * 1024 }),
  );
  if (!parsed.value.ok) {
    throw new Error(`generated cluster rejected: ${parsed.value.issues[0]?.message ?? '?'}`);
  }
  const cluster: Cluster = parsed.value.cluster;

  say(`compiling (cold, then ${runs} warm runs)`);
  // The first compile of the process is what a CLI run pays: timed alone, then the warm median.
  gc();
  const coldStart = performance.now();
  let engine: Engine | undefined = compile(cluster);
  const compileColdMs = performance.now() - coldStart;
  const compiled = timed(runs, false, () => {
    engine = undefined;
    gc();
    engine = compile(cluster);
    return engine;
  });
  engine = compiled.value;
  gc();
  const cpuStart = process.cpuUsage();
  engine = compile(cluster);
  const cpu = process.cpuUsage(cpuStart);
  const compileCpuMs = (cpu.user + cpu.system) / 1000;
  gc();
  const memory = process.memoryUsage();
  const peakRssCompile = process.resourceUsage().maxRSS * 1024;

  const traffic: readonly Traffic[] = generated.traffic;
  const pods = engine.pods;

  say('point queries');
  const queries = sampleQueries(pods, traffic, 20_000, 11);
  for (const q of queries) engine.canReach(q.from, q.to, q.traffic);
  const latencies = new Float64Array(queries.length);
  queries.forEach((q, i) => {
    const start = process.hrtime.bigint();
    engine?.canReach(q.from, q.to, q.traffic);
    latencies[i] = Number(process.hrtime.bigint() - start) / 1000;
  });
  latencies.sort();

  say('row queries');
  const rowSample = sampleQueries(pods, traffic, 200, 13).filter((q) => 'namespace' in q.from);
  for (const q of rowSample.slice(0, 20)) engine.reachableFrom(q.from, q.traffic);
  const rowTimes = rowSample.map((q) => {
    const start = performance.now();
    engine?.reachableFrom(q.from, q.traffic);
    return (performance.now() - start) * 1000;
  });

  const port = traffic[0] ?? { port: 80, protocol: 'TCP' as const };
  say(`full pod matrix on ${port.port}/${port.protocol}`);
  // A probe of a few rows first: when the whole matrix would take more than a minute (classes
  // = pods at 150k), rows of a random sample of pods are timed and the total extrapolated.
  const probeStart = performance.now();
  const probeMatrix = engine.matrix(port);
  const probeRows = sampleQueries(pods, traffic, 50, 23).filter((q) => 'namespace' in q.from);
  for (const q of probeRows) probeMatrix.row(pods.indexOf(q.from as PodRef));
  const projectedMs = ((performance.now() - probeStart) / probeRows.length) * pods.length;
  let fullMatrixMethod = 'measured: matrix(traffic), then row(i) for every pod';
  let matrix: { ms: number; value: number };
  if (projectedMs < 60_000) {
    matrix = timed(Math.min(runs, 3), small, () => {
      const m = (engine as Engine).matrix(port);
      let pairs = 0;
      for (let i = 0; i < pods.length; i++) pairs += m.row(i).length;
      return pairs;
    });
  } else {
    const sample = Array.from({ length: 500 }, (_, i) => Math.floor((i * pods.length) / 500));
    const start = performance.now();
    const m = engine.matrix(port);
    let pairs = 0;
    for (const i of sample) pairs += m.row(i).length;
    const ms = performance.now() - start;
    matrix = {
      ms: (ms / sample.length) * pods.length,
      value: Math.round((pairs / sample.length) * pods.length),
    };
    fullMatrixMethod = `extrapolated: row(i) timed for ${sample.length} evenly spaced pods, times ${pods.length}`;
  }

  const stats0 = engine.stats;
  const groups = engine.groups('workload').length;
  let connectionListMs: number | null = null;
  // connectivity() works per source class and port class over every class and group: skip it
  // where that product says minutes.
  const work = stats0.podClasses * stats0.portClasses * (stats0.podClasses + groups);
  if (groups <= 2000 && work <= 1e9) {
    say(`connection list over ${groups} workloads`);
    connectionListMs = timed(1, false, () => (engine as Engine).connectivity('workload')).ms;
  }

  say('explain');
  const explainSample = sampleQueries(pods, traffic, 300, 17);
  for (const q of explainSample.slice(0, 30)) engine.explain(q.from, q.to, q.traffic);
  const explainTimes = explainSample.map((q) => {
    const start = performance.now();
    engine?.explain(q.from, q.to, q.traffic);
    return (performance.now() - start) * 1000;
  });

  say('what-if: add one pod');
  // engine.with() for one added pod, labelled like an existing pod of a sampled namespace, then
  // one point query from it: the property-test pattern "whatever pod we add here...".
  const whatIfTimes: number[] = [];
  const whatIfQueryTimes: number[] = [];
  const whatIfSample = sampleQueries(pods, traffic, 60, 29).filter((q) => 'namespace' in q.from);
  whatIfSample.forEach((q, i) => {
    const like = cluster.pods.find(
      (p) => p.namespace === (q.from as PodRef).namespace && p.name === (q.from as PodRef).name,
    );
    if (!like) return;
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        namespace: like.namespace,
        name: `what-if-${i}`,
        labels: Object.fromEntries(like.labels),
      },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    };
    const start = performance.now();
    const changed = withManifests(engine as Engine, { add: [manifest] });
    const mid = performance.now();
    changed.canReach({ namespace: like.namespace, name: `what-if-${i}` }, q.to, q.traffic);
    const end = performance.now();
    if (i >= 10) {
      whatIfTimes.push((mid - start) * 1000);
      whatIfQueryTimes.push((end - mid) * 1000);
    }
  });

  const fullLimit = options.fullAgreementPods ?? 2_000;
  let fullPairs = 0;
  let fullMismatch: string | undefined;
  if (pods.length <= fullLimit) {
    say(`reference on the full matrix (${pods.length}² pairs on ${port.port}/${port.protocol})`);
    const full = compareMatrixWithReference(cluster, engine, port);
    fullPairs = full.pairs;
    fullMismatch = full.mismatch;
  }

  say('reference on sampled pairs');
  gc();
  const budget = options.referenceBudgetMs ?? 5_000;
  // Above the full-matrix size, 10,000 pairs whatever they cost (the budget cannot lower it).
  const minimum = pods.length <= fullLimit ? 20 : 10_000;
  const referenceQueries = sampleQueries(pods, traffic, Math.max(minimum, 5_000), 19);
  // Probe the reference's speed on a few pairs, then take as many as fit the time budget.
  const probe = compareWithReference(cluster, engine, referenceQueries.slice(0, 20));
  const perPair = probe.referenceMs / 20;
  const count = Math.max(
    minimum,
    Math.min(referenceQueries.length, Math.floor(budget / Math.max(perPair, 1e-3))),
  );
  const agreement = compareWithReference(cluster, engine, referenceQueries.slice(0, count));
  const referenceMsPerPair = agreement.referenceMs / agreement.pairs;
  const mismatch = fullMismatch ?? agreement.mismatch;
  const stats = engine.stats as typeof engine.stats & { lazy?: boolean };

  return {
    profile: generated.profile,
    pods: generated.pods,
    policies: generated.policies,
    policyMode:
      options.policies !== undefined
        ? 'explicit'
        : options.policyRatio !== undefined
          ? `ratio ${options.policyRatio}`
          : 'default',
    seed,
    namespaces: stats.namespaces,
    classes: stats.podClasses,
    portClasses: stats.portClasses,
    ipAtoms: stats.ipAtoms,
    lazy: stats.lazy ?? false,
    matrixMB: mb(stats.matrixBytes),
    manifestMB: mb(generated.bytes),
    parseMs: round(parsed.ms, 1),
    compileColdMs: round(compileColdMs, 1),
    compileMs: round(compiled.ms, 1),
    compileCpuMs: round(compileCpuMs, 1),
    pointQueryP50Us: round(percentile(latencies, 0.5), 3),
    pointQueryP99Us: round(percentile(latencies, 0.99), 3),
    rowQueryUs: round(median(rowTimes), 1),
    fullMatrixMs: round(matrix.ms, 1),
    fullMatrixPort: `${port.port}/${port.protocol}`,
    fullMatrixMethod,
    reachablePairs: matrix.value,
    connectionListMs: connectionListMs === null ? null : round(connectionListMs, 1),
    workloads: groups,
    explainUs: round(median(explainTimes), 1),
    whatIfAddPodUs: round(median(whatIfTimes), 1),
    whatIfQueryUs: round(median(whatIfQueryTimes), 1),
    rssMB: mb(memory.rss),
    peakRssCompileMB: mb(peakRssCompile),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    heapUsedMB: mb(memory.heapUsed),
    referenceMsPerPair: round(referenceMsPerPair, 4),
    referencePairs: agreement.pairs,
    speedupFullMatrix: Math.round((referenceMsPerPair * pods.length * pods.length) / matrix.ms),
    speedupMethod: `reference timed on ${agreement.pairs} sampled pairs, extrapolated to ${pods.length}^2 pairs, divided by fullMatrixMs`,
    agree: agreement.agree && fullMismatch === undefined,
    ...(mismatch ? { mismatch } : {}),
    fullMatrixPairsChecked: fullPairs,
    runs,
    node: process.version,
    loadAverage: round(loadavg()[0] ?? 0, 1),
    date: new Date().toISOString().slice(0, 10),
  };
}

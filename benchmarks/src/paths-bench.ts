// `pnpm bench:paths --profile typical --pods 10000 [--runs 5] [--json]`: the graph analyses of
// issue 14 timed after compile (graph build, blast radius from one pod, segments, exposure).
// Times are `wall / CPU` ms, medians of --runs runs after a warm-up (CPU time is less
// sensitive to a loaded machine). The only file of this entry that touches process.argv and writes to the terminal.

import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  blastRadius,
  buildReachGraph,
  compile,
  exposure,
  parseCluster,
  segments,
} from '@kube-reach/core';
import { generateCluster } from './generate.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'typical' },
    pods: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Median wall time of `runs` runs after one untimed warm-up, garbage-collected between. */
function timed<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  let value = fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    const startCpu = process.cpuUsage();
    value = fn();
    const used = process.cpuUsage(startCpu);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]): number =>
    Number(([...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0).toFixed(1));
  return { ms: median(times), cpuMs: median(cpu), value };
}

/** `wall / CPU` in ms. */
const both = (t: { ms: number; cpuMs: number }): string => `${t.ms} / ${t.cpuMs}`;

const say = (m: string): void => {
  process.stderr.write(`${m}\n`);
};
say(`generating ${values.profile} with ${values.pods} pods`);
const generated = generateCluster({
  profile: values.profile,
  pods: Number(values.pods),
  seed: Number(values.seed),
});
const parsed = parseCluster(generated.sources, { maxBytes: 256 * 1024 * 1024 });
if (!parsed.ok) throw new Error(`generated cluster rejected: ${parsed.issues[0]?.message}`);
say('compiling');
const engine = compile(parsed.cluster);
const pod = engine.pods[Math.floor(engine.pods.length / 2)];
if (pod === undefined) throw new Error('no pods');
const from = `${pod.namespace}/${pod.name}`;

say('timing');
const build = timed(() => buildReachGraph(engine));
const graph = build.value;
const blastOnGraph = timed(() => blastRadius(graph, from));
const blastUnexplained = timed(() => blastRadius(graph, from, { explain: false }));
const blastWithBuild = timed(() => blastRadius(engine, from));
const segs = timed(() => segments(graph));
const expo = timed(() => exposure(graph));
const expoUnexplained = timed(() => exposure(graph, { explain: false }));
const result = {
  profile: values.profile,
  pods: engine.pods.length,
  policies: engine.stats.policies,
  classes: engine.stats.podClasses,
  ipAtoms: engine.stats.ipAtoms,
  graphNodes: graph.stats.nodes,
  graphEdges: graph.stats.edges,
  graphBuildMs: both(build),
  blastRadiusMs: both(blastOnGraph),
  blastRadiusUnexplainedMs: both(blastUnexplained),
  blastRadiusWithBuildMs: both(blastWithBuild),
  blastRadiusReached: blastOnGraph.value.reached.reduce((n, r) => n + r.endpoints.length, 0),
  segmentsMs: both(segs),
  segments: segs.value.segments.length,
  largestSegment: segs.value.segments[0]?.size ?? 0,
  exposureMs: both(expo),
  exposureUnexplainedMs: both(expoUnexplained),
  exposedWorkloads: expo.value.exposed.length,
  runs,
  loadAverage: Number((loadavg()[0] ?? 0).toFixed(2)),
  node: process.version,
};
if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(24)} ${v}\n`);
}

import type { ResolveOptions } from '../endpoint/index.js';
import { ReachError } from '../errors.js';
import type { ConnectionSet } from '../model/index.js';
import { unionAll } from '../net/index.js';
import type { Engine } from '../query/index.js';
import type { ReachGraph } from './reach-graph.js';
import { buildReachGraph } from './reach-graph.js';
import { breadthFirst, pathTo, podComponents, queryGraph, shortestPaths } from './search.js';
import type {
  BlastRadiusResult,
  ExposedWorkload,
  ExposureResult,
  HopOptions,
  PathOptions,
  PathsResult,
  ReachedEndpoints,
  Segment,
  SegmentsResult,
  TargetExposure,
} from './types.js';
import type { PathEndpoint } from './witness.js';
import { endpointSet, Witnesses } from './witness.js';

/** What the analyses accept: an engine (the graph is built for the call) or a built graph. */
export type GraphSource = Engine | ReachGraph;

/** How endpoint text is read (`-n`, `--cluster-cidr`), for analyses given text. */
export interface AnalysisOptions extends PathOptions, ResolveOptions {}

function graphOf(source: GraphSource, options: HopOptions): ReachGraph {
  return 'graph' in source && 'cells' in source ? source : buildReachGraph(source, options);
}

function hopLimit(maxHops: number | undefined): number {
  if (maxHops === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(maxHops) || maxHops < 0) {
    throw new ReachError('invalid-options', `maxHops must be a whole number ≥ 0, got ${maxHops}`);
  }
  return maxHops;
}

/**
 * The shortest chains of hops from one endpoint to another (lateral movement): up to `k` paths,
 * shortest first, each hop with its port and the rules that allow it.
 *
 * @param source - an engine, or a graph from `buildReachGraph` to reuse between questions
 * @param from - the source endpoint (`reach query`'s grammar, or resolved)
 * @param to - the destination endpoint
 * @param options - `maxHops`, `k` (default 1), the hop rule and how text endpoints are read
 * @returns the distance (null when no path) and the witness paths
 * @throws {@link ReachError} `invalid-endpoint` for an endpoint that does not resolve,
 *   `invalid-options` for a bad `maxHops` or `k`
 * @example
 * ```ts
 * paths(engine, 'shop/deployment/web', 'shop/statefulset/db', { maxHops: 3 }).distance; // 2
 * ```
 */
export function paths(
  source: GraphSource,
  from: PathEndpoint,
  to: PathEndpoint,
  options: AnalysisOptions & { readonly k?: number } = {},
): PathsResult {
  const k = options.k ?? 1;
  if (!Number.isInteger(k) || k < 1) {
    throw new ReachError('invalid-options', `k must be a whole number ≥ 1, got ${k}`);
  }
  const limit = hopLimit(options.maxHops);
  const g = graphOf(source, options);
  const a = endpointSet(g, from, options);
  const b = endpointSet(g, to, options);
  const q = queryGraph(g, a.set, b.set);
  const found = shortestPaths(q, k, limit);
  const w = new Witnesses(g, q, options.explain !== false);
  return {
    from: a.name,
    to: b.name,
    maxHops: options.maxHops ?? null,
    distance: found[0] === undefined ? null : found[0].length - 1,
    paths: found.map((p) => w.path(p)),
  };
}

/**
 * Everything an attacker who holds `from` can reach, hop by hop: every pod and external address
 * range, with its distance and a shortest witness path.
 *
 * @param source - an engine, or a built graph
 * @param from - the compromised endpoint
 * @param options - `maxHops`, the hop rule, how text endpoints are read
 * @returns the reached endpoints, nearest first, and counts per distance
 * @throws {@link ReachError} as {@link paths}
 */
export function blastRadius(
  source: GraphSource,
  from: PathEndpoint,
  options: AnalysisOptions = {},
): BlastRadiusResult {
  const limit = hopLimit(options.maxHops);
  const g = graphOf(source, options);
  const a = endpointSet(g, from, options);
  const q = queryGraph(g, a.set);
  const search = breadthFirst(q, limit);
  const w = new Witnesses(g, q, options.explain !== false);
  const reached: ReachedEndpoints[] = [];
  const byDistance: { pods: number; addresses: number }[] = [];
  for (const node of search.order) {
    const d = search.distance.get(node) ?? 0;
    if (d === 0) continue;
    const step = w.step(node);
    const count = byDistance[d - 1] ?? { pods: 0, addresses: 0 };
    if (step.kind === 'pod') count.pods += step.alike;
    else count.addresses += 1;
    byDistance[d - 1] = count;
    reached.push({
      kind: step.kind,
      endpoints: w.names(node),
      distance: d,
      path: w.path(pathTo(search, node)),
    });
  }
  reached.sort((x, y) => x.distance - y.distance || compareText(x.endpoints[0], y.endpoints[0]));
  return { from: a.name, maxHops: options.maxHops ?? null, reached, byDistance };
}

/**
 * What is reachable from outside the cluster (`external` by default): every workload some pod of
 * which is reachable, at what depth, and the shortest chain to each target.
 *
 * @param source - an engine, or a built graph
 * @param options - `from` (default `external`), `targets`, `maxHops`, the hop rule
 * @returns the exposed workloads, nearest first, and the answer per target
 * @throws {@link ReachError} as {@link paths}
 */
export function exposure(
  source: GraphSource,
  options: AnalysisOptions & {
    readonly from?: PathEndpoint;
    readonly targets?: readonly PathEndpoint[];
  } = {},
): ExposureResult {
  const limit = hopLimit(options.maxHops);
  const g = graphOf(source, options);
  const a = endpointSet(g, options.from ?? 'external', options);
  const q = queryGraph(g, a.set);
  const search = breadthFirst(q, limit);
  const w = new Witnesses(g, q, options.explain !== false);
  // Per pod, its node; per workload, the nearest of its pods.
  const workloadOf = new Map<number, string>();
  for (const group of g.engine.groups('workload')) {
    for (const p of group.pods) workloadOf.set(p, group.id);
  }
  const best = new Map<string, { distance: number; node: number; pods: number }>();
  for (const node of search.order) {
    const d = search.distance.get(node) ?? 0;
    if (d === 0 || g.cells[node >>> 2]?.kind !== 'pod') continue;
    for (const p of q.members.get(node) ?? []) {
      const id = workloadOf.get(p) ?? '';
      const seen = best.get(id);
      if (seen === undefined) best.set(id, { distance: d, node, pods: 1 });
      else seen.pods += 1;
    }
  }
  const exposed: ExposedWorkload[] = [...best.entries()]
    .map(([workload, b]) => ({
      workload,
      distance: b.distance,
      pods: b.pods,
      path: w.path(pathTo(search, b.node)),
    }))
    .sort((x, y) => x.distance - y.distance || compareText(x.workload, y.workload));
  const targets: TargetExposure[] = (options.targets ?? []).map((t) => {
    const answer = paths(g, options.from ?? 'external', t, {
      ...options,
      k: 1,
    });
    return {
      target: answer.to,
      distance: answer.distance,
      path: answer.paths[0] ?? null,
    };
  });
  return { from: a.name, maxHops: options.maxHops ?? null, exposed, targets };
}

/**
 * The flat parts of the cluster: strongly connected sets of pods (every pod reaches every other
 * through some chain), largest first, each with its ports and whether it is fully flat (every
 * pod reaches every other in one hop).
 *
 * @param source - an engine, or a built graph
 * @param options - the hop rule
 * @returns the segments of at least two pods, largest first
 */
export function segments(source: GraphSource, options: HopOptions = {}): SegmentsResult {
  const g = graphOf(source, options);
  const out: Segment[] = [];
  const inside = new Int32Array(g.cells.length).fill(-1);
  for (const [at, component] of podComponents(g).entries()) {
    const pods: string[] = [];
    // Distinct connection sets (they are shared between edges), unioned once.
    const ports = new Set<ConnectionSet>();
    for (const c of component) inside[c] = at;
    // Flat: an edge from each cell to every other, and to itself when it holds two pods.
    let flat = true;
    for (const c of component) {
      const cell = g.cells[c];
      for (const p of cell?.pods ?? []) {
        const ref = g.engine.pods[p];
        if (ref !== undefined) pods.push(`${ref.namespace}/${ref.name}`);
      }
      let within = 0;
      let self = false;
      for (const d of g.out[c] ?? []) {
        if (inside[d] !== at) continue;
        within++;
        if (d === c) self = true;
        ports.add(g.graph.getDirectedEdgeAttribute(`${c}`, `${d}`, 'ports'));
      }
      const many = (cell?.pods.length ?? 0) > 1;
      if (within - (self ? 1 : 0) < component.length - 1 || (many && !self)) flat = false;
    }
    pods.sort(compareText);
    const namespaces = [...new Set(pods.map((p) => p.slice(0, p.indexOf('/'))))].sort(compareText);
    out.push({ size: pods.length, flat, namespaces, ports: unionAll([...ports]), pods });
  }
  out.sort((x, y) => y.size - x.size || compareText(x.pods[0], y.pods[0]));
  return { segments: out, graph: g.stats };
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

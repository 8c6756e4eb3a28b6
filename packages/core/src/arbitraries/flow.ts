import fc from 'fast-check';
import { protocolArbitrary } from './pod.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';
import type { SourceCluster } from './source-cluster.js';
import { podRefsOf, poolsFor } from './source-cluster.js';

/** A port and protocol to ask about, as `Engine` queries take them. */
export interface TrafficSample {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** A connection to ask about: pods by `namespace/name`, or addresses. */
export interface Flow extends TrafficSample {
  readonly from:
    | { readonly namespace: string; readonly name: string }
    | { readonly address: string };
  readonly to: { readonly namespace: string; readonly name: string } | { readonly address: string };
}

/** Constraints of {@link trafficPort} and {@link traffic}. */
export interface TrafficConstraints {
  /** Where the interesting port numbers come from (default {@link POOLS}). */
  readonly pools?: Pools;
}

/** How far past a pool number {@link portSpec} may stretch a range with `endPort`. */
const MAX_SPAN = 400;

/**
 * A port to ask about: mostly numbers from the pool, often the edges of the ranges rules can
 * form around them, sometimes any port.
 *
 * @param constraints - see {@link TrafficConstraints}.
 * @returns an arbitrary of ports in `1..65535`.
 */
export function trafficPort(constraints: TrafficConstraints = {}): fc.Arbitrary<number> {
  const numbers = (constraints.pools ?? POOLS).portNumbers;
  const edges = new Set<number>([1, 65535]);
  for (const n of numbers) {
    for (const e of [n - 1, n + 1, n + MAX_SPAN]) if (e >= 1 && e <= 65535) edges.add(e);
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...numbers) },
    { weight: 2, arbitrary: fc.constantFrom(...[...edges].sort((a, b) => a - b)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  );
}

/**
 * A port and protocol to ask about (see {@link trafficPort}).
 *
 * @param constraints - see {@link TrafficConstraints}.
 * @returns an arbitrary of `{ port, protocol }`.
 */
export function traffic(constraints: TrafficConstraints = {}): fc.Arbitrary<TrafficSample> {
  return fc.record({ port: trafficPort(constraints), protocol: protocolArbitrary });
}

/** Constraints of {@link flow}. */
export interface FlowConstraints {
  /** Whether either end may be an address instead of a pod (default true). */
  readonly withAddresses?: boolean;
}

/**
 * A flow between pods of the cluster and addresses: for a generated cluster, the shared
 * address pool; for a parsed cluster, addresses around its ipBlocks and its pod IPs (see
 * {@link poolsOf}), and ports from its rules and containers.
 *
 * @param source - generated manifests ({@link cluster}) or a parsed `Cluster`.
 * @param constraints - see {@link FlowConstraints}.
 * @returns an arbitrary of flows, ready for `engine.canReach(f.from, f.to, f)` or
 *   `expect(engine).toAllow(f)`.
 */
export function flow(source: SourceCluster, constraints: FlowConstraints = {}): fc.Arbitrary<Flow> {
  const pools = poolsFor(source);
  const endpoints: Flow['from'][] = [...podRefsOf(source)];
  if (constraints.withAddresses !== false) {
    for (const address of pools.addresses) endpoints.push({ address });
  }
  if (endpoints.length === 0) throw new RangeError('flow: the cluster has no pods');
  const endpoint = fc.constantFrom(...endpoints);
  return fc.record({
    from: endpoint,
    to: endpoint,
    port: trafficPort({ pools }),
    protocol: protocolArbitrary,
  });
}

import type { Cluster, Endpoint, Engine, PodRef, Traffic } from '@kube-reach/core';
import { referenceCanReach } from '@kube-reach/core/reference';
import { Rng } from './rng.js';

/** One sampled question: a source, a destination and a port. */
export interface Query {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly traffic: Traffic;
}

/** Outside addresses worth asking about: the internet, a private range, the pod range, IPv6. */
const ADDRESSES: readonly string[] = [
  '8.8.8.8',
  '192.168.1.10',
  '10.64.0.5',
  '203.0.113.7',
  '2001:db8::1',
];

/**
 * `count` seeded queries between random pods, with a few pod-address pairs mixed in and about
 * one in twenty pairs asking a pod about itself.
 */
export function sampleQueries(
  pods: readonly PodRef[],
  traffic: readonly Traffic[],
  count: number,
  seed = 7,
): Query[] {
  const rng = new Rng(seed);
  const out: Query[] = [];
  for (let i = 0; i < count; i++) {
    const from: Endpoint = rng.pick(pods);
    let to: Endpoint = rng.chance(0.05) ? from : rng.pick(pods);
    const t = rng.pick(traffic);
    if (rng.chance(0.05)) to = { address: rng.pick(ADDRESSES) };
    out.push(
      rng.chance(0.1) && 'namespace' in to
        ? { from: to, to: from, traffic: t }
        : { from, to, traffic: t },
    );
  }
  return out;
}

export interface Agreement {
  readonly pairs: number;
  readonly agree: boolean;
  /** The first query the two evaluators answer differently. */
  readonly mismatch?: string;
  /** Wall time the reference took over all pairs. */
  readonly referenceMs: number;
}

function describe(e: Endpoint): string {
  return 'address' in e ? e.address : `${e.namespace}/${e.name}`;
}

/** Asks the engine and the reference the same questions. */
export function compareWithReference(
  cluster: Cluster,
  engine: Engine,
  queries: readonly Query[],
): Agreement {
  let referenceMs = 0;
  for (const q of queries) {
    const start = performance.now();
    const expected = referenceCanReach(cluster, q.from, q.to, q.traffic);
    referenceMs += performance.now() - start;
    const actual = engine.canReach(q.from, q.to, q.traffic);
    if (actual !== expected) {
      return {
        pairs: queries.length,
        agree: false,
        mismatch: `${describe(q.from)} -> ${describe(q.to)} ${q.traffic.port}/${q.traffic.protocol}: engine ${actual}, reference ${expected}`,
        referenceMs,
      };
    }
  }
  return { pairs: queries.length, agree: true, referenceMs };
}

/**
 * Compares every pod pair of the engine's matrix for one port with the reference: `row(i)` of
 * `engine.matrix(traffic)` against `referenceCanReach` for each destination.
 */
export function compareMatrixWithReference(
  cluster: Cluster,
  engine: Engine,
  traffic: Traffic,
): Agreement {
  const matrix = engine.matrix(traffic);
  const pods = matrix.pods;
  const row = new Uint8Array(pods.length);
  let referenceMs = 0;
  for (let i = 0; i < pods.length; i++) {
    row.fill(0);
    for (const j of matrix.row(i)) row[j] = 1;
    const from = pods[i] as PodRef;
    for (let j = 0; j < pods.length; j++) {
      const to = pods[j] as PodRef;
      const start = performance.now();
      const expected = referenceCanReach(cluster, from, to, traffic);
      referenceMs += performance.now() - start;
      if ((row[j] === 1) !== expected) {
        return {
          pairs: pods.length * pods.length,
          agree: false,
          mismatch: `${describe(from)} -> ${describe(to)} ${traffic.port}/${traffic.protocol ?? 'TCP'}: matrix ${row[j] === 1}, reference ${expected}`,
          referenceMs,
        };
      }
    }
  }
  return { pairs: pods.length * pods.length, agree: true, referenceMs };
}

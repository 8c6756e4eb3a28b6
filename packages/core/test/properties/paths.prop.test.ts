// Every answer of the graph analyses against brute force: breadth-first search over the
// reference evaluator's pairwise answers, pod by pod, on small random clusters.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster } from '../../src/arbitraries/index.js';
import type { ResolvedEndpoint } from '../../src/endpoint/index.js';
import { serviceBackends, serviceTargetPort } from '../../src/endpoint/index.js';
import type {
  Cluster,
  ConnectionSet,
  Endpoint,
  PortRange,
  Protocol,
} from '../../src/model/index.js';
import { formatEndpoint, formatPodRef } from '../../src/model/index.js';
import { intersectSets, isEmptySet, unionAll } from '../../src/net/index.js';
import type { HopOptions } from '../../src/paths/index.js';
import { blastRadius, buildReachGraph, exposure, paths, segments } from '../../src/paths/index.js';
import { compile } from '../../src/query/index.js';
import { referenceConnections } from '../../src/reference/index.js';
import { loadGenerated } from './differential.js';

/** The brute-force hop relation: names of endpoints, and the successors of each. */
interface Brute {
  readonly names: readonly string[];
  readonly pod: readonly boolean[];
  readonly next: readonly (readonly number[])[];
}

function listening(c: Cluster): Map<string, ConnectionSet> {
  const sets = new Map<string, { [P in Protocol]?: PortRange[] }>();
  const add = (key: string, protocol: Protocol, port: number): void => {
    const set = sets.get(key) ?? {};
    set[protocol] = [...(set[protocol] ?? []), [port, port]];
    sets.set(key, set);
  };
  for (const pod of c.pods) {
    sets.set(formatPodRef(pod), {});
    for (const p of pod.ports) add(formatPodRef(pod), p.protocol, p.containerPort);
  }
  for (const s of c.services) {
    for (const pod of serviceBackends(c, s)) {
      for (const sp of s.ports) {
        const port = serviceTargetPort(sp, pod);
        if (port !== undefined) add(formatPodRef(pod), sp.protocol, port);
      }
    }
  }
  return new Map([...sets].map(([k, v]) => [k, unionAll([v])]));
}

function brute(
  c: Cluster,
  ranges: readonly string[],
  firsts: readonly string[],
  o: HopOptions,
): Brute {
  const engine = compile(c);
  const endpoints: Endpoint[] = [...engine.pods, ...firsts.map((address) => ({ address }))];
  const names = [...engine.pods.map(formatPodRef), ...ranges];
  const pod = endpoints.map((e) => !('address' in e));
  const listens = listening(c);
  const filter: ConnectionSet =
    o.ports === undefined
      ? 'all'
      : unionAll(
          o.ports.map((f) => ({
            [f.protocol ?? 'TCP']: [[f.port ?? 1, f.endPort ?? f.port ?? 65535]],
          })),
        );
  const next = endpoints.map((from, i) =>
    endpoints.flatMap((to, j) => {
      if (i === j || (!pod[i] && !pod[j])) return [];
      let ports = intersectSets(referenceConnections(c, from, to), filter);
      if (pod[j] && o.anyPort !== true) {
        ports = intersectSets(ports, listens.get(formatEndpoint(to)) ?? {});
      }
      return isEmptySet(ports) ? [] : [j];
    }),
  );
  return { names, pod, next };
}

/** Breadth-first distances; an address relays nothing unless it is a source. */
function distances(b: Brute, sources: readonly number[], maxHops: number): Map<number, number> {
  const d = new Map<number, number>(sources.map((s) => [s, 0]));
  let frontier = [...sources];
  for (let k = 1; k <= maxHops && frontier.length > 0; k++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (k > 1 && !b.pod[u]) continue;
      for (const v of b.next[u] ?? []) {
        if (!d.has(v)) {
          d.set(v, k);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return d;
}

/**
 * An address range as an endpoint, resolved by hand: as text, an address that is a pod's IP
 * would name the pod.
 */
function addressEndpoint(range: string): ResolvedEndpoint {
  const first = range.slice(0, range.indexOf('-'));
  return {
    name: range,
    kind: 'address',
    targets: [{ endpoint: { address: first }, name: range }],
    notes: [],
  };
}

const hopOptions: fc.Arbitrary<HopOptions> = fc.oneof(
  fc.constant({}),
  fc.constant({ anyPort: true }),
  fc.record({ ports: fc.constant([{ protocol: 'TCP' as const, port: 80, endPort: 8080 }]) }),
);
const clusters = cluster({ maxPods: 7, withControllers: true });

function setup(manifests: Parameters<typeof loadGenerated>[0], o: HopOptions) {
  const c = loadGenerated(manifests);
  const engine = compile(c);
  const ranges = engine.addressRanges();
  const b = brute(
    c,
    ranges.map((r) => r.text),
    ranges.map((r) => r.first),
    o,
  );
  const g = buildReachGraph(engine, o);
  return { engine, b, g };
}

describe('graph analyses agree with brute force over the reference', () => {
  it('blast radius: every endpoint at its breadth-first distance', () => {
    fc.assert(
      fc.property(clusters, hopOptions, fc.option(fc.nat(3)), (manifests, o, max) => {
        const { b, g } = setup(manifests, o);
        const maxHops = max ?? undefined;
        for (const [i, name] of b.names.entries()) {
          const from = b.pod[i] ? name : addressEndpoint(name);
          const want = distances(b, [i], maxHops ?? Number.POSITIVE_INFINITY);
          const got = new Map<string, number>();
          const result = blastRadius(g, from, maxHops === undefined ? {} : { maxHops });
          for (const r of result.reached) {
            for (const e of r.endpoints) got.set(e, r.distance);
            expect(r.path.hops.length).toBe(r.distance);
          }
          const expected = new Map(
            [...want].filter(([, d]) => d > 0).map(([j, d]) => [b.names[j] as string, d]),
          );
          expect(got).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('paths: the shortest distance, and every witness hop is a hop', () => {
    fc.assert(
      fc.property(clusters, hopOptions, fc.integer({ min: 1, max: 3 }), (manifests, o, k) => {
        const { b, g } = setup(manifests, o);
        const index = new Map(b.names.map((n, i) => [n, i]));
        const pods = b.names.filter((_, i) => b.pod[i]);
        for (const from of pods) {
          const want = distances(b, [index.get(from) as number], Number.POSITIVE_INFINITY);
          for (const to of b.names) {
            if (to === from) continue;
            const target = b.pod[index.get(to) as number] ? to : addressEndpoint(to);
            const result = paths(g, from, target, { k });
            const d = want.get(index.get(to) as number);
            expect(result.distance).toBe(d ?? null);
            expect(result.paths.length).toBeLessThanOrEqual(k);
            let previous = 0;
            for (const p of result.paths) {
              expect(p.steps[0]?.name).toBe(from);
              expect(p.hops.length).toBeGreaterThanOrEqual(previous);
              previous = p.hops.length;
              for (const hop of p.hops) {
                const u = index.get(hop.from) as number;
                const v = index.get(hop.to) as number;
                expect(b.next[u]).toContain(v);
                expect(hop.egress?.allowed && hop.ingress?.allowed).toBe(true);
              }
            }
            if (d !== undefined) expect(result.paths[0]?.hops.length).toBe(d);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('exposure: each workload at the distance of its nearest pod, each target at its own', () => {
    fc.assert(
      fc.property(clusters, hopOptions, (manifests, o) => {
        const { engine, b, g } = setup(manifests, o);
        const index = new Map(b.names.map((n, i) => [n, i]));
        const ranges = b.names.filter((_, i) => !b.pod[i]);
        const source = ranges[0];
        if (source === undefined) return;
        const d = distances(b, [index.get(source) as number], Number.POSITIVE_INFINITY);
        const want = new Map<string, number>();
        for (const group of engine.groups('workload')) {
          const near = group.pods
            .map((p) => d.get(p))
            .filter((x): x is number => x !== undefined && x > 0);
          if (near.length > 0) want.set(group.id, Math.min(...near));
        }
        const pods = b.names.filter((_, i) => b.pod[i]);
        const result = exposure(g, { from: addressEndpoint(source), targets: pods });
        expect(new Map(result.exposed.map((x) => [x.workload, x.distance]))).toEqual(want);
        for (const [i, t] of result.targets.entries()) {
          expect(t.distance).toBe(d.get(index.get(pods[i] as string) as number) ?? null);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('segments: the strongly connected sets of at least two pods', () => {
    fc.assert(
      fc.property(clusters, hopOptions, (manifests, o) => {
        const { b, g } = setup(manifests, o);
        const pods = b.names.flatMap((_, i) => (b.pod[i] ? [i] : []));
        // Segments are about pods: hops through external addresses do not join them.
        const podsOnly: Brute = { ...b, next: b.next.map((list) => list.filter((j) => b.pod[j])) };
        const reach = pods.map((i) => distances(podsOnly, [i], Number.POSITIVE_INFINITY));
        const want: string[][] = [];
        const placed = new Set<number>();
        for (const [x, i] of pods.entries()) {
          if (placed.has(i)) continue;
          const members = pods.filter((j, y) => reach[x]?.has(j) && reach[y]?.has(i));
          for (const j of members) placed.add(j);
          if (members.length > 1) want.push(members.map((j) => b.names[j] as string).sort());
        }
        const got = segments(g).segments;
        expect(got.map((s) => s.pods).sort()).toEqual(want.sort());
        for (const s of got) {
          const ids = s.pods.map((n) => b.names.indexOf(n));
          const flat = ids.every((u) => ids.every((v) => u === v || b.next[u]?.includes(v)));
          expect(s.flat).toBe(flat);
          expect(s.size).toBe(s.pods.length);
        }
      }),
      { numRuns: 80 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster, traffic as trafficSample } from '../../src/arbitraries/index.js';
import {
  expandMatrix,
  readConnectivityList,
  readReachabilityMatrix,
  writeGroupedConnectivity,
  writeGroupedMatrix,
} from '../../src/format/grouped-matrix.js';
import { collectingSink } from '../../src/format/index.js';
import { writeConnectivity, writeGroupMatrix } from '../../src/format/matrix.js';
import { compile } from '../../src/query/index.js';
import { loadGenerated } from './differential.js';

const clusters = cluster({ withIgnoredRules: true, withHostNetwork: true });
const groupings = fc.constantFrom('pod' as const, 'workload' as const);

async function json(write: (out: ReturnType<typeof collectingSink>) => Promise<void>) {
  const out = collectingSink();
  await write(out);
  return JSON.parse(out.text()) as unknown;
}

describe('matrix rows as bitsets', () => {
  it('rowBits and reachable agree with canReach and row for every pair', () => {
    fc.assert(
      fc.property(clusters, trafficSample(), (manifests, t) => {
        const engine = compile(loadGenerated(manifests));
        const m = engine.matrix(t);
        for (const [i, from] of m.pods.entries()) {
          const bits = m.rowBits(i);
          expect(bits.size).toBe(m.pods.length);
          for (const [j, to] of m.pods.entries()) {
            expect(bits.has(j)).toBe(engine.canReach(from, to, t));
          }
          expect([...m.reachable(i)]).toEqual(m.row(i));
        }
      }),
    );
  });
});

describe('the groups encoding of ReachabilityMatrix', () => {
  it('reads back to the per-pod answers, and groups hold peers of identical rows and columns', async () => {
    await fc.assert(
      fc.asyncProperty(clusters, trafficSample(), groupings, async (manifests, t, by) => {
        const engine = compile(loadGenerated(manifests));
        const options = { format: 'json', apiVersion: 'kube-reach/v1alpha1' } as const;
        const perPod = await json((out) =>
          writeGroupMatrix(engine.groupMatrixRows(t, by), options, out),
        );
        const grouped = await json((out) =>
          writeGroupedMatrix(engine.groupedMatrixRows(t, by), options, out),
        );
        // The per-pod document reads back as itself.
        expect(expandMatrix(perPod)).toEqual(perPod);
        const a = readReachabilityMatrix(perPod);
        const b = readReachabilityMatrix(grouped);
        expect([...b.pods].sort()).toEqual([...a.pods].sort());
        const at = new Map(b.pods.map((name, i) => [name, i]));
        for (const [i, from] of a.pods.entries()) {
          for (const [j, to] of a.pods.entries()) {
            expect(b.allowed(at.get(from) ?? -1, at.get(to) ?? -1)).toBe(a.allowed(i, j));
          }
        }
        const expanded = expandMatrix(grouped);
        expect(expanded.pods).toEqual(b.pods);
        expect(expanded.allowed.length).toBe(a.pods.length);
      }),
    );
  });

  it('a groups-encoded ConnectivityList reads back to the per-pod connections', async () => {
    await fc.assert(
      fc.asyncProperty(clusters, groupings, async (manifests, by) => {
        const engine = compile(loadGenerated(manifests));
        const options = { format: 'json', apiVersion: 'kube-reach/v1alpha1' } as const;
        const perPod = await json((out) =>
          writeConnectivity(engine.eachConnection(by), options, out),
        );
        const grouped = await json((out) =>
          writeGroupedConnectivity(engine.groupedConnections(by), options, out),
        );
        const key = (c: { from: string; to: string; allowed: unknown }) =>
          `${c.from} ${c.to} ${JSON.stringify(c.allowed)}`;
        const a = readConnectivityList(perPod).map(key).sort();
        expect(readConnectivityList(grouped).map(key).sort()).toEqual(a);
      }),
    );
  });

  it('rejects a document that is neither encoding', () => {
    const doc = { kind: 'ReachabilityMatrix', apiVersion: 'v', port: 80, protocol: 'TCP' };
    expect(() => readReachabilityMatrix({ ...doc, encoding: 'rows', allowed: [] })).toThrow(
      /unknown encoding/,
    );
    expect(() =>
      readReachabilityMatrix({
        ...doc,
        encoding: 'groups',
        groups: [{ pods: ['a'] }],
        allowed: [],
      }),
    ).toThrow(/groups × groups/);
    expect(() => readReachabilityMatrix({ ...doc, kind: 'ConnectivityList' })).toThrow(/kind/);
  });
});

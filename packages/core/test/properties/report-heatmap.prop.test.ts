// The report's heatmap sums pod groups instead of pairs; here it must count exactly the pod
// pairs the reference evaluator allows, pair by pair, for any port and for one port.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cluster as arbCluster } from '../../src/arbitraries/index.js';
import { isEmptySet } from '../../src/net/index.js';
import { allowsFilter, heatmapCounts } from '../../src/page/index.js';
import { compile } from '../../src/query/index.js';
import { referenceConnections } from '../../src/reference/index.js';
import { buildReportData } from '../../src/report/index.js';
import { loadGenerated } from './differential.js';

describe('report heatmap', () => {
  it('counts the pod pairs the reference allows, per namespace pair', () => {
    fc.assert(
      fc.property(arbCluster(), fc.integer({ min: 1, max: 100 }), (manifests, port) => {
        const cluster = loadGenerated(manifests);
        const engine = compile(cluster);
        const data = buildReportData(engine, { source: 'generated', findings: [] });
        const n = data.namespaces.length;
        const any = heatmapCounts(data, {});
        const onPort = heatmapCounts(data, { port, protocol: 'TCP' });
        const expectedAny = new Float64Array(n * n);
        const expectedPort = new Float64Array(n * n);
        const index = new Map(data.namespaces.map((ns, i) => [ns, i]));
        for (const from of engine.pods) {
          for (const to of engine.pods) {
            if (from.namespace === to.namespace && from.name === to.name) continue;
            const set = referenceConnections(cluster, from, to);
            const at = (index.get(from.namespace) ?? 0) * n + (index.get(to.namespace) ?? 0);
            if (!isEmptySet(set)) expectedAny[at] = (expectedAny[at] ?? 0) + 1;
            if (allowsFilter(set, { port, protocol: 'TCP' }))
              expectedPort[at] = (expectedPort[at] ?? 0) + 1;
          }
        }
        expect([...any.allowed]).toEqual([...expectedAny]);
        expect([...onPort.allowed]).toEqual([...expectedPort]);
      }),
      { numRuns: 60 },
    );
  });
});

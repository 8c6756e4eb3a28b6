// Issue 10, item 1: every name the engine prints (matrix and connectivity by pod and by
// workload, diff's peers, who-can-reach's and lint's pod names) resolves, as an endpoint, to the
// very pods it stood for. Generated clusters include pods of ReplicaSets missing from the input
// (with and without pod-template-hash, their Deployment present or not) and Jobs of CronJobs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGenerated } from '../../test/properties/differential.js';
import { cluster } from '../arbitraries/index.js';
import { formatPodRef } from '../model/index.js';
import { compile } from '../query/index.js';
import { resolveEndpoint } from './resolve-endpoint.js';

describe('printed names resolve to their pods', () => {
  it('for every group of every grouping', () => {
    fc.assert(
      fc.property(cluster({ withControllers: true, maxPolicies: 1 }), (manifests) => {
        const engine = compile(loadGenerated(manifests));
        for (const by of ['pod', 'workload'] as const) {
          for (const group of engine.groups(by)) {
            const resolved = resolveEndpoint(engine, group.id);
            if (!resolved.ok) expect.fail(`${group.id}: ${resolved.issue.message}`);
            const printed = group.pods.map((i) =>
              formatPodRef(engine.pods[i] ?? { namespace: '', name: '' }),
            );
            const targets = resolved.endpoint.targets.map((t) => t.name);
            expect(targets.sort(), `${by} ${group.id}`).toEqual(printed.sort());
          }
        }
      }),
    );
  });

  it('generates the controllers the property is about', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(cluster({ withControllers: true }), (manifests) => {
        const parsed = loadGenerated(manifests);
        for (const group of compile(parsed).groups('workload')) kinds.add(group.kind);
      }),
      { numRuns: 200 },
    );
    expect([...kinds].sort()).toEqual(['CronJob', 'Deployment', 'Pod', 'ReplicaSet']);
  });
});

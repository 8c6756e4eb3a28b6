import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../parse/index.js';
import { cluster, clusterToList, withObjects } from './index.js';

describe('withObjects', () => {
  it('gives the cluster that loading both sets of manifests together gives', () => {
    fc.assert(
      fc.property(cluster({ maxPods: 8 }), cluster(), (base, added) => {
        // Rename the added objects so that they do not replace the base ones.
        const addedItems = clusterToList(added).items.map((item) => {
          const o = item as { kind: string; metadata: { name: string } };
          return o.kind === 'Namespace'
            ? o
            : { ...o, metadata: { ...o.metadata, name: `x-${o.metadata.name}` } };
        });
        const baseText = JSON.stringify(clusterToList(base));
        const addedText = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: addedItems });
        const together = loadCluster([
          { name: 'base', text: baseText },
          { name: '<added>', text: addedText },
        ]);
        const merged = withObjects(loadCluster({ name: 'base', text: baseText }), addedItems);
        expect(merged).toEqual(together);
      }),
    );
  });
});

// Generated objects are plain JSON; users write YAML. Both must read back as the same model,
// including label names and values that YAML would read as booleans, numbers or dates.

import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../model/index.js';
import { loadCluster } from '../parse/index.js';
import {
  cluster,
  clusterToList,
  labelKey,
  labelSelector,
  labels,
  labelValue,
  pod,
} from './index.js';

/** The model without `source`, which records where each object was read. */
function withoutSources(c: Cluster): unknown {
  return JSON.parse(
    JSON.stringify(c, (key, value) => {
      if (key === 'source') return undefined;
      return value instanceof Map ? [...value] : value;
    }),
  );
}

describe('generated objects read back the same from YAML', () => {
  it('as one List document, and as one document per object', () => {
    fc.assert(
      fc.property(cluster({ withIgnoredRules: true }), (c) => {
        const list = clusterToList(c);
        const fromJson = loadCluster({ name: 'c', text: JSON.stringify(list) });
        expect(loadCluster({ name: 'c', text: dump(list) })).toEqual(fromJson);
        const documents = list.items.map((item) => dump(item)).join('---\n');
        expect(withoutSources(loadCluster({ name: 'c', text: documents }))).toEqual(
          withoutSources(fromJson),
        );
      }),
    );
  });

  it('including names drawn without a pool, some of which YAML reads as non-strings', () => {
    const keys = labelKey({ pool: false });
    const values = labelValue({ pool: false });
    fc.assert(
      fc.property(
        pod({ labels: labels({ keys, values, maxSize: 4 }) }),
        labelSelector({ keys, values }),
        (p, selector) => {
          const list = {
            apiVersion: 'v1',
            kind: 'List',
            items: [
              p,
              {
                apiVersion: 'networking.k8s.io/v1',
                kind: 'NetworkPolicy',
                metadata: { name: 'p', namespace: 'alpha' },
                spec: { podSelector: selector },
              },
            ],
          };
          expect(loadCluster({ name: 'c', text: dump(list) })).toEqual(
            loadCluster({ name: 'c', text: JSON.stringify(list) }),
          );
        },
      ),
    );
  });
});

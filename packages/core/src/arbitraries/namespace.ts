import fc from 'fast-check';
import { labels } from './labels.js';
import type { NamespaceManifest } from './manifests.js';
import type { Pools } from './pools.js';
import { POOLS } from './pools.js';

/** Constraints of {@link namespace}. */
export interface NamespaceConstraints {
  /** The names to draw from (default `pools.namespaces`). */
  readonly names?: readonly string[];
  /** Where names and labels come from (default {@link POOLS}). */
  readonly pools?: Pools;
}

/**
 * A Namespace named from the pool, with zero to two labels from the namespace label pools.
 *
 * @param constraints - see {@link NamespaceConstraints}.
 * @returns an arbitrary of Namespace manifests.
 */
export function namespace(constraints: NamespaceConstraints = {}): fc.Arbitrary<NamespaceManifest> {
  const pools = constraints.pools ?? POOLS;
  return fc
    .tuple(
      fc.constantFrom(...(constraints.names ?? pools.namespaces)),
      labels({
        keys: fc.constantFrom(...pools.namespaceLabelKeys),
        values: fc.constantFrom(...pools.namespaceLabelValues),
        maxSize: 2,
      }),
    )
    .map(([name, nsLabels]) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: Object.keys(nsLabels).length > 0 ? { name, labels: nsLabels } : { name },
    }));
}

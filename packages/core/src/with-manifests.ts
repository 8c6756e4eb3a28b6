// Parse-then-apply for what-ifs: the one place that joins parse/ and query/, so that the engine
// only ever sees model objects (query/ never reads YAML or manifests).

import { ClusterLoadError } from './errors.js';
import type { ObjectRef } from './model/index.js';
import type { ParseOptions } from './parse/index.js';
import { parseCluster } from './parse/index.js';
import type { Engine } from './query/index.js';

/** A what-if change as manifests: Kubernetes objects to apply and objects to delete. */
export interface ManifestChange {
  /** Manifests (plain objects, e.g. from `@kube-reach/core/arbitraries`), parsed and validated. */
  readonly add?: readonly object[];
  readonly remove?: readonly ObjectRef[];
}

/**
 * The engine after applying manifests (`kubectl apply`) and deleting objects: the manifests are
 * read by `parseCluster` (same defaulting and validation), then given to `engine.with` as model
 * objects. Cheap when only pods change (see `Engine.with`).
 *
 * @param engine - an engine from `compile`
 * @param change - the manifests to add and the objects to remove
 * @param options - as for `parseCluster` (e.g. the `defaultNamespace` of the manifests)
 * @returns the changed engine; `engine` is not changed
 * @throws {@link ClusterLoadError} (code `invalid-cluster`) when a manifest has errors
 * @example
 * ```ts
 * const changed = withManifests(engine, {
 *   add: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: 'shop', labels: { app: 'web' } } }],
 * });
 * changed.canReach({ namespace: 'shop', name: 'probe' }, { namespace: 'shop', name: 'db-0' }, { port: 5432 });
 * ```
 */
export function withManifests(
  engine: Engine,
  change: ManifestChange,
  options: ParseOptions = {},
): Engine {
  const remove = change.remove === undefined ? {} : { remove: change.remove };
  if (change.add === undefined || change.add.length === 0) return engine.with(remove);
  const list = { apiVersion: 'v1', kind: 'List', items: change.add };
  const parsed = parseCluster({ name: '<added>', text: JSON.stringify(list) }, options);
  if (!parsed.ok) throw new ClusterLoadError(parsed.issues);
  // Terminated pods hold no IP and take no traffic: they are not objects to apply.
  const { terminatedPods: _terminated, ...objects } = parsed.cluster;
  return engine.with({ add: objects, ...remove });
}

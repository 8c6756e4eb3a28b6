import fc from 'fast-check';
import { labelKey, labels, labelValue } from './labels.js';
import type { LabelMap, PodManifest } from './manifests.js';
import { setOwn } from './manifests.js';
import { pod } from './pod.js';
import type { SourceCluster } from './source-cluster.js';
import { podRefsOf, poolsFor } from './source-cluster.js';

/** Constraints of {@link podIn}. */
export interface PodInConstraints {
  /** The namespace to add the pod to (default: any namespace of the pools). */
  readonly namespace?: string;
  /** Labels the pod always carries, on top of any drawn from the pools. */
  readonly labels?: Readonly<LabelMap>;
}

/** Constraints of {@link podsIn}. */
export interface PodsInConstraints extends PodInConstraints {
  /** Fewest and most pods (default 1 and 3). */
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** The first `count` names `added-<n>` that no pod of the cluster has, in any namespace. */
function freeNames(source: SourceCluster, count: number): string[] {
  const taken = new Set(podRefsOf(source).map((p) => p.name));
  const names: string[] = [];
  for (let n = 0; names.length < count; n++) {
    if (!taken.has(`added-${n}`)) names.push(`added-${n}`);
  }
  return names;
}

function addedPod(source: SourceCluster, name: string, constraints: PodInConstraints) {
  const pools = poolsFor(source);
  const fixed = constraints.labels ?? {};
  const podLabels = labels({
    keys: labelKey({ pool: pools.labelKeys }),
    values: labelValue({ pool: pools.labelValues }),
  }).map((drawn) => {
    const out: LabelMap = {};
    for (const [k, v] of Object.entries(drawn)) setOwn(out, k, v);
    for (const [k, v] of Object.entries(fixed)) setOwn(out, k, v);
    return out;
  });
  return pod({
    pools,
    name,
    labels: podLabels,
    withIp: false,
    ...(constraints.namespace === undefined ? {} : { namespace: constraints.namespace }),
  });
}

/**
 * Any pod that could be added to the cluster: in the given namespace, carrying at least the
 * given labels, with a name no pod of the cluster has (`added-0`, ...), and no IP. Its other
 * labels and its container ports come from the cluster's own vocabulary when the cluster is a
 * parsed one (see {@link poolsOf}), so the cluster's selectors and named ports really apply
 * to it. Add it with {@link withObjects}.
 *
 * @param source - generated manifests ({@link cluster}) or a parsed `Cluster`.
 * @param constraints - see {@link PodInConstraints}.
 * @returns an arbitrary of Pod manifests.
 */
export function podIn(
  source: SourceCluster,
  constraints: PodInConstraints = {},
): fc.Arbitrary<PodManifest> {
  return addedPod(source, freeNames(source, 1)[0] ?? 'added-0', constraints);
}

/**
 * Several pods that could be added together (see {@link podIn}), with distinct names.
 *
 * @param source - generated manifests ({@link cluster}) or a parsed `Cluster`.
 * @param constraints - see {@link PodsInConstraints}.
 * @returns an arbitrary of lists of Pod manifests.
 */
export function podsIn(
  source: SourceCluster,
  constraints: PodsInConstraints = {},
): fc.Arbitrary<PodManifest[]> {
  const maxLength = constraints.maxLength ?? 3;
  const names = freeNames(source, maxLength);
  // Drawn with a placeholder name and renamed by position, so that shrinking stays simple.
  return fc
    .array(addedPod(source, 'added', constraints), {
      minLength: constraints.minLength ?? 1,
      maxLength,
    })
    .map((pods) =>
      pods.map((p, i) => ({
        ...p,
        metadata: { ...p.metadata, name: names[i] ?? p.metadata.name },
      })),
    );
}

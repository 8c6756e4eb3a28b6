import fc from 'fast-check';
import type {
  ClusterManifests,
  ControllerManifest,
  OwnerReferenceManifest,
  PodManifest,
  PodTemplateManifest,
} from './manifests.js';

/**
 * Who controls a generated pod: nobody; a ReplicaSet missing from the input whose name and
 * `pod-template-hash` label lead to a Deployment (`hashed`); a missing ReplicaSet without that
 * label (`replicaset`); or a Job of a CronJob, both in the input (`job`).
 */
export type OwnerChoice = 'none' | 'hashed' | 'replicaset' | 'job';

/** An owner per pod, mostly none. */
export const ownerChoice: fc.Arbitrary<OwnerChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('none' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('hashed' as const, 'replicaset' as const, 'job' as const),
  },
);

/** Two ReplicaSet hashes of Deployment `web`, so that one Deployment may span two ReplicaSets. */
const HASHES = ['5d8f7c9b4', '6c9b2d7f8'] as const;

const TEMPLATE: PodTemplateManifest = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'i' }] },
};

function ownerRef(apiVersion: string, kind: string, name: string): OwnerReferenceManifest {
  return { apiVersion, kind, name, uid: `uid-${kind}-${name}`, controller: true };
}

/**
 * The generated cluster with owners given to its pods, and the controllers they need: Deployment
 * `web` (only when `withDeployment`; its ReplicaSets `web-<hash>` are never in the input),
 * CronJob `nightly` and its Job `nightly-1`. Controller names never collide with pod names
 * (`pod-<n>`).
 */
export function withOwners(
  manifests: ClusterManifests,
  owners: readonly OwnerChoice[],
  withDeployment: boolean,
): ClusterManifests {
  const controllers = new Map<string, ControllerManifest>();
  const add = (manifest: ControllerManifest): void => {
    controllers.set(
      `${manifest.metadata.namespace}/${manifest.kind}/${manifest.metadata.name}`,
      manifest,
    );
  };
  const pods = manifests.pods.map((pod, i): PodManifest => {
    const choice = owners[i] ?? 'none';
    const namespace = pod.metadata.namespace;
    if (choice === 'none') return pod;
    if (choice === 'replicaset') {
      return withOwner(pod, ownerRef('apps/v1', 'ReplicaSet', 'cache-x7k2p'));
    }
    if (choice === 'hashed') {
      const hash = HASHES[i % HASHES.length] ?? HASHES[0];
      if (withDeployment) {
        add({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace },
          spec: { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE },
        });
      }
      const owned = withOwner(pod, ownerRef('apps/v1', 'ReplicaSet', `web-${hash}`));
      return {
        ...owned,
        metadata: {
          ...owned.metadata,
          labels: { ...owned.metadata.labels, 'pod-template-hash': hash },
        },
      };
    }
    add({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly', namespace },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: TEMPLATE } } },
    });
    add({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'nightly-1',
        namespace,
        ownerReferences: [ownerRef('batch/v1', 'CronJob', 'nightly')],
      },
      spec: { template: TEMPLATE },
    });
    return withOwner(pod, ownerRef('batch/v1', 'Job', 'nightly-1'));
  });
  return { ...manifests, pods, controllers: [...controllers.values()] };
}

function withOwner(pod: PodManifest, owner: OwnerReferenceManifest): PodManifest {
  return { ...pod, metadata: { ...pod.metadata, ownerReferences: [owner] } };
}

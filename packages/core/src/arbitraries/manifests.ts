// The manifest shapes the arbitraries produce: plain JSON objects as a user would write them
// (before API-server defaulting), typed only as far as the generators fill them in.

/** A `metadata.labels`-style map. */
export type LabelMap = Record<string, string>;

/** One `matchExpressions` entry as written in a manifest. */
export interface RequirementManifest {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** A label selector as written in a manifest. */
export interface SelectorManifest {
  matchLabels?: LabelMap;
  matchExpressions?: RequirementManifest[];
}

/** A NetworkPolicy port entry as written in a manifest. */
export interface PortManifest {
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port?: number | string;
  endPort?: number;
}

/** A NetworkPolicy peer as written in a manifest. */
export type PeerManifest =
  | { podSelector?: SelectorManifest; namespaceSelector?: SelectorManifest }
  | { ipBlock: { cidr: string; except?: string[] } };

/** A NetworkPolicy ingress rule: `from` absent = every source, `ports` absent = every port. */
export interface IngressRuleManifest {
  from?: PeerManifest[];
  ports?: PortManifest[];
}

/** A NetworkPolicy egress rule: `to` absent = every destination, `ports` absent = every port. */
export interface EgressRuleManifest {
  to?: PeerManifest[];
  ports?: PortManifest[];
}

/** A Namespace manifest. */
export interface NamespaceManifest {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: { name: string; labels?: LabelMap };
}

/** A container port of a Pod manifest. */
export interface ContainerPortManifest {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** A Pod manifest (only the fields reachability depends on). */
export interface PodManifest {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: {
    name: string;
    namespace: string;
    labels?: LabelMap;
    ownerReferences?: OwnerReferenceManifest[];
  };
  spec: {
    containers: { name: string; image: string; ports?: ContainerPortManifest[] }[];
    hostNetwork?: boolean;
  };
  status?: { podIP: string; podIPs: { ip: string }[] };
}

/** An `ownerReferences` entry. */
export interface OwnerReferenceManifest {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

/** A pod template as a workload holds it. */
export interface PodTemplateManifest {
  metadata: { labels: LabelMap };
  spec: { containers: { name: string; image: string }[] };
}

/** A Deployment, Job or CronJob manifest (the controllers {@link ClusterManifests} may hold). */
export type ControllerManifest =
  | {
      apiVersion: 'apps/v1';
      kind: 'Deployment';
      metadata: { name: string; namespace: string };
      spec: { selector: { matchLabels: LabelMap }; template: PodTemplateManifest };
    }
  | {
      apiVersion: 'batch/v1';
      kind: 'Job';
      metadata: { name: string; namespace: string; ownerReferences?: OwnerReferenceManifest[] };
      spec: { template: PodTemplateManifest };
    }
  | {
      apiVersion: 'batch/v1';
      kind: 'CronJob';
      metadata: { name: string; namespace: string };
      spec: { schedule: string; jobTemplate: { spec: { template: PodTemplateManifest } } };
    };

/** A NetworkPolicy manifest. */
export interface NetworkPolicyManifest {
  apiVersion: 'networking.k8s.io/v1';
  kind: 'NetworkPolicy';
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: SelectorManifest;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: IngressRuleManifest[];
    egress?: EgressRuleManifest[];
  };
}

/** A generated cluster: manifests in the order a `kubectl apply -f` would read them. */
export interface ClusterManifests {
  readonly namespaces: readonly NamespaceManifest[];
  readonly pods: readonly PodManifest[];
  readonly policies: readonly NetworkPolicyManifest[];
  /**
   * Deployments, Jobs and CronJobs that own some of the pods (only with
   * `cluster({ withControllers: true })`). Pods may also be owned by ReplicaSets that are not
   * in the list, as `kubectl get pods,deploy` shows them.
   */
  readonly controllers?: readonly ControllerManifest[];
}

/** A `kind: List` holding manifests, as `kubectl get -o json` prints them. */
export interface ListManifest {
  apiVersion: 'v1';
  kind: 'List';
  items: object[];
}

/**
 * Sets `key` on `target` as an own enumerable property, even for keys such as `__proto__`
 * (a valid label key), which plain assignment would treat as the prototype.
 */
export function setOwn(target: LabelMap, key: string, value: string): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

// Builders for the Kubernetes objects the generator writes: plain JSON-ready objects, shaped as
// `kubectl get -o json` would print them (only the fields kube-reach reads).

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface Selector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly Requirement[];
}

export interface PortEntry {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface PeerEntry {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}

export interface IngressRule {
  readonly from?: readonly PeerEntry[];
  readonly ports?: readonly PortEntry[];
}

export interface EgressRule {
  readonly to?: readonly PeerEntry[];
  readonly ports?: readonly PortEntry[];
}

export interface ContainerPortEntry {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: Protocol;
}

export interface PolicySpec {
  readonly podSelector: Selector;
  readonly ingress?: readonly IngressRule[];
  readonly egress?: readonly EgressRule[];
  readonly policyTypes?: readonly ('Ingress' | 'Egress')[];
}

/** The pod CIDR the generator allocates from: 10.64.0.0/10, one address per pod, in order. */
export function podIp(index: number): string {
  const v = (10 << 24) + (64 << 16) + index + 1;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** Collects the objects of one generated cluster. */
export class ClusterBuilder {
  readonly objects: unknown[] = [];
  podCount = 0;
  policyCount = 0;

  namespace(name: string, labels: Record<string, string> = {}): void {
    this.objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
  }

  /** One pod with an IP from {@link podIp}; `owner` names its ReplicaSet or StatefulSet. */
  pod(
    namespace: string,
    name: string,
    labels: Record<string, string>,
    ports: readonly ContainerPortEntry[],
    owner?: { kind: string; name: string },
  ): void {
    const ip = podIp(this.podCount++);
    this.objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        namespace,
        name,
        labels,
        ...(owner
          ? {
              ownerReferences: [
                { apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, controller: true },
              ],
            }
          : {}),
      },
      spec: { containers: [{ name: 'main', image: 'app', ports }] },
      status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
    });
  }

  /** `replicas` pods of one workload, all with the same labels and ports. */
  workload(
    namespace: string,
    name: string,
    replicas: number,
    labels: Record<string, string>,
    ports: readonly ContainerPortEntry[],
    kind: 'ReplicaSet' | 'StatefulSet' = 'ReplicaSet',
    perPod?: (i: number, podName: string) => Record<string, string>,
  ): void {
    for (let i = 0; i < replicas; i++) {
      const podName = kind === 'StatefulSet' ? `${name}-${i}` : `${name}-${i.toString(36)}x`;
      const extra = perPod ? perPod(i, podName) : {};
      this.pod(namespace, podName, { ...labels, ...extra }, ports, { kind, name });
    }
  }

  policy(namespace: string, name: string, spec: PolicySpec): void {
    this.policyCount++;
    this.objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { namespace, name },
      spec,
    });
  }
}

/** Splits objects into `List` documents of at most `perSource` items, as separate JSON sources. */
export function toSources(
  objects: readonly unknown[],
  perSource = 20_000,
): { name: string; text: string }[] {
  const sources: { name: string; text: string }[] = [];
  for (let i = 0; i < objects.length; i += perSource) {
    const items = objects.slice(i, i + perSource);
    sources.push({
      name: `generated-${sources.length}.json`,
      text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
    });
  }
  return sources;
}

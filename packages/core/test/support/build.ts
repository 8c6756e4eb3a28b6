// Builds model objects directly (no YAML) for tests. Inputs are written like the manifests
// (`from`, `to`, `ipBlock`, plain label objects); the output is the model after the defaulting
// the API server does (protocol TCP, policyTypes, the namespace name label).

import type {
  AddressRef,
  Cluster,
  ContainerPort,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  OwnerRef,
  Peer,
  Pod,
  PodRef,
  PolicyRule,
  PolicyType,
  PortSpec,
  Protocol,
  SelectorOperator,
} from '../../src/model/index.js';
import { NAMESPACE_NAME_LABEL } from '../../src/model/index.js';

export type LabelsInput = Readonly<Record<string, string>>;

export interface SelectorInput {
  readonly matchLabels?: LabelsInput;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: SelectorOperator;
    readonly values?: readonly string[];
  }[];
}

export type PeerInput =
  | { readonly podSelector?: SelectorInput; readonly namespaceSelector?: SelectorInput }
  | { readonly ipBlock: { readonly cidr: string; readonly except?: readonly string[] } };

export interface PortInput {
  readonly protocol?: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface IngressRuleInput {
  readonly from?: readonly PeerInput[];
  readonly ports?: readonly PortInput[];
}

export interface EgressRuleInput {
  readonly to?: readonly PeerInput[];
  readonly ports?: readonly PortInput[];
}

export interface PolicyInput {
  readonly podSelector?: SelectorInput;
  /** Absent = defaulted as the API server does: Ingress, plus Egress when `egress` is non-empty. */
  readonly policyTypes?: readonly PolicyType[];
  readonly ingress?: readonly IngressRuleInput[];
  readonly egress?: readonly EgressRuleInput[];
}

export interface PodInput {
  readonly labels?: LabelsInput;
  /** Container ports; `protocol` defaults to TCP. */
  readonly ports?: readonly {
    readonly name?: string;
    readonly containerPort: number;
    readonly protocol?: Protocol;
  }[];
  readonly ips?: readonly string[];
  readonly hostNetwork?: boolean;
  readonly owner?: OwnerRef;
  readonly fromTemplate?: boolean;
}

/** `ns/name` split at the first slash (template pods keep `kind/name` as their name). */
function splitRef(ref: string): PodRef {
  const slash = ref.indexOf('/');
  if (slash <= 0) throw new Error(`expected namespace/name, got ${ref}`);
  return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** A pod reference from `ns/name`. */
export function ref(text: string): PodRef {
  return splitRef(text);
}

/** An address outside the cluster. */
export function addr(address: string): AddressRef {
  return { address };
}

export function labels(input: LabelsInput = {}): ReadonlyMap<string, string> {
  return new Map(Object.entries(input));
}

export function selector(input: SelectorInput = {}): LabelSelector {
  return {
    matchLabels: labels(input.matchLabels),
    matchExpressions: (input.matchExpressions ?? []).map((e) => ({
      key: e.key,
      operator: e.operator,
      values: e.values ?? [],
    })),
  };
}

/** A namespace; it always carries `kubernetes.io/metadata.name=<name>`. */
export function ns(name: string, input: LabelsInput = {}): Namespace {
  return { name, labels: labels({ ...input, [NAMESPACE_NAME_LABEL]: name }), synthesized: false };
}

/** A pod from `ns/name`. */
export function pod(text: string, input: PodInput = {}): Pod {
  const { namespace, name } = splitRef(text);
  const ports: ContainerPort[] = (input.ports ?? []).map((p) => ({
    ...(p.name === undefined ? {} : { name: p.name }),
    containerPort: p.containerPort,
    protocol: p.protocol ?? 'TCP',
  }));
  return {
    namespace,
    name,
    labels: labels(input.labels),
    ports,
    ips: input.ips ?? [],
    hostNetwork: input.hostNetwork ?? false,
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    fromTemplate: input.fromTemplate ?? false,
  };
}

function peer(input: PeerInput): Peer {
  if ('ipBlock' in input) {
    return { kind: 'ipBlock', cidr: input.ipBlock.cidr, except: input.ipBlock.except ?? [] };
  }
  return {
    kind: 'pods',
    ...(input.podSelector === undefined ? {} : { podSelector: selector(input.podSelector) }),
    ...(input.namespaceSelector === undefined
      ? {}
      : { namespaceSelector: selector(input.namespaceSelector) }),
  };
}

function port(input: PortInput): PortSpec {
  return {
    protocol: input.protocol ?? 'TCP',
    ...(input.port === undefined ? {} : { port: input.port }),
    ...(input.endPort === undefined ? {} : { endPort: input.endPort }),
  };
}

function rule(
  peers: readonly PeerInput[] | undefined,
  ports: readonly PortInput[] | undefined,
): PolicyRule {
  return {
    ...(peers === undefined ? {} : { peers: peers.map(peer) }),
    ...(ports === undefined ? {} : { ports: ports.map(port) }),
  };
}

/** A NetworkPolicy from `ns/name`, written like its manifest's `spec`. */
export function policy(text: string, spec: PolicyInput = {}): NetworkPolicy {
  const { namespace, name } = splitRef(text);
  const egress = (spec.egress ?? []).map((r) => rule(r.to, r.ports));
  const policyTypes: readonly PolicyType[] =
    spec.policyTypes ?? (egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress']);
  return {
    namespace,
    name,
    podSelector: selector(spec.podSelector),
    policyTypes,
    ingress: (spec.ingress ?? []).map((r) => rule(r.from, r.ports)),
    egress,
  };
}

export interface ClusterInput {
  readonly namespaces?: readonly Namespace[];
  readonly pods?: readonly Pod[];
  readonly policies?: readonly NetworkPolicy[];
}

const byNamespaceAndName = (a: PodRef, b: PodRef): number =>
  a.namespace < b.namespace
    ? -1
    : a.namespace > b.namespace
      ? 1
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0;

/**
 * A cluster. Namespaces used by pods or policies but not given are added with only their name
 * label (`synthesized: true`), as the parser does. Lists are sorted as the model requires.
 */
export function cluster(input: ClusterInput): Cluster {
  const pods = [...(input.pods ?? [])].sort(byNamespaceAndName);
  const policies = [...(input.policies ?? [])].sort(byNamespaceAndName);
  const namespaces = new Map((input.namespaces ?? []).map((n) => [n.name, n]));
  for (const { namespace } of [...pods, ...policies]) {
    if (!namespaces.has(namespace))
      namespaces.set(namespace, { ...ns(namespace), synthesized: true });
  }
  return {
    namespaces: [...namespaces.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    ),
    pods,
    workloads: [],
    services: [],
    policies,
  };
}

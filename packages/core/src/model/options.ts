/**
 * Behaviours that Kubernetes leaves to the network plugin. Every evaluator (reference and
 * compiled) takes the same options, and every explanation lists the values it assumed.
 *
 * `cni` names a profile (`'cilium'`, `'cilium@1.15'`, `'azure-npm'`, ... see `PROFILES`): a
 * documented set of the knobs below. Options given next to it win over the profile's values;
 * knobs neither gives take the `spec` profile's values (the API reference and the upstream e2e
 * tests).
 */
export interface SemanticsOptions {
  /**
   * Whether an `ipBlock` peer matches a pod whose IP lies inside it. The NetworkPolicy API
   * says ipBlock is meant for cluster-external addresses and leaves in-cluster matching to
   * the plugin. The upstream e2e tests expect pod IPs to match, and Calico matches them;
   * Cilium does not apply CIDR rules to traffic between endpoints it manages (its policy
   * docs), which is `false` here, as netpol-analyzer also assumes. `'egress-only'`: egress
   * ipBlocks match pods, ingress ipBlocks do not (nor the pods' addresses). Default `true`.
   * Pods with no known IP never match an ipBlock.
   */
  readonly ipBlockMatchesPods: boolean | 'egress-only';
  /**
   * How `hostNetwork: true` pods are treated. Kubernetes leaves it to the plugin, naming two
   * behaviours: `'node'`, the plugin cannot tell such pods from their node, so policies never
   * select them (as subjects or as peers) and their traffic is node traffic, matched by
   * ipBlocks on their IP only (OpenShift/OVN-Kubernetes, Calico and Cilium behave so: "a
   * network policy does not apply to the host network namespace"); `'pods'`, the plugin
   * applies NetworkPolicy to them like to any pod (netpol-analyzer assumes this). Default
   * `'node'`.
   */
  readonly hostNetworkPods: 'node' | 'pods';
  /** The CNI profile these options start from (`name` or `name@version`); absent = `spec`. */
  readonly cni?: string;
  /** Whether an ipBlock can match a node's addresses (and node traffic). Default `true`. */
  readonly ipBlockMatchesNodes?: boolean;
  /**
   * Traffic from a pod's own node to the pod: `'always'` allowed (the API reference: "traffic
   * to and from the node where a Pod is running is always allowed"), `'gateway'` allowed when
   * it comes through the node's gateway (all traffic the node itself originates; kube-reach
   * does not model SNATed traffic), `'policed'` like any other source. Default `'always'`.
   */
  readonly nodeIngress?: NodeIngress;
  /** Traffic from a pod to its own node: `'policed'` (default) or `'always'` allowed. */
  readonly egressToOwnNode?: 'policed' | 'always';
  /**
   * Host-network pods as peers (with `hostNetworkPods: 'node'`): `'node-ip'` (default) matched
   * by ipBlocks on their IPs, `'excluded'` matched by no peer, `'allowed'` always allowed.
   */
  readonly hostNetworkPeers?: HostNetworkPeers;
  /** `'supported'` (default) or `'ignored'`: only `port` is enforced, `endPort` dropped. */
  readonly endPort?: 'supported' | 'ignored';
  /** Whether SCTP port entries are enforced; when not, they match nothing. Default `true`. */
  readonly sctp?: boolean;
  /**
   * Named ports in egress rules: `'supported'` (default), `'pod-peers-only'` (resolved only for
   * peers matched by a pod or namespace selector, not by an ipBlock), `'unsupported'` (a named
   * egress port matches nothing).
   */
  readonly namedPortsInEgress?: NamedPortsInEgress;
  /**
   * Address families: `'dual'` (default), `'single'` (a pod has only its first IP), `'ipv4'`
   * (IPv6 pod addresses and IPv6 ipBlocks are not enforced: they match nothing).
   */
  readonly ipFamilies?: IpFamilies;
  /**
   * Which admin policy API the plugin implements: `'none'`, `'v1alpha1'` (AdminNetworkPolicy,
   * BaselineAdminNetworkPolicy), `'v1alpha2'` (ClusterNetworkPolicy) or `'any'` (default: every
   * admin policy of the input is evaluated). Policies of an API it lacks are not applied.
   */
  readonly adminPolicies?: AdminPolicySupport;
  /** The highest Admin-tier priority the plugin accepts; policies above it are not applied. */
  readonly adminPriorityCap?: number;
  /** False for a plugin that does not enforce NetworkPolicy at all (flannel). Default `true`. */
  readonly enforcesNetworkPolicy?: boolean;
}

/** The values of {@link SemanticsOptions.nodeIngress}. */
export type NodeIngress = 'always' | 'gateway' | 'policed';
/** The values of {@link SemanticsOptions.hostNetworkPeers}. */
export type HostNetworkPeers = 'node-ip' | 'excluded' | 'allowed';
/** The values of {@link SemanticsOptions.namedPortsInEgress}. */
export type NamedPortsInEgress = 'supported' | 'pod-peers-only' | 'unsupported';
/** The values of {@link SemanticsOptions.ipFamilies}. */
export type IpFamilies = 'dual' | 'single' | 'ipv4';
/** The values of {@link SemanticsOptions.adminPolicies}. */
export type AdminPolicySupport = 'none' | 'v1alpha1' | 'v1alpha2' | 'any';

/** The defaults of {@link SemanticsOptions}. */
export const DEFAULT_SEMANTICS: SemanticsOptions = Object.freeze({
  ipBlockMatchesPods: true,
  hostNetworkPods: 'node',
});

/**
 * Fills in the defaults of the two original {@link SemanticsOptions}; the other knobs are
 * kept as given (a profile fills them in when the cluster is compiled).
 */
export function resolveSemantics(options?: Partial<SemanticsOptions>): SemanticsOptions {
  const resolved: SemanticsOptions = {
    ...options,
    ipBlockMatchesPods: options?.ipBlockMatchesPods ?? DEFAULT_SEMANTICS.ipBlockMatchesPods,
    hostNetworkPods: options?.hostNetworkPods ?? DEFAULT_SEMANTICS.hostNetworkPods,
  };
  for (const key of Object.keys(resolved) as (keyof SemanticsOptions)[]) {
    if (resolved[key] === undefined) delete (resolved as unknown as Record<string, unknown>)[key];
  }
  return resolved;
}

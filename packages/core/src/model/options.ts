/**
 * Behaviours that Kubernetes leaves to the network plugin. Every evaluator (reference and
 * compiled) takes the same options, and every explanation lists the values it assumed.
 */
export interface SemanticsOptions {
  /**
   * Whether an `ipBlock` peer matches a pod whose IP lies inside it. The NetworkPolicy API
   * says ipBlock is meant for cluster-external addresses and leaves in-cluster matching to
   * the plugin. The upstream e2e tests expect pod IPs to match, and Calico matches them;
   * Cilium does not apply CIDR rules to traffic between endpoints it manages (its policy
   * docs), which is `false` here, as netpol-analyzer also assumes. Default `true`. Pods with
   * no known IP never match an ipBlock.
   */
  readonly ipBlockMatchesPods: boolean;
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
}

/** The defaults of {@link SemanticsOptions}. */
export const DEFAULT_SEMANTICS: SemanticsOptions = Object.freeze({
  ipBlockMatchesPods: true,
  hostNetworkPods: 'node',
});

/** Fills in the defaults of {@link SemanticsOptions}. */
export function resolveSemantics(options?: Partial<SemanticsOptions>): SemanticsOptions {
  return {
    ipBlockMatchesPods: options?.ipBlockMatchesPods ?? DEFAULT_SEMANTICS.ipBlockMatchesPods,
    hostNetworkPods: options?.hostNetworkPods ?? DEFAULT_SEMANTICS.hostNetworkPods,
  };
}

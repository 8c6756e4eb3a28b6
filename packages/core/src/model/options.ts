/**
 * Behaviours that Kubernetes leaves to the network plugin. Every evaluator (reference and
 * compiled) takes the same options, and every explanation lists the values it assumed.
 */
export interface SemanticsOptions {
  /**
   * Whether an `ipBlock` peer matches a pod whose IP lies inside it. The NetworkPolicy API
   * says ipBlock is meant for cluster-external addresses and leaves in-cluster matching to
   * the plugin; the upstream e2e tests expect pod IPs to match, and so do Calico, Cilium and
   * Antrea for pod-to-pod traffic without SNAT. Default `true`. Pods with no known IP never
   * match an ipBlock.
   */
  readonly ipBlockMatchesPods: boolean;
}

/** The defaults of {@link SemanticsOptions}. */
export const DEFAULT_SEMANTICS: SemanticsOptions = Object.freeze({ ipBlockMatchesPods: true });

/** Fills in the defaults of {@link SemanticsOptions}. */
export function resolveSemantics(options?: Partial<SemanticsOptions>): SemanticsOptions {
  return {
    ipBlockMatchesPods: options?.ipBlockMatchesPods ?? DEFAULT_SEMANTICS.ipBlockMatchesPods,
  };
}

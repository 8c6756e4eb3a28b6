import type { AdminAction, AdminPolicyOrigin } from '../model/index.js';

/**
 * What differs between the admin policy API versions we read, from the CRDs of
 * kubernetes-sigs/network-policy-api (`apis/v1alpha1/*_types.go` of v0.1.7,
 * `apis/v1alpha2/clusternetworkpolicy_types.go` of v0.2.0): rule and peer limits, the written
 * actions and what they become, and where ports are written.
 */
export interface AdminApi {
  readonly origin: AdminPolicyOrigin;
  readonly version: 'v1alpha1' | 'v1alpha2';
  /** `MaxItems` of `spec.ingress` / `spec.egress`: 100 in v1alpha1, 25 in v1alpha2. */
  readonly maxRules: number;
  /** `MaxItems` of a rule's `from` / `to`: 100 in v1alpha1, 25 in v1alpha2. */
  readonly maxPeers: number;
  /** The `action` enum, as written, to the model's action (v1alpha1 `Allow` is `Accept`). */
  readonly actions: { readonly [written: string]: AdminAction };
  /** `ports` (v1alpha1: portNumber, portRange, namedPort) or `protocols` (v1alpha2). */
  readonly portsField: 'ports' | 'protocols';
  /** `MaxItems` of `ports` / `protocols`: 100 in v1alpha1, 25 in v1alpha2. */
  readonly maxPorts: number;
  /**
   * Egress peers marked `<network-policy-api:experimental>`: in v1alpha1 `nodes`, `networks` and
   * `domainNames`; in v1alpha2 `nodes` and `domainNames` (`networks` is standard there).
   */
  readonly experimentalPeers: readonly string[];
}

const V1ALPHA1 = {
  version: 'v1alpha1',
  maxRules: 100,
  maxPeers: 100,
  portsField: 'ports',
  maxPorts: 100,
  experimentalPeers: ['domainNames', 'networks', 'nodes'],
} as const;

/** AdminNetworkPolicy v1alpha1: actions `Allow`, `Deny`, `Pass`. */
export const ANP_V1ALPHA1: AdminApi = {
  ...V1ALPHA1,
  origin: 'AdminNetworkPolicy/v1alpha1',
  actions: { Allow: 'Accept', Deny: 'Deny', Pass: 'Pass' },
};

/** BaselineAdminNetworkPolicy v1alpha1: actions `Allow` and `Deny` only. */
export const BANP_V1ALPHA1: AdminApi = {
  ...V1ALPHA1,
  origin: 'BaselineAdminNetworkPolicy/v1alpha1',
  actions: { Allow: 'Accept', Deny: 'Deny' },
};

/** ClusterNetworkPolicy v1alpha2: actions `Accept`, `Deny`, `Pass`; 25 rules, peers, protocols. */
export const CNP_V1ALPHA2: AdminApi = {
  origin: 'ClusterNetworkPolicy/v1alpha2',
  version: 'v1alpha2',
  maxRules: 25,
  maxPeers: 25,
  actions: { Accept: 'Accept', Deny: 'Deny', Pass: 'Pass' },
  portsField: 'protocols',
  maxPorts: 25,
  experimentalPeers: ['domainNames', 'nodes'],
};

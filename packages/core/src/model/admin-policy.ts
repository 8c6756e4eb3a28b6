import type { LabelSelector } from './labels.js';
import type { Protocol } from './policy.js';
import type { SourceRef } from './source.js';

/**
 * The cluster-wide admin policy API (`policy.networking.k8s.io`), held in one internal model:
 * the v1alpha2 ClusterNetworkPolicy one. v1alpha1 AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy objects are converted into it on load (issue 11).
 */

/** Where a policy sits: `Admin` is evaluated before NetworkPolicy, `Baseline` after it. */
export type AdminTier = 'Admin' | 'Baseline';

/**
 * What a matching rule does. `Accept` and `Deny` are final; `Pass` skips the rest of its tier
 * (Admin: on to NetworkPolicy; Baseline: on to the default, allow). v1alpha1 `Allow` is `Accept`.
 */
export type AdminAction = 'Accept' | 'Deny' | 'Pass';

/** The pods a policy applies to. Host-network pods are never subjects. */
export type AdminSubject =
  /** Every pod in the namespaces the selector picks. */
  | { readonly kind: 'namespaces'; readonly namespaceSelector: LabelSelector }
  /** The pods the pod selector picks, in the namespaces the namespace selector picks. */
  | {
      readonly kind: 'pods';
      readonly namespaceSelector: LabelSelector;
      readonly podSelector: LabelSelector;
    };

/** One element of a rule's `from` (ingress) or `to` (egress). */
export type AdminPeer =
  | AdminSubject
  /** Egress only: the addresses in the selected Node objects' `status.addresses`. */
  | { readonly kind: 'nodes'; readonly nodeSelector: LabelSelector }
  /** Egress only: CIDRs; they match pod IPs as well as external addresses. */
  | { readonly kind: 'networks'; readonly cidrs: readonly string[] }
  /** Egress only (experimental): exact names or `*.` wildcards, matched against FQDN endpoints. */
  | { readonly kind: 'domainNames'; readonly domainNames: readonly string[] };

/**
 * One entry of a rule's ports (v1alpha1 `ports`, v1alpha2 `protocols`): a protocol with an
 * inclusive port range (one number is `first === last`), or a named container port, resolved on
 * the destination pod (egress) or on the subject pod (ingress).
 */
export type AdminPort =
  | {
      readonly kind: 'range';
      readonly protocol: Protocol;
      readonly first: number;
      readonly last: number;
    }
  | { readonly kind: 'named'; readonly name: string };

/** One ingress or egress rule. Absent `ports` matches every port and protocol. */
export interface AdminRule {
  /** The rule's `name`, when given. */
  readonly name?: string;
  readonly action: AdminAction;
  readonly peers: readonly AdminPeer[];
  readonly ports?: readonly AdminPort[];
}

/** Which object an {@link AdminPolicy} was read from. */
export type AdminPolicyOrigin =
  | 'AdminNetworkPolicy/v1alpha1'
  | 'BaselineAdminNetworkPolicy/v1alpha1'
  | 'ClusterNetworkPolicy/v1alpha2';

/**
 * A cluster-scoped admin policy after conversion to the v1alpha2 model. Within a tier, policies
 * are evaluated in ascending `priority` (ties broken by `name`), and rules in written order;
 * the first matching rule decides. A v1alpha1 BaselineAdminNetworkPolicy has priority 0.
 */
export interface AdminPolicy {
  readonly name: string;
  readonly origin: AdminPolicyOrigin;
  readonly tier: AdminTier;
  readonly priority: number;
  readonly subject: AdminSubject;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly source?: SourceRef;
}

/** A Node: its labels and the IP addresses of its `status.addresses`. */
export interface Node {
  readonly name: string;
  readonly labels: ReadonlyMap<string, string>;
  /** IP addresses (InternalIP and ExternalIP entries), sorted; host names are left out. */
  readonly addresses: readonly string[];
  /** True when no Node object was given and the node was inferred from pods' `spec.nodeName`. */
  readonly synthesized: boolean;
  readonly source?: SourceRef;
}

const TIER_ORDER: { readonly [T in AdminTier]: number } = { Admin: 0, Baseline: 1 };

/**
 * The order of `Cluster.adminPolicies`: the Admin tier first, then ascending priority, then name
 * (then origin, so that the order is total).
 */
export function compareAdminPolicies(a: AdminPolicy, b: AdminPolicy): number {
  return (
    TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
    a.priority - b.priority ||
    compareText(a.name, b.name) ||
    compareText(a.origin, b.origin)
  );
}

/** The kind of the object an admin policy was read from (`AdminNetworkPolicy`, ...). */
export function adminPolicyKind(policy: AdminPolicy): string {
  return policy.origin.slice(0, policy.origin.indexOf('/'));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { LabelSelector } from './labels.js';
import type { SourceRef } from './source.js';

/** The transport protocols a NetworkPolicy port can name. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** All protocols, in the order we print them. */
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Highest port number. */
export const MAX_PORT = 65535;

/** A policy direction as spelled in `policyTypes`. */
export type PolicyType = 'Ingress' | 'Egress';

/** One entry of a rule's `ports`. */
export interface PortSpec {
  /** Defaulted to TCP by the parser when absent, as the API server does. */
  readonly protocol: Protocol;
  /** Absent = every port of `protocol`; a string = a named container port. */
  readonly port?: number | string;
  /** Inclusive end of a range; only with a numeric `port`. */
  readonly endPort?: number;
}

/**
 * One element of a rule's `from` or `to` list. `pods` holds a `podSelector`, a
 * `namespaceSelector`, or both (then ANDed); `ipBlock` a CIDR with exceptions.
 */
export type Peer =
  | {
      readonly kind: 'pods';
      readonly podSelector?: LabelSelector;
      readonly namespaceSelector?: LabelSelector;
    }
  | { readonly kind: 'ipBlock'; readonly cidr: string; readonly except: readonly string[] };

/**
 * One ingress or egress rule. `peers` is the rule's `from` (ingress) or `to` (egress).
 * Absent and empty are kept apart as in the manifest; both mean "every peer" / "every port".
 */
export interface PolicyRule {
  readonly peers?: readonly Peer[];
  readonly ports?: readonly PortSpec[];
}

/** A `networking.k8s.io/v1` NetworkPolicy after API-server defaulting. */
export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: LabelSelector;
  /** Defaulted: `[Ingress]`, plus `Egress` when `spec.egress` is non-empty. */
  readonly policyTypes: readonly PolicyType[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  readonly source?: SourceRef;
}
